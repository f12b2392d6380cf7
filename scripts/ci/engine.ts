import { LocalWorkspace, type EngineEvent, type OutputMap, type Stack } from "@pulumi/pulumi/automation";
import { automationEnv, pulumiCommand } from "../local/automation";
import type { PulumiSettings } from "../local/pulumi";
import { changeCollector, isProviderChange } from "../local/engine-events";
import type { PipelineOperation, PolicyFinding, StackRun } from "./run-types";

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

/** Policy findings from the engine's event stream. */
function findingCollector(): { onEvent: (event: EngineEvent) => void; findings: PolicyFinding[] } {
  const findings: PolicyFinding[] = [];
  const onEvent = (event: EngineEvent) => {
    const policy = event.policyEvent;
    if (!policy) return;
    findings.push({
      pack: policy.policyPackName,
      policy: policy.policyName,
      level: policy.enforcementLevel,
      message: policy.message.trim(),
      urn: policy.resourceUrn,
    });
  };
  return { onEvent, findings };
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
  const args = { stackName: options.stack, workDir };
  const workspaceOptions = { pulumiCommand: await pulumiCommand(options), envVars: automationEnv(options) };
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
  const collected = changeCollector();
  const policies = findingCollector();
  // A drift check asks whether what runs differs from the program: a provider's own settings
  // (credentials, the force flag a pipeline sets) are not something that runs.
  const changesOf = () =>
    collected.changes().filter((change) => options.operation !== "drift" || !isProviderChange(change));
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const common = {
    onEvent: (event: EngineEvent) => {
      collected.onEvent(event);
      policies.onEvent(event);
    },
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
    const changes = changesOf();
    return {
      ...base,
      status: changes.length > 0 ? "changes" : "clean",
      seconds: seconds(),
      counts,
      changes,
      findings: policies.findings,
      outputs,
    };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const changes = changesOf();
    return {
      ...base,
      // A drift check that found drifted resources before it failed has still found drift.
      status: options.operation === "drift" && changes.length > 0 ? "changes" : "failed",
      seconds: seconds(),
      counts: {},
      changes,
      findings: policies.findings,
      outputs: {},
      error: message.trim().split("\n").slice(-12).join("\n"),
    };
  }
}
