import { PulumiCommand } from "@pulumi/pulumi/automation";
import { CACHE_DIR } from "./paths";
import { pulumiEnv, type PulumiSettings } from "./pulumi";

/** The engine's environment as the Automation API takes it: defined values only. */
export function automationEnv(settings: PulumiSettings): Record<string, string> {
  return Object.fromEntries(
    Object.entries(pulumiEnv(settings)).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The toolchain's CLI (scripts/tools), or in an ambient environment the one on PATH; never a download. */
export function pulumiCommand(settings: PulumiSettings): Promise<PulumiCommand> {
  return PulumiCommand.get({ ...(settings.ambient ? {} : { root: CACHE_DIR }), skipVersionCheck: true });
}
