import { spawnSync } from "node:child_process";
import { delimiter } from "node:path";
import { BIN_DIR, LOCAL_KUBECONFIG } from "./paths";

export interface KubectlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment kubectl runs in: the toolchain's binaries first, the local control plane as the cluster. */
export function kubectlEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${BIN_DIR}${delimiter}${process.env.PATH ?? ""}`,
    KUBECONFIG: process.env.KUBECONFIG ?? LOCAL_KUBECONFIG,
  };
}

/** Runs the kubectl built by scripts/tools/install.sh against the local control plane. */
export function kubectl(args: readonly string[], input?: string): KubectlResult {
  const result = spawnSync("kubectl", args, { input, encoding: "utf8", maxBuffer: 256 * 2 ** 20, env: kubectlEnv() });
  if (result.error) throw new Error(`kubectl could not run (${result.error.message}); run scripts/tools/install.sh`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** kubectl that must succeed: its output, or an error carrying what it printed. */
export function kubectlOk(args: readonly string[], input?: string): string {
  const result = kubectl(args, input);
  if (result.status !== 0)
    throw new Error(`kubectl ${args.join(" ")} failed (${result.status}):\n${result.stderr || result.stdout}`);
  return result.stdout;
}
