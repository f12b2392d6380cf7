import { spawnSync } from "node:child_process";

/**
 * Paths a change touched, relative to the project directory (which may sit inside a larger
 * repository): the files that differ between `base`'s merge base with HEAD and HEAD. Undefined
 * when there is no base to compare with (a branch's first push names the all-zero commit).
 */
export function changedPaths(projectDir: string, base: string): string[] | undefined {
  if (/^0+$/.test(base)) return undefined;
  const result = spawnSync("git", ["diff", "--name-only", "--relative", `${base}...HEAD`], {
    cwd: projectDir,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(
      `git diff ${base}...HEAD failed in ${projectDir}: ${result.stderr.trim()}; fetch the base commit (actions/checkout with fetch-depth: 0)`,
    );
  }
  return result.stdout.split("\n").filter((line) => line.length > 0);
}
