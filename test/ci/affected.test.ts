import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { affectedStacks } from "../../scripts/ci/affected";
import type { PipelineStack } from "../../scripts/ci/stacks";

const stack = (name: string, layout: PipelineStack["layout"] = "stack"): PipelineStack => ({
  stack: name,
  environment: "dev",
  layout,
  targetKinds: ["existing"],
});
const STACKS = [stack("aws-dev"), stack("gcp-prod"), stack("big", "fleet")];

describe("the stacks a change touches", () => {
  it.each([
    { changed: ["stacks/Pulumi.aws-dev.yaml"], expected: ["aws-dev"] },
    { changed: ["stacks/Pulumi.aws-dev.yaml", "stacks/Pulumi.big.yaml"], expected: ["aws-dev", "big"] },
    { changed: ["components/tenancy/cell.ts"], expected: ["aws-dev", "gcp-prod", "big"] },
    { changed: ["policies/rules/security/images.ts"], expected: ["aws-dev", "gcp-prod", "big"] },
    { changed: ["package-lock.json"], expected: ["aws-dev", "gcp-prod", "big"] },
    { changed: ["index.ts"], expected: ["aws-dev", "gcp-prod", "big"] },
    { changed: ["scripts/fleet/plan.ts"], expected: ["big"] },
    { changed: ["README.md", "test/ci/affected.test.ts", ".github/workflows/deploy.yml"], expected: [] },
    { changed: ["scripts/ci/engine.ts", "scripts/synth.ts"], expected: [] },
    // A file that only looks like a kit path is not one.
    { changed: ["docs/components/x.md", "index.ts.bak"], expected: [] },
    // A stack file of a stack that has no file any more (deleted) touches nothing listed.
    { changed: ["stacks/Pulumi.gone.yaml"], expected: [] },
  ])("$changed -> $expected", ({ changed, expected }) => {
    expect(affectedStacks(changed, STACKS).map((entry) => entry.stack)).toEqual(expected);
  });

  it("says why: the stack's own file before the kit's code", () => {
    expect(affectedStacks(["stacks/Pulumi.big.yaml", "components/program.ts"], STACKS)).toEqual([
      { stack: "aws-dev", reason: "the kit's code" },
      { stack: "gcp-prod", reason: "the kit's code" },
      { stack: "big", reason: "its stack file" },
    ]);
  });

  it("never drops a stack when more paths change (monotone)", () => {
    const paths = fc.constantFrom(
      "stacks/Pulumi.aws-dev.yaml",
      "stacks/Pulumi.big.yaml",
      "components/program.ts",
      "scripts/fleet/run.ts",
      "README.md",
      "test/x.ts",
    );
    fc.assert(
      fc.property(fc.array(paths), fc.array(paths), (some, more) => {
        const before = affectedStacks(some, STACKS).map((entry) => entry.stack);
        const after = affectedStacks([...some, ...more], STACKS).map((entry) => entry.stack);
        expect(before.every((name) => after.includes(name))).toBe(true);
      }),
    );
  });
});
