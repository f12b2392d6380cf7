import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../components/config/errors";
import { capacityChart } from "./capacity/chart";
import { compareStack } from "./capacity/compare";
import { loadStackFile } from "./capacity/load";
import { chartInput, jsonReport, textReport } from "./capacity/report";
import { StackFileError, stackFilePath } from "./synth/stack-file";

const USAGE = "usage: npm run capacity -- (--stack <name> | --config <file>) [--json] [--chart <file.svg>]";

function main(): number {
  const { values } = parseArgs({
    options: {
      stack: { type: "string" },
      config: { type: "string" },
      json: { type: "boolean", default: false },
      chart: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help || (!values.stack && !values.config)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const stack = values.stack ?? "custom";
  const { config, warnings } = loadStackFile(values.config ?? stackFilePath(stack), stack);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  const comparisons = compareStack(config);
  process.stdout.write(values.json ? jsonReport(stack, comparisons) : `${textReport(stack, comparisons)}\n`);
  if (values.chart) {
    mkdirSync(dirname(values.chart), { recursive: true });
    writeFileSync(values.chart, capacityChart(chartInput(stack, comparisons)));
    console.error(`chart written to ${values.chart}`);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  if (error instanceof ConfigError || error instanceof StackFileError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
