import type { ResourceChange } from "../local/engine-events";

export type { ResourceChange };

/** What a pipeline step does to a stack. */
export type PipelineOperation = "preview" | "deploy" | "drift";

export interface PolicyFinding {
  readonly pack: string;
  readonly policy: string;
  readonly level: string;
  readonly message: string;
  readonly urn?: string;
}

/**
 * How a step ended: `clean`, nothing to change (or nothing drifted); `changes`, the engine
 * would change (preview), changed (deploy) or found drifted (drift) resources; `failed`, the
 * engine or a mandatory policy stopped it; `skipped`, the change did not touch the stack.
 */
export type RunStatus = "clean" | "changes" | "failed" | "skipped";

export interface StackRun {
  readonly stack: string;
  readonly operation: PipelineOperation;
  readonly status: RunStatus;
  readonly seconds: number;
  /** Resource operations by kind, from the engine's summary. */
  readonly counts: Readonly<Record<string, number>>;
  readonly changes: readonly ResourceChange[];
  readonly findings: readonly PolicyFinding[];
  /** The stack's outputs after a deploy, secrets masked. */
  readonly outputs: Readonly<Record<string, string>>;
  /** A fleet's member stacks, each as its own run. */
  readonly members: readonly StackRun[];
  readonly error?: string;
  /** Why the step did not run, for a skipped stack. */
  readonly reason?: string;
}
