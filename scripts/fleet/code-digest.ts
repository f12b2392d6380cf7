import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** What the stacks' resources are made from besides their config: the program, its packages and the project. */
const PROGRAM_PATHS = ["index.ts", "components", "package-lock.json", "Pulumi.yaml"];

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => filesUnder(join(path, entry)));
}

/** A digest of the kit's program in a project: a new version of the kit touches every stack. */
export function codeDigest(projectDir: string): string {
  return digestOf(projectDir, PROGRAM_PATHS);
}

/** A digest of files and folders of a project, by path and content. */
export function digestOf(projectDir: string, paths: readonly string[]): string {
  const hash = createHash("sha256");
  const present = paths.map((path) => join(projectDir, path)).filter((path) => existsSync(path));
  for (const file of present.flatMap(filesUnder)) {
    hash.update(relative(projectDir, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 24);
}
