import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { ALL_PACKS } from "../../policies/rules/packs";
import { fromSynth } from "../check/load";
import { hasMandatory, runPacks } from "../check/run";
import { synthesize } from "../synth/synthesize";
import { SCENARIOS, scenarioConfig } from "./scenarios";
import type { KitFigures } from "./figures";

/**
 * One bench scenario through the kit, in a process of its own so its peak RSS is its own: synth
 * under mocks, then the offline policy check; the registered resources go to a JSON-lines file
 * the floor program replays.
 */
async function main(): Promise<void> {
  const [indexText, replayFile] = process.argv.slice(2);
  const scenario = SCENARIOS[Number(indexText)];
  if (!scenario || !replayFile) throw new Error("usage: run-kit.ts <scenario index> <replay file>");
  const config = scenarioConfig(scenario);

  const synthStart = performance.now();
  const result = await synthesize(config, "bench");
  const synthMs = performance.now() - synthStart;
  const synthPeakRssBytes = process.resourceUsage().maxRSS * 1024;

  const checkStart = performance.now();
  const resources = fromSynth(result.resources);
  const findings = runPacks(resources, ALL_PACKS);
  const checkMs = performance.now() - checkStart;

  const out = createWriteStream(replayFile);
  for (const resource of result.resources) {
    if (!out.write(`${JSON.stringify(resource)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");

  const figures: KitFigures = {
    resources: result.resources.length,
    synthMs,
    synthPeakRssBytes,
    checkMs,
    rules: ALL_PACKS.reduce((sum, pack) => sum + pack.rules.length, 0),
    mandatoryViolations: hasMandatory(findings)
      ? findings.filter((finding) => finding.level === "mandatory").length
      : 0,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
