import type { Finding } from "./run";

export function formatText(findings: readonly Finding[], checked: number): string {
  const lines = findings.map(
    (f) => `${f.policy} [${f.level}] ${f.resourceType} ${f.resourceName}: ${f.id} ${f.message}`,
  );
  const mandatory = findings.filter((f) => f.level === "mandatory").length;
  lines.push(
    `${checked} resources checked: ${mandatory} mandatory, ${findings.length - mandatory} advisory violation(s)`,
  );
  return lines.join("\n");
}

export function formatJson(findings: readonly Finding[], checked: number, source: string): string {
  const mandatory = findings.filter((f) => f.level === "mandatory").length;
  return JSON.stringify(
    { source, checked, mandatory, advisory: findings.length - mandatory, violations: findings },
    null,
    2,
  );
}
