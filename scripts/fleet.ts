import { parseArgs } from "node:util";
import { ConfigError } from "../components/config/errors";
import { DEFAULT_PARALLEL_STACKS, runFleet, type FleetCommand } from "./fleet/fleet";
import { formatReport, outcomeLine } from "./fleet/report";

const USAGE = `usage: npm run fleet -- <plan|preview|up|destroy> --stack <fleet> [--all] [--parallel-stacks N] [--no-policy] [--json]
  plan      read and check the fleet's stack file, print the stacks a run would touch
  preview   preview the touched stacks (every stack with --all) with both policy packs
  up        apply: removed cells, then the platform stack, then the cell stacks in parallel
  destroy   destroy every stack the fleet applied, cells first
The fleet is stacks/Pulumi.<fleet>.yaml, marked im-platform:layout: fleet; its stacks live in
~/.cache/im-platform/fleet/<fleet>.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      stack: { type: "string" },
      all: { type: "boolean", default: false },
      "parallel-stacks": { type: "string", default: String(DEFAULT_PARALLEL_STACKS) },
      "no-policy": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const [command] = positionals;
  if (!values.stack || !["plan", "preview", "up", "destroy"].includes(command ?? "")) {
    console.error(USAGE);
    return 2;
  }
  const parallelStacks = Number(values["parallel-stacks"]);
  if (!Number.isInteger(parallelStacks) || parallelStacks < 1) {
    console.error(`--parallel-stacks must be a whole number of at least 1; got ${values["parallel-stacks"]}`);
    return 2;
  }
  const started = performance.now();
  const report = await runFleet(command as FleetCommand, {
    fleet: values.stack,
    all: values.all,
    policy: !values["no-policy"],
    parallelStacks,
    onOutcome: values.json ? undefined : (outcome) => console.error(outcomeLine(outcome)),
    onPhase: (phase, seconds) => console.error(`${phase}: ${seconds.toFixed(1)} s`),
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  console.error(`fleet ${command} of ${values.stack} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
