import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ALL_PACKS } from "../policies/rules/packs";
import type { PlainResource } from "../policies/rules/types";
import { fromSynth, parseResourceDocument } from "./check/load";
import { readPolicyConfig } from "./check/policy-config";
import { formatJson, formatText } from "./check/report";
import { hasMandatory, runPacks } from "./check/run";
import { readStackConfig, stackFilePath } from "./synth/stack-file";
import { synthesize } from "./synth/synthesize";

const USAGE =
  "usage: npm run check -- (--stack <name> | --from <synth-or-export.json>) [--policy-config <file>] [--json]";

async function loadResources(
  stack: string | undefined,
  from: string | undefined,
): Promise<{ source: string; resources: PlainResource[] }> {
  if (from)
    return { source: from, resources: parseResourceDocument(JSON.parse(readFileSync(from, "utf8")) as unknown) };
  const name = stack ?? "";
  const result = await synthesize(readStackConfig(stackFilePath(name)), name);
  return { source: `stack ${name}`, resources: fromSynth(result.resources) };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stack: { type: "string" },
      from: { type: "string" },
      "policy-config": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean" },
    },
  });
  if (values.help || (!values.stack && !values.from) || (values.stack && values.from)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const overrides = values["policy-config"] ? readPolicyConfig(values["policy-config"], ALL_PACKS) : undefined;
  const { source, resources } = await loadResources(values.stack, values.from);
  const findings = runPacks(resources, ALL_PACKS, overrides);
  console.log(values.json ? formatJson(findings, resources.length, source) : formatText(findings, resources.length));
  return hasMandatory(findings) ? 1 : 0;
}

// exitCode rather than exit(): a large --json document must finish flushing to a pipe.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
