import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { CACHE_DIR } from "../local/paths";
import { digestOf } from "./code-digest";

/** What the fleet's engines run: the program and both policy packs. */
const BUILD_INPUTS = ["index.ts", "components", "policies", "package-lock.json", "tsconfig.json"];
const PACKS = ["tenancy", "security"];

/**
 * The program and the policy packs compiled to JavaScript once per version of the kit, for a
 * fleet's many engine runs: each stack's program and both of its analyzers then load plain
 * modules instead of transpiling the kit's TypeScript again (most of a small stack's start-up).
 * Returns the directory: `index.js` is the program, `policies/<pack>` the packs.
 */
export function compiledKit(projectDir: string): string {
  const dir = join(CACHE_DIR, "fleet-build", digestOf(projectDir, BUILD_INPUTS));
  // A build made from a copy of the project that is gone has lost its packages: build it again.
  if (existsSync(join(dir, "index.js")) && existsSync(join(dir, "node_modules", "@pulumi", "pulumi"))) return dir;
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // Before compiling: type libraries resolve from the build's own folder, as modules do at run time.
  // The packages themselves, not a copy's link to them, which may go with the copy.
  symlinkSync(realpathSync(join(projectDir, "node_modules")), join(staging, "node_modules"), "dir");
  const tsconfig = {
    extends: join(projectDir, "tsconfig.json"),
    compilerOptions: { noEmit: false, incremental: false, outDir: staging, rootDir: projectDir, sourceMap: false },
    include: ["index.ts", "components/**/*.ts", "policies/**/*.ts"].map((pattern) => join(projectDir, pattern)),
  };
  writeFileSync(join(staging, "tsconfig.build.json"), JSON.stringify(tsconfig));
  const tsc = spawnSync(join(projectDir, "node_modules", ".bin", "tsc"), ["-p", join(staging, "tsconfig.build.json")], {
    encoding: "utf8",
  });
  if (tsc.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`compiling the kit for the fleet failed:\n${tsc.stdout}${tsc.stderr}`);
  }
  // @pulumi/policy reads the package.json of the directory its pack runs in (the build's root).
  const kit = JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as object;
  writeFileSync(join(staging, "package.json"), JSON.stringify({ ...kit, main: "index.js" }));
  for (const pack of PACKS) {
    const packDir = join(staging, "policies", pack);
    cpSync(join(projectDir, "policies", pack, "PulumiPolicy.yaml"), join(packDir, "PulumiPolicy.yaml"));
    const manifest = JSON.parse(readFileSync(join(projectDir, "policies", pack, "package.json"), "utf8")) as object;
    writeFileSync(join(packDir, "package.json"), JSON.stringify({ ...manifest, main: "index.js" }));
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return dir;
}

/** The compiled policy packs, in the order of POLICY_PACK_FLAGS (and of ALL_PACKS). */
export function compiledPacks(buildDir: string): string[] {
  return PACKS.map((pack) => join(buildDir, "policies", pack));
}
