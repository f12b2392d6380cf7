import { join, resolve } from "node:path";
import type { PulumiSettings } from "../local/pulumi";
import { compiledKit, compiledPacks } from "./build";
import type { Finding } from "../check/run";
import { hasMandatory } from "../check/run";
import { checkFleet, readFleetConfig, validateFleetConfig } from "./config";
import { codeDigest } from "./code-digest";
import { fleetStacks, planFleet, type FleetPlan } from "./plan";
import { applyPlan, destroyFleet, type StackOutcome } from "./run";
import { FleetWorkspace } from "./workspace";

export type FleetCommand = "plan" | "up" | "preview" | "destroy";

export interface FleetOptions extends PulumiSettings {
  readonly fleet: string;
  /** The project whose `stacks/Pulumi.<fleet>.yaml` describes the fleet. @default the repository */
  readonly cwd?: string;
  readonly workspaceDir?: string;
  /** Run every stack, not only those whose inputs changed. */
  readonly all?: boolean;
  readonly policy?: boolean;
  readonly parallelStacks?: number;
  readonly parallel?: number;
  readonly onOutcome?: (outcome: StackOutcome) => void;
  /** Previews and updates refresh first: changes made outside Pulumi show, and an update puts them back. */
  readonly refresh?: boolean;
  /** Called with each phase's duration in seconds (reading the config, the fleet-wide check). */
  readonly onPhase?: (phase: string, seconds: number) => void;
}

export interface FleetReport {
  readonly command: FleetCommand;
  readonly fleet: string;
  readonly plan?: FleetPlan;
  readonly findings: readonly Finding[];
  readonly outcomes: readonly StackOutcome[];
  /** Whether every stack the run touched succeeded (and the fleet-wide check passed). */
  readonly ok: boolean;
}

/** The default stacks run at once: enough to overlap the engines' waits on a 2-core machine. */
export const DEFAULT_PARALLEL_STACKS = 4;

/** One fleet command: read and check the fleet's config, plan which stacks it touches, run them. */
export async function runFleet(command: FleetCommand, options: FleetOptions): Promise<FleetReport> {
  const projectDir = resolve(options.cwd ?? resolve(__dirname, "../.."));
  const settings = { ...options, cwd: projectDir };
  const build = compiledKit(projectDir);
  const workspace = new FleetWorkspace(options.fleet, build, settings);
  const runOptions = {
    policyPacks: options.policy === false ? [] : compiledPacks(build),
    parallelStacks: options.parallelStacks ?? DEFAULT_PARALLEL_STACKS,
    parallel: options.parallel ?? 8,
    onOutcome: options.onOutcome,
    refresh: options.refresh,
  };
  const timed = async <T>(phase: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    options.onPhase?.(phase, (performance.now() - started) / 1000);
    return result;
  };

  if (command === "destroy") {
    const applied = Object.keys(workspace.applied());
    const outcomes = await destroyFleet(workspace, applied, runOptions);
    return { command, fleet: options.fleet, findings: [], outcomes, ok: outcomes.every(succeeded) };
  }

  const text = await timed("read config", () => readFleetConfig(options.fleet, settings));
  const config = validateFleetConfig(options.fleet, text);
  const stacks = fleetStacks(options.fleet, config.validated, config.raw, codeDigest(projectDir));
  const findings = await timed("fleet-wide check", () =>
    checkFleet(options.fleet, config, stacks, join(workspace.dir, "renders")),
  );
  const plan = planFleet(stacks, workspace.applied(), { all: options.all });
  if (hasMandatory(findings) || command === "plan") {
    return { command, fleet: options.fleet, plan, findings, outcomes: [], ok: !hasMandatory(findings) };
  }
  const outcomes = await applyPlan(workspace, plan, config, command, runOptions);
  return { command, fleet: options.fleet, plan, findings, outcomes, ok: outcomes.every(succeeded) };
}

function succeeded(outcome: StackOutcome): boolean {
  return outcome.status === "succeeded";
}
