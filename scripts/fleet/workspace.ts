import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { LocalWorkspace, type PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { stringify } from "yaml";
import { CACHE_DIR } from "../local/paths";
import { automationEnv, pulumiCommand } from "../local/automation";
import type { PulumiSettings } from "../local/pulumi";

/**
 * Where a fleet's derived stacks live: a Pulumi project whose program is the kit's own (its
 * `main` points at the project), with one config file per stack and the fingerprints last applied.
 */
export class FleetWorkspace {
  readonly dir: string;
  private readonly env: Record<string, string>;
  private readonly ambient: boolean;
  private command?: PulumiCommand;

  /** `programDir` holds the compiled program (scripts/fleet/build.ts) the stacks run. */
  constructor(
    readonly fleet: string,
    programDir: string,
    settings: PulumiSettings & { readonly workspaceDir?: string } = {},
  ) {
    this.dir = settings.workspaceDir ?? join(CACHE_DIR, "fleet", fleet);
    this.ambient = settings.ambient ?? false;
    this.env = automationEnv(settings);
    mkdirSync(join(this.dir, "logs"), { recursive: true });
    const project = {
      name: "im-platform",
      description: `The stacks of fleet ${fleet}, derived from its stack file by npm run fleet.`,
      // The program is compiled JavaScript: no TypeScript compiler loaded in each stack's run.
      runtime: { name: "nodejs", options: { packagemanager: "npm", typescript: false } },
      main: relative(this.dir, programDir) || ".",
    };
    writeFileSync(join(this.dir, "Pulumi.yaml"), stringify(project));
  }

  /** The engine's environment (toolchain, backend, passphrase, cluster) for every stack of the fleet. */
  get envVars(): Readonly<Record<string, string>> {
    return this.env;
  }

  logFile(stack: string): string {
    return join(this.dir, "logs", `${stack}.log`);
  }

  private async pulumiCommand(): Promise<PulumiCommand> {
    this.command ??= await pulumiCommand({ ambient: this.ambient });
    return this.command;
  }

  async stack(name: string): Promise<Stack> {
    return LocalWorkspace.createOrSelectStack(
      { stackName: name, workDir: this.dir },
      { pulumiCommand: await this.pulumiCommand(), envVars: this.env, secretsProvider: "passphrase" },
    );
  }

  async removeStack(name: string): Promise<void> {
    const workspace = await LocalWorkspace.create({
      workDir: this.dir,
      pulumiCommand: await this.pulumiCommand(),
      envVars: this.env,
    });
    await workspace.removeStack(name);
  }

  private get appliedFile(): string {
    return join(this.dir, "applied.json");
  }

  /** Stack name -> fingerprint of the inputs it was last applied with. */
  applied(): Record<string, string> {
    if (!existsSync(this.appliedFile)) return {};
    return JSON.parse(readFileSync(this.appliedFile, "utf8")) as Record<string, string>;
  }

  /** Records (or, with undefined, forgets) what a stack was applied with; written whole, then renamed. */
  recordApplied(stack: string, fingerprint: string | undefined): void {
    const applied = this.applied();
    if (fingerprint === undefined) delete applied[stack];
    else applied[stack] = fingerprint;
    const sorted = Object.fromEntries(Object.entries(applied).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(`${this.appliedFile}.new`, `${JSON.stringify(sorted, null, 2)}\n`);
    renameSync(`${this.appliedFile}.new`, this.appliedFile);
  }
}
