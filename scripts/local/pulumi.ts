import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { BIN_DIR, CACHE_DIR, LOCAL_KUBECONFIG } from "./paths";

/** Both policy packs, as the engine's `--policy-pack` flags: every local preview and update runs them, as pull requests do. */
export const POLICY_PACK_DIRS: readonly string[] = ["policies/tenancy", "policies/security"].map((pack) =>
  resolve(__dirname, "../..", pack),
);
export const POLICY_PACK_FLAGS: readonly string[] = POLICY_PACK_DIRS.flatMap((pack) => ["--policy-pack", pack]);

/** Where `npm run up:local` keeps its stack state: a file backend outside the repository. */
export const LOCAL_BACKEND_DIR = join(CACHE_DIR, "state");

export interface PulumiSettings {
  /** The project directory (Pulumi.yaml); the repository by default. */
  readonly cwd?: string;
  readonly backendDir?: string;
  /** Plugin cache, credentials and workspace settings; the toolchain's by default. */
  readonly pulumiHome?: string;
  /** The passphrase of the stack's secrets; the local stacks use the empty one unless told. */
  readonly passphrase?: string;
  readonly kubeconfig?: string;
  /**
   * Run with the caller's environment as it is (the CLI on PATH, its backend, credentials and
   * cluster, as on a CI runner) instead of the local toolchain, file backend and control plane.
   */
  readonly ambient?: boolean;
}

export interface PulumiResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment the engine runs in here: the toolchain of scripts/tools first on PATH (CLI,
 * language host, Kubernetes provider), no update checks or plugin downloads (there is no
 * internet), and the local control plane as the ambient cluster.
 */
export function pulumiEnv(settings: PulumiSettings = {}): NodeJS.ProcessEnv {
  if (settings.ambient) return { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" };
  const backendDir = settings.backendDir ?? LOCAL_BACKEND_DIR;
  mkdirSync(backendDir, { recursive: true });
  return {
    ...process.env,
    PATH: `${BIN_DIR}${delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: settings.pulumiHome ?? join(CACHE_DIR, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: settings.passphrase ?? process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // tsc --noEmit already type-checks the program in CI; the engine only needs it transpiled.
    PULUMI_NODEJS_TRANSPILE_ONLY: process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
    KUBECONFIG: settings.kubeconfig ?? LOCAL_KUBECONFIG,
  };
}

/** Runs the Pulumi CLI with captured output. */
export function pulumi(args: readonly string[], settings: PulumiSettings = {}): PulumiResult {
  const result = spawnSync("pulumi", [...args, "--non-interactive"], {
    cwd: settings.cwd ?? process.cwd(),
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
    env: pulumiEnv(settings),
  });
  if (result.error) throw new Error(`pulumi could not run (${result.error.message}); run npm run tools`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the Pulumi CLI with its output on this terminal; returns the exit status. */
export function pulumiInteractive(args: readonly string[], settings: PulumiSettings = {}): number {
  const result = spawnSync("pulumi", [...args], {
    cwd: settings.cwd ?? process.cwd(),
    stdio: "inherit",
    env: pulumiEnv(settings),
  });
  if (result.error) throw new Error(`pulumi could not run (${result.error.message}); run npm run tools`);
  return result.status ?? 1;
}
