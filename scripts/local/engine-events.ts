import type { EngineEvent } from "@pulumi/pulumi/automation";

/** One resource the engine would change (a preview) or changed (an update). */
export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly op: string;
  /** Properties that differ: paths where the engine gives them (`spec.hard.pods`), else top-level names. */
  readonly keys: readonly string[];
}

/** Step kinds that leave a resource as it is: the rest change something. */
const UNCHANGED_OPS = new Set(["same", "read", "refresh", "discard", "discard-replaced"]);

/** Whether a change is to a provider's own settings (how the engine reaches a cloud), not to a resource it manages. */
export function isProviderChange(change: Pick<ResourceChange, "type">): boolean {
  return change.type.startsWith("pulumi:providers:");
}

/** The resources an engine run changes, from its event stream, one entry per resource. */
export function changeCollector(): { onEvent: (event: EngineEvent) => void; changes: () => ResourceChange[] } {
  const changes = new Map<string, ResourceChange>();
  return {
    changes: () => [...changes.values()],
    onEvent: (event) => {
      const step = event.resourcePreEvent?.metadata;
      if (!step || UNCHANGED_OPS.has(step.op)) return;
      const name = step.urn.split("::").at(-1) ?? step.urn;
      const paths = Object.keys(step.detailedDiff ?? {});
      const keys = paths.length > 0 ? paths : (step.diffs ?? []);
      changes.set(step.urn, { urn: step.urn, type: step.type, name, op: step.op, keys });
    },
  };
}
