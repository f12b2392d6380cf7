// npm run scan: renders every sample stack's Kubernetes objects (the offline synth), scores them
// with kube-score (built by scripts/tools/install-scanner.sh) and fails on any finding whose check
// policies/scanner-answers.ts does not answer. Prints the counts per stack.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { SCANNER_ANSWERS } from "../policies/scanner-answers";
import { BIN_DIR } from "./local/paths";
import { kubernetesManifests } from "./manifests/render";
import { findingsOf, triage, type KubeScoreObject } from "./scan/findings";
import { readStackConfig, sampleStacks, stackFilePath } from "./synth/stack-file";
import { synthesize } from "./synth/synthesize";

async function main(): Promise<number> {
  const stacks = sampleStacks();
  const dir = mkdtempSync(path.join(tmpdir(), "im-scan-"));
  let open = 0;
  try {
    for (const stack of stacks) {
      const manifests = kubernetesManifests((await synthesize(readStackConfig(stackFilePath(stack)), stack)).resources);
      const file = path.join(dir, `${stack}.yaml`);
      // kube-score reads YAML 1.1, where a plain yes/no/on/off is a boolean: quote them as 1.1 would.
      writeFileSync(file, manifests.map((manifest) => stringify(manifest, { version: "1.1" })).join("---\n"));
      const run = spawnSync(path.join(BIN_DIR, "kube-score"), ["score", "-o", "json", file], {
        encoding: "utf8",
        maxBuffer: 256 << 20,
      });
      if (run.error || !run.stdout)
        throw new Error(
          `kube-score did not run (${run.error?.message ?? run.stderr}); run scripts/tools/install-scanner.sh`,
        );
      const result = triage(findingsOf(JSON.parse(run.stdout) as KubeScoreObject[]), SCANNER_ANSWERS);
      const answered = Object.entries(result.answered)
        .map(([check, count]) => `${check} ${count}`)
        .join(", ");
      console.log(
        `${stack}: ${manifests.length} objects; answered: ${answered || "none"}; open: ${result.open.length}`,
      );
      for (const finding of result.open)
        console.log(`  OPEN ${finding.check} on ${finding.object}: ${finding.summary}`);
      open += result.open.length;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`kube-score: ${open} open findings across ${stacks.length} stacks`);
  return open > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
