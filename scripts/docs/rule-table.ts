import type { RulePack } from "../../components/core/rule-contract";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The rule table of policies/README.md, from the packs' rule definitions. */
export function ruleTable(packs: readonly RulePack[]): string {
  const rows = packs
    .flatMap((pack) => pack.rules)
    .map(
      (rule) =>
        `| ${rule.id} | ${rule.name} | ${rule.enforcementLevel} | ${cell(rule.details ?? rule.description.replace(/^IM[ST]\d+: /, ""))} |`,
    );
  return ["| id | policy | level | checks |", "|----|--------|-------|--------|", ...rows].join("\n");
}
