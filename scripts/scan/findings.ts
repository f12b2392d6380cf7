import type { ScannerAnswer } from "../../policies/scanner-answers";

/** One object as kube-score reports it (`kube-score score -o json`), reduced to what the kit reads. */
export interface KubeScoreObject {
  readonly object_name: string;
  readonly checks: ReadonlyArray<{
    readonly check: { readonly id: string };
    readonly grade: number;
    readonly skipped: boolean;
    readonly comments?: ReadonlyArray<{ readonly summary?: string }> | null;
  }>;
}

export interface Finding {
  readonly check: string;
  readonly object: string;
  readonly summary: string;
}

/** kube-score's grade for a passing check; anything below is a warning or a critical finding. */
const ALL_OK = 10;

export function findingsOf(report: readonly KubeScoreObject[]): Finding[] {
  return report.flatMap((object) =>
    object.checks
      .filter((check) => !check.skipped && check.grade < ALL_OK)
      .map((check) => ({
        check: check.check.id,
        object: object.object_name,
        summary: check.comments?.[0]?.summary ?? "",
      })),
  );
}

/** Findings split by whether the kit answers their check, with counts per check. */
export function triage(findings: readonly Finding[], answers: readonly ScannerAnswer[]) {
  const answered = new Set(answers.map((answer) => answer.check));
  const count = (list: readonly Finding[]) =>
    list.reduce<Record<string, number>>(
      (counts, finding) => ({ ...counts, [finding.check]: (counts[finding.check] ?? 0) + 1 }),
      {},
    );
  const open = findings.filter((finding) => !answered.has(finding.check));
  return { answered: count(findings.filter((finding) => answered.has(finding.check))), open, openCounts: count(open) };
}
