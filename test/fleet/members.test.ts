import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseStackConfig } from "../../components/stack/load";
import { fleetStacks } from "../../scripts/fleet/plan";
import { fleetResources } from "../../scripts/fleet/renders";
import { platformReference } from "../../policies/rules/data-scope";
import { ALL_PACKS } from "../../policies/rules/packs";
import { fromSynth } from "../../scripts/check/load";
import { runPacks } from "../../scripts/check/run";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { expectIssueAt } from "../helpers/config";
import { deepClone, localRawConfig, sampleRawConfig, toStackConfig } from "../helpers/stack";

const FLEET = "local";
const base = localRawConfig();
const CELLS = ["acme", "globex", "initech"];

function member(platform: boolean, cells: string[]): Record<string, unknown> {
  return { ...deepClone(base), fleetMember: { fleet: FLEET, platform, cells, platformStack: "local.platform" } };
}

/** type::name of a synthesized stack's resources, the stack reference left out. */
function keys(result: SynthResult): Set<string> {
  return new Set(
    result.resources
      .filter((resource) => resource.type !== "pulumi:pulumi:StackReference")
      .map((resource) => `${resource.type}::${resource.name}`),
  );
}

function inputsOf(result: SynthResult): Map<string, string> {
  return new Map(
    result.resources.map((resource) => [`${resource.type}::${resource.name}`, JSON.stringify(resource.inputs)]),
  );
}

let whole: SynthResult;
let platform: SynthResult;
const cells = new Map<string, SynthResult>();

beforeAll(async () => {
  whole = await synthesize(toStackConfig(base), FLEET);
  platform = await synthesize(toStackConfig(member(true, [])), FLEET);
  for (const cell of CELLS) cells.set(cell, await synthesize(toStackConfig(member(false, [cell])), FLEET));
}, 120_000);

describe("a fleet's stacks, from one stack file", () => {
  it("deploy together exactly the objects the one-stack layout deploys, each once, with the same inputs", () => {
    const wholeKeys = keys(whole);
    const platformKeys = keys(platform);
    const cellKeys = CELLS.map((cell) => keys(cells.get(cell)!));
    // Components and the cluster's provider repeat in every stack; every object lives in one stack only.
    const isObject = (key: string) => key.startsWith("kubernetes:");
    const owned = [platformKeys, ...cellKeys].flatMap((set) => [...set].filter(isObject));
    expect(new Set(owned).size).toBe(owned.length);
    expect(new Set(owned)).toEqual(new Set([...wholeKeys].filter(isObject)));
    const wholeInputs = inputsOf(whole);
    for (const result of [platform, ...cells.values()]) {
      for (const [key, inputs] of inputsOf(result)) if (isObject(key)) expect(inputs, key).toBe(wholeInputs.get(key));
    }
  });

  it("lay the platform (data sets, admission policy, directory) in the platform stack and no cell", () => {
    const types = [...keys(platform)];
    expect(types).toContain("kubernetes:core/v1:ConfigMap::main-tenancy-directory");
    expect(
      types.some((key) => key.startsWith("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy::")),
    ).toBe(true);
    expect(types.some((key) => key.includes("main-tenancy-acme"))).toBe(false);
    expect(platform.outputs.platformFacts).toMatchObject({
      admissionPolicy: "im-platform-cell-priority",
      dataNamespaces: ["im-data"],
    });
  });

  it("make a cell stack read its platform stack, so it fails plainly before the platform exists", () => {
    const references = cells
      .get("acme")!
      .resources.filter((resource) => resource.type === "pulumi:pulumi:StackReference");
    expect(references.map((resource) => resource.inputs.name)).toEqual(["local.platform"]);
    expect(
      [...keys(cells.get("acme")!)].filter((key) => key.startsWith("kubernetes:") && !key.includes("-acme")),
    ).toEqual([]);
  });

  it("render a cell the same whoever else is in the fleet: onboarding leaves other cells alone", async () => {
    const grown = member(false, ["acme"]);
    (grown.tenants as unknown[]).push({ id: "umbrella", tier: "vip", quota: { cpu: "24", memory: "48Gi", pods: 150 } });
    const after = await synthesize(toStackConfig(grown), FLEET);
    expect(inputsOf(after)).toEqual(inputsOf(cells.get("acme")!));
  });
});

describe("a fleet member's config", () => {
  it("names only cells the config lays out", () => {
    expectIssueAt(member(false, ["nobody"]), "im-platform:fleetMember.cells[0]", /is no cell of this config/);
  });

  it("names the platform stack a cell stack needs", () => {
    const config = member(false, ["acme"]);
    delete (config.fleetMember as Record<string, unknown>).platformStack;
    expectIssueAt(config, "im-platform:fleetMember.platformStack", /name the fleet's platform stack/);
  });

  it("refuses cell stacks on a target kind that cannot be attached to, naming the target", () => {
    const gcp = sampleRawConfig("gcp-dev");
    const tenant = (gcp.tenants as Array<{ id: string }>)[0]!.id;
    expectIssueAt(
      {
        ...gcp,
        fleetMember: { fleet: "gcp-dev", platform: false, cells: [tenant], platformStack: "gcp-dev.platform" },
      },
      "im-platform:fleetMember.platform",
      /target "main" \(kind gcp\) cannot be attached to yet/,
    );
  });
});

describe("a cell stack's policy packs", () => {
  const findingsOf = (result: SynthResult, facts?: unknown) =>
    runPacks([...fromSynth(result.resources), ...(facts === undefined ? [] : [platformReference(facts)])], ALL_PACKS)
      .filter((finding) => finding.level === "mandatory")
      .map((finding) => finding.id);

  it("judge its cells against the platform stack's facts, handed over as policy config", () => {
    expect(findingsOf(cells.get("acme")!, platform.outputs.platformFacts)).toEqual([]);
  });

  it("refuse its cells without them: nothing shows the admission policy or the data namespace", () => {
    expect(new Set(findingsOf(cells.get("acme")!))).toEqual(new Set(["IMT002", "IMT012"]));
  });
});

describe("the fleet-wide check's renders", () => {
  const objects = (resources: readonly { type: string; name: string; props: unknown }[]) =>
    resources
      .filter((resource) => resource.type.startsWith("kubernetes:"))
      .map((resource) => `${resource.type}::${resource.name}::${JSON.stringify(resource.props)}`)
      .sort();

  it("are the same whether the fleet is rendered at once and split, or stack by stack from the cache", async () => {
    const raw = deepClone(base);
    const config = parseStackConfig(raw);
    const stacks = fleetStacks(FLEET, config, raw, "code");
    const cache = mkdtempSync(join(tmpdir(), "im-platform-renders-"));
    try {
      const rendered = await fleetResources(FLEET, toStackConfig(raw), stacks, cache);
      expect(objects(rendered)).toEqual(objects(fromSynth(whole.resources)));
      // One stack's render gone: only it is rendered again, as its own stack, and nothing differs.
      rmSync(join(cache, "local.cell.globex.json"));
      const again = await fleetResources(FLEET, toStackConfig(raw), stacks, cache);
      expect(objects(again)).toEqual(objects(rendered));
      expect(existsSync(join(cache, "local.cell.globex.json"))).toBe(true);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
