import type { RulePack } from "../../components/core/rule-contract";
import type { ScannerAnswer } from "../../policies/scanner-answers";
import { tableCell } from "./markdown";

/** The rule table of policies/README.md, from the packs' rule definitions. */
export function ruleTable(packs: readonly RulePack[]): string {
  const rows = packs
    .flatMap((pack) => pack.rules)
    .map(
      (rule) =>
        `| ${rule.id} | ${rule.name} | ${rule.enforcementLevel} | ${tableCell(rule.details ?? rule.description.replace(/^IM[ST]\d+: /, ""))} |`,
    );
  return ["| id | policy | level | checks |", "|----|--------|-------|--------|", ...rows].join("\n");
}

/** The table of outside-scanner findings the kit answers by design, for policies/README.md. */
export function scannerAnswerTable(answers: readonly ScannerAnswer[]): string {
  const rows = answers.map((answer) => `| ${answer.scanner} | \`${answer.check}\` | ${tableCell(answer.answer)} |`);
  return [
    "| scanner | check | why the kit does it this way |",
    "|---------|-------|------------------------------|",
    ...rows,
  ].join("\n");
}
