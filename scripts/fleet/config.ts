import { ConfigError } from "../../components/config/errors";
import { issueAt } from "../../components/config/issues";
import { LAYOUT_KEY } from "../../components/stack/layout";
import { rawConfigFrom } from "../../components/stack/load";
import type { StackConfig as ValidatedConfig } from "../../components/stack/types";
import { validateStackConfig } from "../../components/stack/validate";
import { runPacks, type Finding } from "../check/run";
import { pulumi, type PulumiSettings } from "../local/pulumi";
import type { StackConfig as ConfigText } from "../synth/stack-file";
import type { FleetStack } from "./plan";
import { fleetResources } from "./renders";
import { ALL_PACKS } from "../../policies/rules/packs";

/** The fleet's stack file as the engine reads it, secrets decrypted: what every derived stack is given. */
export interface FleetConfig {
  readonly text: ConfigText;
  readonly raw: Record<string, unknown>;
  readonly validated: ValidatedConfig;
}

interface ConfigEntry {
  readonly value: string;
  readonly secret: boolean;
}

/**
 * The fleet's own stack only carries its config: deployed as one stack as well, its objects and
 * the fleet's would be the same objects under two owners.
 */
function refuseDeployedAsOne(fleet: string, settings: PulumiSettings): void {
  const listed = pulumi(["stack", "ls", "--json"], settings);
  if (listed.status !== 0) throw new Error(`pulumi stack ls failed: ${listed.stderr.trim()}`);
  const stacks = JSON.parse(listed.stdout) as Array<{ name: string; resourceCount?: number }>;
  const own = stacks.find((stack) => stack.name === fleet);
  if (own?.resourceCount) {
    throw new Error(
      `stack ${fleet} is deployed as one stack (${own.resourceCount} resources); a fleet of the same file would deploy the same objects again. Destroy it first (pulumi destroy --stack ${fleet}), or keep deploying it as one stack`,
    );
  }
}

/** Reads the fleet stack's config through the CLI (which decrypts its secrets) in the project it belongs to. */
export function readFleetConfig(fleet: string, settings: PulumiSettings): ConfigText {
  const select = pulumi(["stack", "select", fleet, "--create", "--secrets-provider", "passphrase"], settings);
  if (select.status !== 0) throw new Error(`pulumi stack select ${fleet} failed: ${select.stderr.trim()}`);
  refuseDeployedAsOne(fleet, settings);
  const shown = pulumi(["config", "--show-secrets", "--json", "--stack", fleet], settings);
  if (shown.status !== 0) throw new Error(`pulumi config --stack ${fleet} failed: ${shown.stderr.trim()}`);
  const entries = JSON.parse(shown.stdout) as Record<string, ConfigEntry>;
  return {
    values: Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, entry.value])),
    secretKeys: Object.entries(entries)
      .filter(([, entry]) => entry.secret)
      .map(([key]) => key),
  };
}

/** The fleet's config validated as one stack's would be: every problem named before anything runs. */
export function validateFleetConfig(fleet: string, text: ConfigText): FleetConfig {
  const raw = rawConfigFrom(text.values);
  const result = validateStackConfig(raw, { configKeys: Object.keys(text.values), stack: fleet });
  if (!result.ok) throw new ConfigError(result.issues);
  if (result.config.layout !== "fleet") {
    throw new ConfigError([
      issueAt(
        [LAYOUT_KEY],
        result.config.layout,
        `says stack ${fleet} is deployed as one stack; set im-platform:layout: fleet to deploy it as a fleet (once it holds no resources as one stack)`,
      ),
    ]);
  }
  return { text, raw, validated: result.config };
}

/**
 * The rules that span the fleet, run before any stack is touched: both policy packs over every
 * resource of every stack (rendered offline, each stack's render cached under its fingerprint),
 * so no two cells share anything even though each stack's own packs see one cell at a time.
 */
export async function checkFleet(
  fleet: string,
  config: FleetConfig,
  stacks: readonly FleetStack[],
  renderCache: string,
): Promise<Finding[]> {
  return runPacks(await fleetResources(fleet, config.text, stacks, renderCache), ALL_PACKS);
}
