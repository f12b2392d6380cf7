import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STACK_REFERENCE_TYPE } from "../../components/core/platform-facts";
import { FLEET_MEMBER_KEY } from "../../components/stack/fleet-member";
import type { PlainResource } from "../../policies/rules/types";
import { fromSynth } from "../check/load";
import type { StackConfig as ConfigText } from "../synth/stack-file";
import { synthesize, type SynthResource } from "../synth/synthesize";
import type { FleetStack } from "./plan";

const CELL_TYPE = "im-platform:tenancy:TenantCell";

interface CachedRender {
  readonly fingerprint: string;
  readonly resources: PlainResource[];
}

/** The stack's config with the part of the fleet it deploys. */
export function memberConfig(text: ConfigText, stack: FleetStack): ConfigText {
  return { ...text, values: { ...text.values, [`im-platform:${FLEET_MEMBER_KEY}`]: JSON.stringify(stack.member) } };
}

/** The engine shows packs no resource a stack only reads; neither does the fleet-wide check. */
function asEngineShows(resources: readonly SynthResource[]): PlainResource[] {
  return fromSynth(resources.filter((resource) => resource.type !== STACK_REFERENCE_TYPE));
}

/** The whole fleet rendered at once, split by the cell each resource belongs to (the rest is the platform's). */
function splitByStack(
  resources: readonly SynthResource[],
  stacks: readonly FleetStack[],
): Map<string, SynthResource[]> {
  const byName = new Map(resources.map((resource) => [resource.name, resource]));
  const stackOfCell = new Map(stacks.flatMap((stack) => stack.member.cells.map((cell) => [cell, stack.name] as const)));
  const platform = stacks.find((stack) => stack.member.platform)?.name ?? "";
  const owner = (resource: SynthResource): string => {
    for (let at: SynthResource | undefined = resource, hops = 0; at && hops < 64; hops++) {
      if (at.type === CELL_TYPE) {
        const cell = [...stackOfCell.keys()].find((id) => at!.name.endsWith(`-tenancy-${id}`));
        if (cell) return stackOfCell.get(cell)!;
      }
      at = at.parent ? byName.get(at.parent) : undefined;
    }
    return platform;
  };
  const split = new Map<string, SynthResource[]>(stacks.map((stack) => [stack.name, []]));
  for (const resource of resources) split.get(owner(resource))?.push(resource);
  return split;
}

/**
 * Every resource of the fleet as the policy packs see it, for the fleet-wide check. Each stack's
 * render is cached under its fingerprint, so a run renders only the stacks it touches (the
 * platform and one cell when a tenant is added); a run with most stacks new renders the fleet
 * once and splits it.
 */
export async function fleetResources(
  fleet: string,
  text: ConfigText,
  stacks: readonly FleetStack[],
  cacheDir: string,
): Promise<PlainResource[]> {
  mkdirSync(cacheDir, { recursive: true });
  const file = (stack: FleetStack) => join(cacheDir, `${stack.name}.json`);
  const cached = new Map<string, PlainResource[]>();
  for (const stack of stacks) {
    if (!existsSync(file(stack))) continue;
    const render = JSON.parse(readFileSync(file(stack), "utf8")) as CachedRender;
    if (render.fingerprint === stack.fingerprint) cached.set(stack.name, render.resources);
  }
  const store = (stack: FleetStack, resources: PlainResource[]) => {
    writeFileSync(file(stack), JSON.stringify({ fingerprint: stack.fingerprint, resources } satisfies CachedRender));
    cached.set(stack.name, resources);
  };
  const missing = stacks.filter((stack) => !cached.has(stack.name));
  if (missing.length > stacks.length / 2) {
    const whole = await synthesize(text, fleet);
    const split = splitByStack(whole.resources, stacks);
    for (const stack of missing) store(stack, asEngineShows(split.get(stack.name) ?? []));
  } else {
    for (const stack of missing)
      store(stack, asEngineShows((await synthesize(memberConfig(text, stack), stack.name)).resources));
  }
  return stacks.flatMap((stack) => cached.get(stack.name) ?? []);
}
