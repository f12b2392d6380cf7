import { parseArgs } from "node:util";
import { ConfigError } from "../components/config/errors";
import { readStackConfig, StackFileError, stackFilePath } from "./synth/stack-file";
import { summarize } from "./synth/summary";
import { synthesize } from "./synth/synthesize";

const USAGE = "usage: npm run synth -- (--stack <name> | --config <file>) [--json]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stack: { type: "string" },
      config: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean" },
    },
  });
  if (values.help || (!values.stack && !values.config)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const stack = values.stack ?? "custom";
  const file = values.config ?? stackFilePath(stack);
  const result = await synthesize(readStackConfig(file), stack);
  if (values.json) {
    const resources = result.resources.map(({ type, name, parent, inputs }) => ({ type, name, parent, inputs }));
    process.stdout.write(`${JSON.stringify({ stack, resources, outputs: result.outputs }, null, 2)}\n`);
  } else {
    console.log(summarize(result, stack));
  }
  return 0;
}

// exitCode rather than exit(): a large --json document must finish flushing to a pipe.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StackFileError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
