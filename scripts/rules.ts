import * as path from "node:path";
import { parseArgs } from "node:util";
import { sampleStacks } from "./synth/stack-file";
import { checkStackRules, summarize } from "./rules/stack";

const USAGE = "usage: npm run rules -- [--stack <name>] [--out <dir>]";
const DEFAULT_OUT = path.resolve(__dirname, "../out/rules");

/**
 * Writes the Prometheus rule files each sample stack's monitoring loads (the platform's, one per
 * cell) and the dashboards' queries as recording rules, under `<out>/<stack>/<target>/`, then has
 * `promtool check rules` parse and lint them. Exits 1 when a stack's config is invalid or
 * promtool refuses a file.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { stack: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const stacks = values.stack ? [values.stack] : sampleStacks();
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  let failed = false;
  for (const stack of stacks) {
    const result = await checkStackRules(stack, out);
    console.log(summarize(result));
    if (result.status === "invalid" || (result.status === "checked" && !result.promtool.ok)) failed = true;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
