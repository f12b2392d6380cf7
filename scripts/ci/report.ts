import type { PolicyFinding, ResourceChange, StackRun } from "./run-types";

/** Rows of a change table before the rest is counted instead: a PR comment stays readable. */
const MAX_ROWS = 40;

const VERDICT: Record<StackRun["operation"], Record<StackRun["status"], string>> = {
  preview: { clean: "no changes", changes: "changes to apply", failed: "failed", skipped: "skipped" },
  deploy: { clean: "nothing to change", changes: "deployed", failed: "failed", skipped: "skipped" },
  drift: { clean: "no drift", changes: "drift found", failed: "failed", skipped: "skipped" },
};

/** A marker that lets a pipeline find and edit its earlier comment for the same stack and step. */
export function commentMarker(run: Pick<StackRun, "stack" | "operation">): string {
  return `<!-- im-platform ${run.operation} ${run.stack} -->`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Long outputs (a JSON document) are cut: the summary names them, `pulumi stack output` gives them whole. */
function shortened(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}

function countsLine(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, count]) => `${op} ${count}`);
  return parts.length > 0 ? parts.join(", ") : "no resources";
}

function changeTable(changes: readonly ResourceChange[]): string[] {
  if (changes.length === 0) return [];
  const rows = changes
    .slice(0, MAX_ROWS)
    .map(
      (change) =>
        `| ${change.op} | \`${escapeCell(change.type)}\` | ${escapeCell(change.name)} | ${escapeCell(change.keys.join(", ") || "—")} |`,
    );
  const more = changes.length > MAX_ROWS ? [``, `and ${changes.length - MAX_ROWS} more`] : [];
  return ["", "| step | type | name | properties |", "| --- | --- | --- | --- |", ...rows, ...more];
}

function findingLines(findings: readonly PolicyFinding[]): string[] {
  if (findings.length === 0) return [];
  return [
    "",
    "Policy findings:",
    ...findings.map(
      (finding) => `- **${finding.level}** ${finding.pack}/${finding.policy}: ${escapeCell(finding.message)}`,
    ),
  ];
}

function memberTable(members: readonly StackRun[]): string[] {
  if (members.length === 0) return [];
  const rows = members.map(
    (member) =>
      `| ${member.stack} | ${VERDICT[member.operation][member.status]} | ${countsLine(member.counts)} | ${member.seconds} s |`,
  );
  return ["", "| member stack | result | resources | time |", "| --- | --- | --- | --- |", ...rows];
}

/** One stack's step as Markdown: a job summary, a pull-request comment, or the terminal. */
export function formatRun(run: StackRun): string {
  const lines = [
    commentMarker(run),
    `<!-- status: ${run.status} -->`,
    `### ${run.operation} \`${run.stack}\`: ${VERDICT[run.operation][run.status]}`,
    "",
    run.status === "skipped"
      ? `Not run: ${run.reason ?? "the change does not touch this stack"}.`
      : `${countsLine(run.counts)} (${run.seconds} s)`,
    ...changeTable(run.changes),
    ...memberTable(run.members),
    ...findingLines(run.findings),
  ];
  const outputs = Object.entries(run.outputs);
  if (outputs.length > 0) {
    lines.push("", "| output | value |", "| --- | --- |");
    for (const [key, value] of outputs) lines.push(`| ${key} | \`${escapeCell(shortened(value))}\` |`);
  }
  if (run.error) lines.push("", "```", run.error, "```");
  return `${lines.join("\n")}\n`;
}

/** The process exit code of a step: a failure is 2, drift is 1, anything else 0. */
export function exitCodeOf(run: StackRun): number {
  if (run.status === "failed") return 2;
  return run.operation === "drift" && run.status === "changes" ? 1 : 0;
}
