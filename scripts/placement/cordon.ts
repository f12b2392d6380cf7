import { validateStackConfig } from "../../components/stack/validate";
import type { Placement } from "../../components/stack/placement";

/** One change to the stack file: a path under `config` and the value to set there. */
export interface StackEdit {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

/** The placement of a valid config, or an error that lists what is wrong with it. */
export function placementOf(raw: Readonly<Record<string, unknown>>): Placement {
  const result = validateStackConfig(raw);
  if (!result.ok) {
    throw new Error(
      `the stack config does not validate:\n${result.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n")}`,
    );
  }
  return result.config.placement;
}

/**
 * Cordons a target without moving anyone: every tenant the weights put there gets it as its
 * configured home, then the target is marked cordoned, so only tenants named to it stay.
 */
export function cordonEdits(raw: Readonly<Record<string, unknown>>, target: string): StackEdit[] {
  const targets = raw.targets;
  if (!Array.isArray(targets)) throw new Error("cordoning needs a hybrid stack: im-platform:targets lists its targets");
  const index = targets.findIndex((entry) => (entry as { name?: unknown }).name === target);
  if (index < 0) {
    const names = targets.map((entry) => `"${String((entry as { name?: unknown }).name)}"`).join(", ");
    throw new Error(`"${target}" is no target of this stack; targets are ${names}`);
  }
  // Placed as if it were open, so the tenants it already has are the ones pinned.
  const open = targets.map((entry, at) => (at === index ? { ...(entry as object), cordoned: false } : entry));
  const placement = placementOf({ ...raw, targets: open });
  const tenants = (raw.tenants ?? []) as Array<{ id: string }>;
  const pins = tenants.flatMap((tenant, at): StackEdit[] => {
    const where = placement[tenant.id];
    return where?.spread && where.home === target
      ? [{ path: ["im-platform:tenants", at, "placement", "home"], value: target }]
      : [];
  });
  return [...pins, { path: ["im-platform:targets", index, "cordoned"], value: true }];
}
