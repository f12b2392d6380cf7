import { LocalWorkspace, PulumiCommand, type EngineEvent, type OutputMap, type Stack } from "@pulumi/pulumi/automation";
import { CACHE_DIR } from "../local/paths";
import { pulumiEnv, type PulumiSettings } from "../local/pulumi";
import type { PipelineOperation, PolicyFinding, ResourceChange, StackRun } from "./run-types";

/** Step kinds that leave a resource as it is: the rest change something. */
const UNCHANGED_OPS = new Set(["same", "read", "refresh", "discard", "discard-replaced"]);

export interface EngineRunOptions extends PulumiSettings {
  readonly stack: string;
  readonly operation: PipelineOperation;
  /** Policy pack directories; empty runs none. */
  readonly policyPacks: readonly string[];
  /** Creates the stack in the backend when it is not there yet (a first deploy). */
  readonly upsert?: boolean;
  /** Receives the engine's own output as it comes. */
  readonly onOutput?: (text: string) => void;
}

/** Engine events into the run's changes and policy findings. */
function eventCollector() {
  const changes = new Map<string, ResourceChange>();
  const findings: PolicyFinding[] = [];
  const onEvent = (event: EngineEvent) => {
    const step = event.resourcePreEvent?.metadata;
    if (step && !UNCHANGED_OPS.has(step.op)) {
      const name = step.urn.split("::").at(-1) ?? step.urn;
      changes.set(step.urn, { urn: step.urn, type: step.type, name, op: step.op, keys: step.diffs ?? [] });
    }
    const policy = event.policyEvent;
    if (policy) {
      findings.push({
        pack: policy.policyPackName,
        policy: policy.policyName,
        level: policy.enforcementLevel,
        message: policy.message.trim(),
        urn: policy.resourceUrn,
      });
    }
  };
  return { onEvent, changes, findings };
}

function plainOutputs(outputs: OutputMap): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs).map(([key, output]) => [
      key,
      output.secret ? "[secret]" : typeof output.value === "string" ? output.value : JSON.stringify(output.value),
    ]),
  );
}

async function stackFor(options: EngineRunOptions, workDir: string): Promise<Stack> {
  const env = Object.fromEntries(
    Object.entries(pulumiEnv(options)).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const pulumiCommand = await PulumiCommand.get({
    ...(options.ambient ? {} : { root: CACHE_DIR }),
    skipVersionCheck: true,
  });
  const args = { stackName: options.stack, workDir };
  const workspaceOptions = { pulumiCommand, envVars: env };
  return options.upsert
    ? LocalWorkspace.createOrSelectStack(args, workspaceOptions)
    : LocalWorkspace.selectStack(args, workspaceOptions);
}

/**
 * One pipeline step on one stack with the real engine: a preview, a deploy (`up` after a refresh,
 * so it also puts back what changed outside Pulumi), or a drift check (a preview that refreshes
 * first and writes no state), each with the policy packs.
 */
export async function runEngine(options: EngineRunOptions, workDir: string): Promise<StackRun> {
  const started = performance.now();
  const collected = eventCollector();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const common = {
    onEvent: collected.onEvent,
    onOutput: options.onOutput,
    policyPacks: [...options.policyPacks],
    color: "never" as const,
  };
  const base = { stack: options.stack, operation: options.operation, members: [] };
  try {
    const stack = await stackFor(options, workDir);
    let counts: Record<string, number>;
    let outputs: Record<string, string> = {};
    if (options.operation === "deploy") {
      const result = await stack.up({ ...common, refresh: true });
      counts = { ...result.summary.resourceChanges };
      outputs = plainOutputs(result.outputs);
    } else {
      const result = await stack.preview({ ...common, refresh: options.operation === "drift" });
      counts = { ...result.changeSummary };
    }
    const changes = [...collected.changes.values()];
    return {
      ...base,
      status: changes.length > 0 ? "changes" : "clean",
      seconds: seconds(),
      counts,
      changes,
      findings: collected.findings,
      outputs,
    };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const changes = [...collected.changes.values()];
    return {
      ...base,
      // A drift check that found drifted resources before it failed has still found drift.
      status: options.operation === "drift" && changes.length > 0 ? "changes" : "failed",
      seconds: seconds(),
      counts: {},
      changes,
      findings: collected.findings,
      outputs: {},
      error: message.trim().split("\n").slice(-12).join("\n"),
    };
  }
}
