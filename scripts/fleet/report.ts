import type { FleetReport } from "./fleet";
import type { StackOutcome } from "./run";

function changesText(changes: Readonly<Record<string, number>>): string {
  const parts = Object.entries(changes)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`);
  return parts.length > 0 ? parts.join(", ") : "-";
}

export function outcomeLine(outcome: StackOutcome): string {
  return `${outcome.status.padEnd(9)} ${outcome.operation.padEnd(7)} ${outcome.stack.padEnd(40)} ${outcome.seconds
    .toFixed(1)
    .padStart(7)} s  ${changesText(outcome.changes)}`;
}

/** What a fleet run did, stack by stack, and what is left half-applied. */
export function formatReport(report: FleetReport): string {
  const lines: string[] = [];
  const mandatory = report.findings.filter((finding) => finding.level === "mandatory");
  if (mandatory.length > 0) {
    lines.push(`fleet-wide check: ${mandatory.length} mandatory finding(s); no stack was touched:`);
    for (const finding of mandatory)
      lines.push(`  [${finding.pack}/${finding.policy}] ${finding.resourceName}: ${finding.message}`);
  }
  const plan = report.plan;
  if (plan) {
    const touched = [...(plan.platform ? [plan.platform.name] : []), ...plan.cells.map((cell) => cell.name)];
    lines.push(
      `plan for fleet ${report.fleet}: ${touched.length} stack(s) to ${report.command === "preview" ? "preview" : "apply"}, ${plan.remove.length} to remove, ${plan.unchanged.length} unchanged`,
    );
    for (const name of plan.remove) lines.push(`  remove  ${name}`);
    for (const name of touched) lines.push(`  ${report.command === "plan" ? "touch" : report.command}    ${name}`);
  }
  for (const outcome of report.outcomes) lines.push(outcomeLine(outcome));
  const broken = report.outcomes.filter((outcome) => outcome.status !== "succeeded");
  if (broken.length > 0) {
    lines.push(`half-applied: ${broken.length} stack(s) did not converge; re-run the same command to finish:`);
    for (const outcome of broken) {
      lines.push(`  ${outcome.stack} (${outcome.status}): ${outcome.error ?? ""}`);
      for (const urn of outcome.failedResources) lines.push(`    failed: ${urn}`);
    }
  }
  return lines.join("\n");
}
