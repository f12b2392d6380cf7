import { describe, expect, it } from "vitest";
import { cellNamespace } from "../../components/core/labels";
import { parseStackConfig } from "../../components/stack/load";
import { tenantHostname } from "../../components/stack/traffic";
import { definitionFor } from "../../components/targets/registry";
import { fleetStacks } from "../../scripts/fleet/plan";
import { memberConfig } from "../../scripts/fleet/renders";
import { sampleStacks } from "../../scripts/synth/stack-file";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { fromSynth } from "../../scripts/check/load";
import { runPacks } from "../../scripts/check/run";
import { ALL_PACKS } from "../../policies/rules/packs";
import { sampleWithDataInCluster, toStackConfig } from "../helpers/stack";

/** Kubernetes objects of a render, by type::name, with their inputs. */
function objects(result: SynthResult): Map<string, string> {
  return new Map(
    result.resources
      .filter((resource) => resource.type.startsWith("kubernetes:"))
      .map((resource) => [`${resource.type}::${resource.name}`, JSON.stringify(resource.inputs)]),
  );
}

const cloudResources = (result: SynthResult) =>
  result.resources.filter((resource) => /^(aws|gcp|azure-native):/.test(resource.type));

/** A sample as a fleet can run it: a fleet's cell stacks cannot reach managed data, so it stays in the cluster. */
const fleetSample = sampleWithDataInCluster;

const attachable = sampleStacks().filter((stack) =>
  parseStackConfig(fleetSample(stack), { stack }).targets.every((target) => definitionFor(target.cluster).attach),
);

describe("every sample stack whose targets can be attached to, as a fleet", () => {
  it("includes the local stack and the AWS ones", () => {
    expect(attachable).toEqual(expect.arrayContaining(["local", "aws-dev", "aws-prod"]));
  });

  it.each(attachable)(
    "%s: its stacks lay every object of the one-stack layout once, with the same inputs, and cloud resources once: the target's in the platform stack, a cell's own in its stack",
    async (stack) => {
      const raw = fleetSample(stack);
      const text = toStackConfig(raw);
      const whole = await synthesize(text, stack);
      const stacks = fleetStacks(stack, parseStackConfig(raw, { stack }), raw, "code");
      const renders = [];
      for (const member of stacks) renders.push(await synthesize(memberConfig(text, member), member.name));
      const cells = renders.slice(1);
      const seen = new Map<string, string>();
      for (const render of renders) {
        for (const [key, inputs] of objects(render)) {
          expect(seen.has(key), `${key} in two stacks`).toBe(false);
          seen.set(key, inputs);
        }
      }
      expect(seen).toEqual(objects(whole));
      // A cell stack builds nothing of the target; what it creates in the cloud is its own (its
      // rules in a managed rule engine, its tenant's hostnames) and names its namespace or hostname.
      const config = parseStackConfig(raw, { stack });
      stacks.slice(1).forEach((member, index) => {
        const [cell] = member.member.cells;
        const own = [
          cellNamespace(cell!),
          ...(config.traffic
            ? (["gateway", "api"] as const).map((face) => tenantHostname(config.traffic!, cell!, face))
            : []),
        ];
        for (const resource of cloudResources(cells[index]!)) {
          const inputs = JSON.stringify(resource.inputs);
          expect(
            own.some((name) => inputs.includes(name)),
            `${resource.type} in ${member.name} names none of ${own.join(", ")}`,
          ).toBe(true);
        }
      });
      const count = (result: SynthResult) => cloudResources(result).length;
      expect(renders.reduce((total, render) => total + count(render), 0)).toBe(count(whole));
    },
    120_000,
  );

  it("passes both packs checked as one fleet, each stack rendered on its own: a target's cluster is the same in every stack", async () => {
    const stack = "local";
    const raw = fleetSample(stack);
    const text = toStackConfig(raw);
    const stacks = fleetStacks(stack, parseStackConfig(raw, { stack }), raw, "code");
    const resources = [];
    for (const member of stacks) {
      const render = await synthesize(memberConfig(text, member), member.name);
      // As the engine shows them: not the platform stack a cell stack only references.
      resources.push(
        ...fromSynth(render.resources.filter((resource) => resource.type !== "pulumi:pulumi:StackReference")),
      );
    }
    expect(new Set(resources.flatMap((resource) => (resource.cluster ? [resource.cluster] : []))).size).toBe(1);
    expect(runPacks(resources, ALL_PACKS).filter((finding) => finding.level === "mandatory")).toEqual([]);
  }, 120_000);
});
