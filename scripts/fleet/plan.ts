import { createHash } from "node:crypto";
import { cellLayouts } from "../../components/config/cells";
import type { FleetMember } from "../../components/stack/fleet-member";
import type { StackConfig } from "../../components/stack/types";

/** One stack of a fleet: what it deploys and the digest of everything its resources are made from. */
export interface FleetStack {
  readonly name: string;
  readonly member: FleetMember;
  /** Tenants whose cells the stack deploys (none for the platform stack). */
  readonly tenants: readonly string[];
  readonly fingerprint: string;
}

/** What one fleet run does, in order: cells that left the config go first, then the platform, then cells. */
export interface FleetPlan {
  /** Stacks no longer in the config: destroyed (their cells first), then removed. */
  readonly remove: readonly string[];
  /** The platform stack, when it changed (or when every stack runs). */
  readonly platform?: FleetStack;
  /** Cell stacks that are new or changed, in the config's order. */
  readonly cells: readonly FleetStack[];
  /** Stacks whose inputs are what was last applied. */
  readonly unchanged: readonly string[];
}

export const PLATFORM_SUFFIX = "platform";

export function platformStackName(fleet: string): string {
  return `${fleet}.${PLATFORM_SUFFIX}`;
}

export function cellStackName(fleet: string, cell: string): string {
  return `${fleet}.cell.${cell}`;
}

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 24);
}

/**
 * The fleet's stacks for a validated config: one platform stack and one stack per cell. A cell
 * stack's fingerprint covers the kit's code, every config key but the tenant list, and its own
 * tenants' entries, so adding, changing or moving one tenant touches its cell alone. The
 * platform's covers the whole config: the data sets and the tenant directory list every cell.
 */
export function fleetStacks(
  fleet: string,
  config: StackConfig,
  raw: Readonly<Record<string, unknown>>,
  codeDigest: string,
): FleetStack[] {
  const { tenants: rawTenants, fleetMember: _member, ...shared } = raw;
  const entries = new Map(
    (Array.isArray(rawTenants) ? (rawTenants as Array<{ id?: unknown }>) : []).map((entry) => [entry.id, entry]),
  );
  const platform: FleetStack = {
    name: platformStackName(fleet),
    member: { fleet, platform: true, cells: [] },
    tenants: [],
    fingerprint: digest({ codeDigest, raw: { ...shared, tenants: rawTenants } }),
  };
  const cells = cellLayouts(config).map((layout): FleetStack => ({
    name: cellStackName(fleet, layout.cell),
    member: { fleet, platform: false, platformStack: platformStackName(fleet), cells: [layout.cell] },
    tenants: layout.tenants,
    fingerprint: digest({ codeDigest, shared, tenants: layout.tenants.map((id) => entries.get(id)) }),
  }));
  return [platform, ...cells];
}

/**
 * Which stacks a run touches: those whose fingerprint differs from the one last applied, those
 * never applied, and (destroyed) those applied but no longer in the config. `all` runs every stack.
 */
export function planFleet(
  stacks: readonly FleetStack[],
  applied: Readonly<Record<string, string>>,
  options: { readonly all?: boolean } = {},
): FleetPlan {
  const current = new Set(stacks.map((stack) => stack.name));
  const touched = (stack: FleetStack) => options.all === true || applied[stack.name] !== stack.fingerprint;
  const [platform, ...cells] = stacks;
  return {
    remove: Object.keys(applied)
      .filter((name) => !current.has(name))
      .sort((a, b) => Number(a.endsWith(`.${PLATFORM_SUFFIX}`)) - Number(b.endsWith(`.${PLATFORM_SUFFIX}`))),
    platform: platform && touched(platform) ? platform : undefined,
    cells: cells.filter(touched),
    unchanged: stacks.filter((stack) => !touched(stack)).map((stack) => stack.name),
  };
}
