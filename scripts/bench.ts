import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { FloorFigures, KitFigures } from "./bench/figures";
import { figuresTable, growthTable, type Measured, targetLines, targets } from "./bench/report";
import { SCENARIOS } from "./bench/scenarios";

const USAGE = "usage: npm run bench -- [--max-tenants 1000]";

/** Runs one bench step in a fresh Node process (its own peak RSS) and returns the JSON it prints. */
function runStep<T>(script: string, args: readonly string[]): T {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "bench", script), ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed:\n${result.stderr}`);
  const lastLine = result.stdout.trimEnd().split("\n").pop() ?? "";
  return JSON.parse(lastLine) as T;
}

function main(): number {
  const { values } = parseArgs({
    options: { "max-tenants": { type: "string", default: "1000" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const maxTenants = Number(values["max-tenants"]);
  const work = mkdtempSync(join(tmpdir(), "im-platform-bench-"));
  const cpu = cpus();
  console.log(
    `im-platform bench: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );
  console.log(
    "kit: synth under mocks, then the offline policy check; floor: the same registrations with no kit logic\n",
  );
  const rows: Measured[] = [];
  try {
    SCENARIOS.forEach((scenario, index) => {
      if (scenario.tenants > maxTenants) return;
      const replay = join(work, `scenario-${index}.jsonl`);
      const kit = runStep<KitFigures>("run-kit.ts", [String(index), replay]);
      if (kit.mandatoryViolations > 0)
        throw new Error(`${scenario.name}: ${kit.mandatoryViolations} mandatory policy violations`);
      const floor = runStep<FloorFigures>("run-floor.ts", [replay]);
      if (floor.resources !== kit.resources)
        throw new Error(
          `${scenario.name}: the floor registered ${floor.resources} resources, the kit ${kit.resources}`,
        );
      rows.push({ scenario, kit, floor });
      rmSync(replay);
      console.log(`  measured ${scenario.name}`);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\n${figuresTable(rows)}\n\ncost growth\n${growthTable(rows)}\n\ntargets\n${targetLines(targets(rows))}`);
  return 0;
}

process.exitCode = main();
