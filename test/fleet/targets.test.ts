import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../components/stack/load";
import { definitionFor } from "../../components/targets/registry";
import { fleetStacks } from "../../scripts/fleet/plan";
import { memberConfig } from "../../scripts/fleet/renders";
import { sampleStacks } from "../../scripts/synth/stack-file";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { sampleRawConfig, toStackConfig } from "../helpers/stack";

/** Kubernetes objects of a render, by type::name, with their inputs. */
function objects(result: SynthResult): Map<string, string> {
  return new Map(
    result.resources
      .filter((resource) => resource.type.startsWith("kubernetes:"))
      .map((resource) => [`${resource.type}::${resource.name}`, JSON.stringify(resource.inputs)]),
  );
}

const cloudTypes = (result: SynthResult) =>
  result.resources
    .filter((resource) => /^(aws|gcp|azure-native):/.test(resource.type))
    .map((resource) => resource.type);

const attachable = sampleStacks().filter((stack) =>
  parseStackConfig(sampleRawConfig(stack), { stack }).targets.every((target) => definitionFor(target.cluster).attach),
);

describe("every sample stack whose targets can be attached to, as a fleet", () => {
  it("includes the local stack and the AWS ones", () => {
    expect(attachable).toEqual(expect.arrayContaining(["local", "aws-dev", "aws-prod"]));
  });

  it.each(attachable)(
    "%s: its stacks lay every object of the one-stack layout once, with the same inputs, and cloud resources in the platform stack only",
    async (stack) => {
      const raw = sampleRawConfig(stack);
      const text = toStackConfig(raw);
      const whole = await synthesize(text, stack);
      const stacks = fleetStacks(stack, parseStackConfig(raw, { stack }), raw, "code");
      const renders = [];
      for (const member of stacks) renders.push(await synthesize(memberConfig(text, member), member.name));
      const [platform, ...cells] = renders;
      const seen = new Map<string, string>();
      for (const render of renders) {
        for (const [key, inputs] of objects(render)) {
          expect(seen.has(key), `${key} in two stacks`).toBe(false);
          seen.set(key, inputs);
        }
      }
      expect(seen).toEqual(objects(whole));
      for (const cell of cells) expect(cloudTypes(cell)).toEqual([]);
      expect(cloudTypes(platform!).length).toBe(cloudTypes(whole).length);
    },
    120_000,
  );
});
