import * as k8s from "@pulumi/kubernetes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAddOn } from "../../components/addons/registry";
import { orderAddOns } from "../../components/core/addons";
import { SYSTEM_NAMESPACE } from "../../components/core/labels";
import type { PlatformAddOn } from "../../components/platform/addon";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { localRawConfig, meta, T, toStackConfig } from "../helpers/stack";

const named = (name: string, dependsOn?: string[]) => ({ name, dependsOn });

describe("add-on order", () => {
  it("puts every add-on after what it depends on, otherwise keeps the order given", () => {
    const order = orderAddOns([
      named("collector", ["operator"]),
      named("keda"),
      named("operator"),
      named("rules", ["collector", "keda"]),
    ]);
    expect(order.map((addOn) => addOn.name)).toEqual(["keda", "operator", "collector", "rules"]);
  });

  it.each([
    [[named("a"), named("a")], /"a" is given twice/],
    [[named("a", ["ghost"])], /"a" depends on "ghost", which is not deployed/],
    [[named("a", ["b"]), named("b", ["a"]), named("c")], /"a", "b" depend on each other in a cycle/],
  ])("refuses %j", (addOns, message) => {
    expect(() => orderAddOns(addOns)).toThrow(message);
  });
});

/** Two add-ons that exist only here: an "operator" and a "collector" that needs it, with a part in every cell. */
const operator: PlatformAddOn = {
  name: "test-operator",
  deploy: ({ opts }) => [
    new k8s.core.v1.ConfigMap(
      "test-operator",
      { metadata: { name: "test-operator", namespace: SYSTEM_NAMESPACE } },
      opts,
    ),
  ],
};
const collector: PlatformAddOn = {
  name: "test-collector",
  dependsOn: ["test-operator"],
  enabled: (config) => config.environment !== "prod",
  deploy: ({ opts }, after) => [
    new k8s.core.v1.ConfigMap(
      "test-collector",
      {
        metadata: { name: "test-collector", namespace: SYSTEM_NAMESPACE, annotations: { after: String(after.length) } },
      },
      opts,
    ),
  ],
  forCell: ({ cell, opts }, clusterParts) => [
    new k8s.core.v1.ConfigMap(
      `test-collector-${cell.cell}`,
      {
        metadata: {
          name: "test-collector",
          namespace: cell.namespace,
          labels: { tier: cell.tier },
          annotations: { parts: String(clusterParts.length) },
        },
      },
      opts,
    ),
  ],
};

describe("platform add-ons from the registry", () => {
  const removals: Array<() => void> = [];
  let stack: SynthResult;
  beforeAll(async () => {
    // Registered in the wrong order on purpose: the dependency decides.
    removals.push(registerAddOn(collector), registerAddOn(operator));
    stack = await synthesize(toStackConfig(localRawConfig()), "local");
  });
  afterAll(() => removals.forEach((remove) => remove()));

  it("deploys the cluster-wide parts under the platform, each after its dependencies", () => {
    const names = stack.resources.filter((r) => r.name.startsWith("test-")).map((r) => r.name);
    expect(names.indexOf("test-operator")).toBeLessThan(names.indexOf("test-collector"));
    const clusterWide = stack.resources.find((r) => r.name === "test-collector")!;
    expect(clusterWide.parent).toBe("main");
    expect(meta(clusterWide).annotations).toEqual({ after: "1" });
  });

  it("lays the per-cell part into every cell's namespace, parented to the cell", () => {
    const cells = stack.resources
      .filter((r) => r.type === T.namespace && meta(r).labels?.["im-platform.io/cell"])
      .map((r) => meta(r).name);
    const parts = stack.resources.filter(
      (r) => r.type === T.configMap && meta(r).name === "test-collector" && meta(r).namespace !== SYSTEM_NAMESPACE,
    );
    expect(cells.length).toBeGreaterThan(1);
    expect(parts.map((r) => meta(r).namespace).sort()).toEqual([...cells].sort());
    for (const part of parts) expect(part.parent).toMatch(/^main-tenancy-/);
  });
});
