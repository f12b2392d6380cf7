import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { kubectlEnv } from "../local/kubectl";
import type { Manifest } from "../manifests/render";

/** Cluster-scoped objects and namespaces first: everything namespaced needs them. */
export function dependencyPasses(manifests: readonly Manifest[]): Manifest[][] {
  const clusterScoped = manifests.filter((manifest) => manifest.metadata.namespace === undefined);
  const namespaced = manifests.filter((manifest) => manifest.metadata.namespace !== undefined);
  return [clusterScoped, namespaced].filter((pass) => pass.length > 0);
}

function chunks<T>(items: readonly T[], count: number): T[][] {
  const result: T[][] = Array.from({ length: Math.min(count, items.length) }, () => []);
  items.forEach((item, index) => result[index % result.length]!.push(item));
  return result;
}

function kubectl(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("kubectl", args, { env: kubectlEnv(), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`kubectl ${args.join(" ")} failed: ${stderr.trim()}`)),
    );
  });
}

async function eachPass(
  dir: string,
  passes: readonly Manifest[][],
  parallel: number,
  command: (file: string) => string[],
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [passIndex, pass] of passes.entries()) {
    const files = chunks(pass, parallel).map((chunk, index) => {
      // JSON, not YAML: kubectl reads YAML 1.1, where an argument "yes" would become true.
      const file = join(dir, `pass-${passIndex}-${index}.json`);
      writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: chunk }));
      return file;
    });
    await Promise.all(files.map((file) => kubectl(command(file))));
  }
}

/**
 * The floor for a set of objects: server-side apply of the rendered manifests, in dependency
 * order, `parallel` kubectl processes at a time (the engine's --parallel), then the same delete
 * in reverse. Returns both durations in seconds.
 */
export async function floorApplyAndDelete(
  dir: string,
  manifests: readonly Manifest[],
  parallel: number,
): Promise<{ applySeconds: number; deleteSeconds: number }> {
  const passes = dependencyPasses(manifests);
  let started = performance.now();
  await eachPass(join(dir, "apply"), passes, parallel, (file) => [
    "apply",
    "--server-side",
    "--force-conflicts",
    "--field-manager",
    "im-platform-floor",
    "-f",
    file,
  ]);
  const applySeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await eachPass(join(dir, "delete"), [...passes].reverse(), parallel, (file) => [
    "delete",
    "--ignore-not-found",
    "-f",
    file,
  ]);
  return { applySeconds, deleteSeconds: (performance.now() - started) / 1000 };
}
