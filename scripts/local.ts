import { parseArgs } from "node:util";
import { ConfigError } from "../components/config/errors";
import { applyStack, destroyStack, diffStack } from "./local/deploy";
import { manifestsOf } from "./local/manifests";
import { readStackConfig, stackFilePath } from "./synth/stack-file";
import { synthesize } from "./synth/synthesize";

const USAGE = "usage: npm run local -- (apply | diff | destroy) [--stack local]";

/**
 * Puts a stack's Kubernetes objects on the local control plane (scripts/local-cluster) with
 * server-side apply: the real API server validates, admits (Pod Security, ResourceQuota) and
 * reconciles them. Cloud resources are out of reach here, so only the Kubernetes layer runs.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { stack: { type: "string", default: "local" } } });
  const [command] = positionals;
  const stack = values.stack;
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  if (command === "destroy") {
    console.log(`deleted ${destroyStack(stack)} objects of stack ${stack} in ${seconds()} s`);
    return 0;
  }
  if (command !== "apply" && command !== "diff") {
    console.error(USAGE);
    return 2;
  }
  const objects = manifestsOf(await synthesize(readStackConfig(stackFilePath(stack)), stack));
  if (command === "diff") {
    const diff = diffStack(objects);
    console.log(diff || `no changes: the cluster matches stack ${stack}`);
    return 0;
  }
  const report = applyStack(stack, objects);
  console.log(`applied ${report.applied} objects of stack ${stack}, removed ${report.removed.length}, in ${seconds()} s`);
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof ConfigError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.stack ?? error.message);
    process.exitCode = 1;
  },
);
