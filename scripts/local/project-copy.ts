import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";

const ROOT = resolve(__dirname, "../..");
const PROGRAM_FILES = ["Pulumi.yaml", "index.ts", "tsconfig.json", "package.json", "components", "policies"];

/**
 * A working copy of the project for the engine to run in: the tests change its stack config
 * (secrets, tenant tiers) and the CLI writes a new encryption salt, none of which may touch the
 * repository. node_modules is linked, not copied.
 */
export function copyProject(target: string, stack = "local"): string {
  mkdirSync(join(target, "stacks"), { recursive: true });
  for (const file of PROGRAM_FILES) cpSync(join(ROOT, file), join(target, file), { recursive: true });
  const stackFile = readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8");
  // The committed salt and seed belong to the empty passphrase of `npm run up:local`; tests use
  // their own passphrase, so they set a seed of their own as an operator would.
  const withoutSecrets = stackFile
    .replace(/^encryptionsalt:.*\n?/m, "")
    .replace(/^ {2}im-platform:secretSeed:\n {4}secure: .*\n/m, "");
  writeFileSync(join(target, "stacks", `Pulumi.${stack}.yaml`), withoutSecrets);
  symlinkSync(join(ROOT, "node_modules"), join(target, "node_modules"), "dir");
  return target;
}

/** A fixture project from test/e2e/fixtures, with the repository's node_modules linked. */
export function copyFixture(name: string, target: string): string {
  cpSync(join(ROOT, "test", "e2e", "fixtures", name), target, { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(target, "node_modules"), "dir");
  return target;
}

/** Edits a copied project's stack file in place: `edit` gets the `config:` mapping as plain values. */
export function editStackConfig(
  project: string,
  edit: (config: Record<string, unknown>) => void,
  stack = "local",
): void {
  const file = join(project, "stacks", `Pulumi.${stack}.yaml`);
  const document = parseDocument(readFileSync(file, "utf8"));
  const config = (document.get("config") as { toJSON(): Record<string, unknown> }).toJSON();
  edit(config);
  document.set("config", config);
  writeFileSync(file, document.toString());
}
