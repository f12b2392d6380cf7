import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellLayouts } from "../../components/config/cells";
import { sampleStacks } from "../../scripts/synth/stack-file";
import { checkStackRules, loadSampleStack, summarize } from "../../scripts/rules/stack";

/** What `npm run rules` does, on every sample stack: the files its monitoring loads, checked by promtool. */
let out: string;

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "im-rules-stacks-"));
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe.concurrent("npm run rules", () => {
  it.each(sampleStacks())(
    "%s: promtool check rules accepts every rule file the stack's monitoring loads",
    async (stack) => {
      const result = await checkStackRules(stack, out);
      if (result.status === "disabled") return;
      expect(result.status, summarize(result)).toBe("checked");
      if (result.status !== "checked") return;
      expect(result.promtool.ok, summarize(result)).toBe(true);
      const loaded = loadSampleStack(stack);
      const cells = loaded.ok ? cellLayouts(loaded.config).map((cell) => `cell-${cell.cell}.rules.yml`) : [];
      for (const target of result.targets) {
        expect(target.files.map((file) => file.name)).toEqual(expect.arrayContaining(["platform.rules.yml", ...cells]));
      }
    },
  );
});
