import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What promtool printed and how it exited. */
export interface PromtoolRun {
  readonly ok: boolean;
  readonly code: number;
  readonly output: string;
}

/** The promtool `scripts/tools/install-promtool.sh` builds, in the toolchain cache. */
export function promtoolPath(): string {
  const cache = process.env.IM_PLATFORM_CACHE ?? path.join(os.homedir(), ".cache", "im-platform");
  const binary = path.join(cache, "bin", "promtool");
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: build it with bash scripts/tools/install-promtool.sh`);
  }
  return binary;
}

/** Runs promtool with the arguments; resolves with its exit code and output (stdout then stderr). */
export function promtool(args: readonly string[], cwd?: string): Promise<PromtoolRun> {
  const binary = promtoolPath();
  return new Promise((resolve, reject) => {
    execFile(binary, [...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : undefined) : 0;
      if (code === undefined) {
        reject(error ?? new Error(`promtool ${args.join(" ")} did not exit`));
        return;
      }
      resolve({ ok: code === 0, code, output: `${stdout}${stderr}`.trimEnd() });
    });
  });
}

/**
 * `promtool check rules`: parses every file as Prometheus loads rule files (YAML, PromQL, label
 * and annotation templates) and lints them; a lint finding (a duplicate rule: same name and
 * labels, whose alerts would collide) fails the check.
 */
export function checkRules(files: readonly string[]): Promise<PromtoolRun> {
  return promtool(["check", "rules", "--lint=all", "--lint-fatal", ...files]);
}

/** `promtool test rules`: runs rule unit-test files (their `rule_files` resolve from each file's directory). */
export function testRules(files: readonly string[]): Promise<PromtoolRun> {
  return promtool(["test", "rules", ...files]);
}
