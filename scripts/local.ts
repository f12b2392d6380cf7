import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { POLICY_PACK_FLAGS, pulumiInteractive } from "./local/pulumi";
import { clusterAddOnsFor, loadStack } from "./local-cluster/stack";
import { stackFilePath } from "./synth/stack-file";

const USAGE = `usage: npm run local -- <command> [--stack local] [--no-policy] [-- <pulumi flags>]
  up        build the toolchain if needed, start the local control plane (with the add-ons the
            stack needs) if needed, create the stack's simulated nodes, pulumi up
  preview   pulumi preview
  destroy   pulumi destroy
  down      pulumi destroy, then stop the local control plane`;

const ROOT = join(__dirname, "..");

function run(script: string, ...args: string[]): void {
  const result = spawnSync("bash", [join(ROOT, script), ...args], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

function clusterRunning(): boolean {
  return (
    spawnSync("bash", [join(ROOT, "scripts/local-cluster/cluster.sh"), "status"], { stdio: "ignore" }).status === 0
  );
}

/**
 * The kit's main job on the embedded default: the real Pulumi engine deploys a stack (the local
 * one unless told) to the real API server of scripts/local-cluster, state in a file backend and
 * secrets under a passphrase, both outside the repository.
 */
function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { stack: { type: "string", default: "local" }, "no-policy": { type: "boolean", default: false } },
  });
  const [command, ...extra] = positionals;
  const stack = values.stack;
  const policyFlags = values["no-policy"] ? [] : POLICY_PACK_FLAGS;
  const settings = { cwd: ROOT };
  const started = performance.now();
  const report = (what: string) => console.log(`${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  switch (command) {
    case "up": {
      const config = loadStack(stackFilePath(stack));
      if (config.layout === "fleet") {
        console.error(
          `stack ${stack} has im-platform:layout: fleet; deploy it with npm run fleet -- up --stack ${stack}`,
        );
        return 2;
      }
      run("scripts/tools/install.sh");
      const addOns = clusterAddOnsFor(config);
      // start is idempotent: it adds the add-ons a running cluster lacks.
      run("scripts/local-cluster/cluster.sh", "start", ...addOns.flatMap((addOn) => ["--with", addOn]));
      run("scripts/local-cluster/cluster.sh", "nodes", "--stack", stack);
      const selected = pulumiInteractive(
        ["stack", "select", stack, "--create", "--secrets-provider", "passphrase", "--non-interactive"],
        settings,
      );
      if (selected !== 0) return selected;
      const status = pulumiInteractive(
        ["up", "--stack", stack, "--yes", "--non-interactive", ...policyFlags, ...extra],
        settings,
      );
      report(`pulumi up of stack ${stack} ${status === 0 ? "done" : "failed"}`);
      return status;
    }
    case "preview":
      return pulumiInteractive(["preview", "--stack", stack, "--non-interactive", ...policyFlags, ...extra], settings);
    case "destroy":
    case "down": {
      // The control plane keeps its state across a stop, so what the stack created is still there.
      if (!clusterRunning()) run("scripts/local-cluster/cluster.sh", "start");
      const status = pulumiInteractive(["destroy", "--stack", stack, "--yes", "--non-interactive", ...extra], settings);
      report(`pulumi destroy of stack ${stack} ${status === 0 ? "done" : "failed"}`);
      if (command === "down" && status === 0) run("scripts/local-cluster/cluster.sh", "stop");
      return status;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
