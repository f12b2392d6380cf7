import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const PACKS = ["security", "tenancy"].map((pack) => join(ROOT, "policies", pack, "index.ts"));

/**
 * `pulumi preview --policy-pack` type-checks a pack from the caller's project directory: with no
 * tsconfig.json there, the policy runtime compiles with its own defaults (target ES2020, no lib
 * beyond it). The packs must compile so from any project, not only under the kit's tsconfig.
 */
const POLICY_RUNTIME_DEFAULTS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  noEmit: true,
};

describe("policy packs compiled as the policy runtime compiles them outside this repository", () => {
  it("type-check with the runtime's defaults (no ES2021+ library calls in the packs' imports)", () => {
    const program = ts.createProgram(PACKS, POLICY_RUNTIME_DEFAULTS);
    const ownFiles = program.getSourceFiles().filter((file) => !file.fileName.includes("/node_modules/"));
    expect(ownFiles.length).toBeGreaterThan(PACKS.length);
    const problems = ownFiles
      .flatMap((file) => program.getSemanticDiagnostics(file))
      .map((diagnostic) => {
        const where = diagnostic.file ? relative(ROOT, diagnostic.file.fileName) : "(program)";
        return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);
});
