import { isProviderChange } from "../local/engine-events";
import type { PulumiSettings } from "../local/pulumi";
import { runFleet, type FleetReport } from "../fleet/fleet";
import type { StackOutcome } from "../fleet/run";
import type { PipelineOperation, RunStatus, StackRun } from "./run-types";

function memberRun(outcome: StackOutcome, operation: PipelineOperation): StackRun {
  // As for one stack: a drift check leaves out providers' own settings.
  const changes = outcome.changedResources.filter((change) => operation !== "drift" || !isProviderChange(change));
  const status: RunStatus = outcome.status !== "succeeded" ? outcome.status : changes.length > 0 ? "changes" : "clean";
  return {
    stack: outcome.stack,
    operation,
    status,
    seconds: outcome.seconds,
    counts: outcome.changes,
    changes,
    findings: [],
    outputs: {},
    members: [],
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}

/** A fleet command's report as one pipeline step: the fleet's verdict, each member stack a row. */
export function fleetStepOf(report: FleetReport, operation: PipelineOperation, seconds: number): StackRun {
  const members = report.outcomes.map((outcome) => memberRun(outcome, operation));
  const findings = report.findings.map((finding) => ({
    pack: finding.pack,
    policy: finding.policy,
    level: finding.level,
    message: `${finding.resourceType} ${finding.resourceName}: ${finding.message}`,
  }));
  const drifted = members.some((member) => member.status === "changes");
  const status: RunStatus = !report.ok ? "failed" : drifted ? "changes" : "clean";
  const counts: Record<string, number> = {};
  for (const member of members)
    for (const [op, count] of Object.entries(member.counts)) counts[op] = (counts[op] ?? 0) + count;
  return {
    stack: report.fleet,
    operation,
    status,
    seconds,
    counts,
    changes: members.flatMap((member) => member.changes),
    findings,
    outputs: {},
    members,
    ...(report.ok ? {} : { error: "a fleet-wide policy or a member stack failed; see the members and findings" }),
  };
}

/**
 * A pipeline step on a fleet-layout stack file: the fleet command's preview or up, which runs only
 * the member stacks whose inputs changed (refreshed first on a deploy), or for a drift check every
 * member stack, refreshed.
 */
export async function runFleetStep(
  fleet: string,
  operation: PipelineOperation,
  settings: PulumiSettings & { readonly policy: boolean },
): Promise<StackRun> {
  const started = performance.now();
  const report = await runFleet(operation === "deploy" ? "up" : "preview", {
    ...settings,
    fleet,
    all: operation === "drift",
    refresh: operation !== "preview",
  });
  return fleetStepOf(report, operation, Math.round((performance.now() - started) / 100) / 10);
}
