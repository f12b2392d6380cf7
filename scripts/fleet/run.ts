import { appendFileSync, writeFileSync } from "node:fs";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { join } from "node:path";
import { PLATFORM_FACTS_OUTPUT } from "../../components/core/platform-facts";
import { platformFactsOf } from "../../components/program";
import { FLEET_MEMBER_KEY } from "../../components/stack/fleet-member";
import { ALL_PACKS } from "../../policies/rules/packs";
import { PLATFORM_FACTS_CONFIG } from "../../policies/rules/data-scope";
import type { FleetConfig } from "./config";
import type { FleetPlan, FleetStack } from "./plan";
import type { FleetWorkspace } from "./workspace";
import { changeCollector, type ResourceChange } from "../local/engine-events";

export type FleetOperation = "up" | "preview" | "destroy";

/** What happened to one stack of a run. */
export interface StackOutcome {
  readonly stack: string;
  readonly operation: FleetOperation | "remove";
  readonly status: "succeeded" | "failed" | "skipped";
  readonly seconds: number;
  /** Resource operations by kind (create, update, delete, same, ...), from the engine's summary or preview. */
  readonly changes: Readonly<Record<string, number>>;
  /** Resources the run changed (or, previewing, would change). */
  readonly changedResources: readonly ResourceChange[];
  /** Resources the engine failed on, by URN, and the error it reported. */
  readonly failedResources: readonly string[];
  readonly error?: string;
}

export interface RunOptions {
  /** Policy pack directories, in the order of ALL_PACKS. */
  readonly policyPacks: readonly string[];
  /** Stacks run at once. */
  readonly parallelStacks: number;
  /** Resource operations at once inside each stack (the engine's --parallel). */
  readonly parallel: number;
  /** Called as each stack finishes, for progress. */
  readonly onOutcome?: (outcome: StackOutcome) => void;
  /** Previews and updates read the live resources first, so a change made outside Pulumi shows (drift) and an update puts it back. */
  readonly refresh?: boolean;
}

function configFor(stack: FleetStack, fleet: FleetConfig): Record<string, { value: string; secret: boolean }> {
  const config: Record<string, { value: string; secret: boolean }> = {};
  for (const [key, value] of Object.entries(fleet.text.values))
    config[key] = { value, secret: fleet.text.secretKeys.includes(key) };
  config[`im-platform:${FLEET_MEMBER_KEY}`] = { value: JSON.stringify(stack.member), secret: false };
  return config;
}

/** Runs `work` over the items, at most `limit` at a time, in order of start. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** The resources an engine run failed on, from its event stream. */
function failureCollector(): { onEvent: (event: EngineEvent) => void; failed: Set<string> } {
  const failed = new Set<string>();
  return {
    failed,
    onEvent: (event) => {
      if (event.resOpFailedEvent) failed.add(event.resOpFailedEvent.metadata.urn);
      if (event.diagnosticEvent?.severity === "error" && event.diagnosticEvent.urn) {
        const urn = event.diagnosticEvent.urn;
        if (!urn.includes("::pulumi:pulumi:Stack::")) failed.add(urn);
      }
    },
  };
}

async function runStack(
  workspace: FleetWorkspace,
  name: string,
  operation: FleetOperation | "remove",
  options: RunOptions,
  prepare: (stack: Stack) => Promise<void>,
  policyPackConfigs: readonly string[] = [],
): Promise<StackOutcome> {
  const started = performance.now();
  const log = workspace.logFile(name);
  writeFileSync(log, `# ${operation} ${name} at ${new Date().toISOString()}\n`);
  const collector = failureCollector();
  const changed = changeCollector();
  const common = {
    onOutput: (text: string) => appendFileSync(log, text),
    onEvent: (event: EngineEvent) => {
      collector.onEvent(event);
      changed.onEvent(event);
    },
    color: "never" as const,
  };
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  try {
    const stack = await workspace.stack(name);
    await prepare(stack);
    let changes: Record<string, number> = {};
    if (operation === "up") {
      const result = await stack.up({
        ...common,
        refresh: options.refresh,
        policyPacks: [...options.policyPacks],
        policyPackConfigs: options.policyPacks.length > 0 ? [...policyPackConfigs] : [],
        parallel: options.parallel,
      });
      changes = { ...result.summary.resourceChanges };
    } else if (operation === "preview") {
      const result = await stack.preview({
        ...common,
        refresh: options.refresh,
        policyPacks: [...options.policyPacks],
        policyPackConfigs: options.policyPacks.length > 0 ? [...policyPackConfigs] : [],
        parallel: options.parallel,
      });
      changes = { ...result.changeSummary };
    } else {
      const result = await stack.destroy({ ...common, parallel: options.parallel });
      changes = { ...result.summary.resourceChanges };
      if (operation === "remove") await workspace.removeStack(name);
    }
    return {
      stack: name,
      operation,
      status: "succeeded",
      seconds: seconds(),
      changes,
      changedResources: changed.changes(),
      failedResources: [],
    };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    // The CLI's own message ends the output; keep its last lines, the whole log stays on disk.
    const tail = message.trim().split("\n").slice(-6).join("\n");
    return {
      stack: name,
      operation,
      status: "failed",
      seconds: seconds(),
      changes: {},
      changedResources: changed.changes(),
      failedResources: [...collector.failed],
      error: `${tail}\n(full log: ${log})`,
    };
  }
}

/**
 * Applies a plan: stacks that left the config are destroyed first (cells before the platform),
 * then the platform stack, then the cell stacks in parallel. A failed cell stack stops no other;
 * a failed platform stack stops the cells, which need it. Each success records its fingerprint,
 * so a re-run picks up exactly what did not converge.
 */
export async function applyPlan(
  workspace: FleetWorkspace,
  plan: FleetPlan,
  fleet: FleetConfig,
  operation: "up" | "preview",
  options: RunOptions,
): Promise<StackOutcome[]> {
  const outcomes: StackOutcome[] = [];
  const finish = (outcome: StackOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
    return outcome;
  };
  const setConfig = (stack: FleetStack) => async (handle: Stack) => handle.setAllConfig(configFor(stack, fleet));
  let packConfigs: readonly string[] = [];
  const deploy = async (stack: FleetStack) => {
    const configs = stack.member.platform ? [] : packConfigs;
    const outcome = finish(await runStack(workspace, stack.name, operation, options, setConfig(stack), configs));
    if (operation === "up" && outcome.status === "succeeded") workspace.recordApplied(stack.name, stack.fingerprint);
    return outcome;
  };

  if (operation === "up") {
    for (const name of plan.remove) {
      const outcome = finish(await runStack(workspace, name, "remove", options, async () => undefined));
      if (outcome.status === "succeeded") workspace.recordApplied(name, undefined);
    }
  }
  if (plan.platform) {
    const outcome = await deploy(plan.platform);
    if (outcome.status === "failed" && operation === "up") {
      for (const cell of plan.cells)
        finish(skipped(cell.name, operation, `platform stack ${plan.platform.name} failed`));
      return outcomes;
    }
  }
  if (plan.cells.length > 0) {
    const facts = await platformFacts(workspace, fleet);
    packConfigs = writePackConfigs(workspace, facts);
  }
  await inParallel(plan.cells, options.parallelStacks, deploy);
  return outcomes;
}

/**
 * The platform stack's facts as it exported them, or, before it was ever deployed (a first
 * preview), as the config makes them.
 */
async function platformFacts(workspace: FleetWorkspace, fleet: FleetConfig): Promise<unknown> {
  const name = fleet.validated.fleetMember?.platformStack;
  const platformStack = await workspace.stack(name ?? `${workspace.fleet}.platform`);
  const outputs = await platformStack.outputs();
  const exported = outputs[PLATFORM_FACTS_OUTPUT]?.value as unknown;
  if (exported !== undefined) return exported;
  return platformFactsOf(fleet.validated);
}

/** One policy config file per pack: each stack rule gets the platform's facts. */
function writePackConfigs(workspace: FleetWorkspace, facts: unknown): string[] {
  return ALL_PACKS.map((pack) => {
    const file = join(workspace.dir, `policy-config.${pack.name}.json`);
    const config = Object.fromEntries(
      pack.rules.filter((rule) => rule.kind === "stack").map((rule) => [rule.name, { [PLATFORM_FACTS_CONFIG]: facts }]),
    );
    writeFileSync(
      file,
      `${JSON.stringify(config, null, 2)}
`,
    );
    return file;
  });
}

function skipped(stack: string, operation: FleetOperation, reason: string): StackOutcome {
  return {
    stack,
    operation,
    status: "skipped",
    seconds: 0,
    changes: {},
    changedResources: [],
    failedResources: [],
    error: reason,
  };
}

/** Destroys every stack the fleet applied: the cells in parallel, then the platform. */
export async function destroyFleet(
  workspace: FleetWorkspace,
  stacks: readonly string[],
  options: RunOptions,
): Promise<StackOutcome[]> {
  const outcomes: StackOutcome[] = [];
  const remove = async (name: string) => {
    const outcome = await runStack(workspace, name, "remove", options, async () => undefined);
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
    if (outcome.status === "succeeded") workspace.recordApplied(name, undefined);
    return outcome;
  };
  const isPlatform = (name: string) => name.endsWith(".platform");
  const cells = await inParallel(
    stacks.filter((name) => !isPlatform(name)),
    options.parallelStacks,
    remove,
  );
  const platforms = stacks.filter(isPlatform);
  if (cells.some((outcome) => outcome.status === "failed")) {
    for (const name of platforms) {
      const outcome = skipped(name, "destroy", "a cell stack failed to destroy; the platform it runs on stays");
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
    return outcomes;
  }
  for (const name of platforms) await remove(name);
  return outcomes;
}
