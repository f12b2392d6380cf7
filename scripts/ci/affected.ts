import type { PipelineStack } from "./stacks";

/** Why a change touches a stack. */
export type AffectReason = "its stack file" | "the kit's code" | "the fleet runner";

export interface AffectedStack {
  readonly stack: string;
  readonly reason: AffectReason;
}

/** Paths whose change can change what any stack deploys: the program, the packs, the dependencies. */
const KIT_PATHS = [
  "components/",
  "policies/",
  "index.ts",
  "Pulumi.yaml",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];
/** Paths that change how a fleet is split and run, so every fleet-layout stack. */
const FLEET_PATHS = ["scripts/fleet/"];

const matches = (path: string, prefixes: readonly string[]) =>
  prefixes.some((prefix) => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix));

/**
 * The stacks a change touches, from the paths it changed (relative to the project): a stack's
 * own file touches it; the kit's code touches every stack; the fleet runner every fleet. Tests,
 * docs and the pipelines' own scripts touch none.
 */
export function affectedStacks(changed: readonly string[], stacks: readonly PipelineStack[]): AffectedStack[] {
  const kit = changed.some((path) => matches(path, KIT_PATHS));
  const fleetRunner = changed.some((path) => matches(path, FLEET_PATHS));
  return stacks.flatMap((stack): AffectedStack[] => {
    if (changed.includes(`stacks/Pulumi.${stack.stack}.yaml`))
      return [{ stack: stack.stack, reason: "its stack file" }];
    if (kit) return [{ stack: stack.stack, reason: "the kit's code" }];
    if (fleetRunner && stack.layout === "fleet") return [{ stack: stack.stack, reason: "the fleet runner" }];
    return [];
  });
}
