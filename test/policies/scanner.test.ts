import { describe, expect, it } from "vitest";
import { SCANNER_ANSWERS } from "../../policies/scanner-answers";
import { findingsOf, triage, type KubeScoreObject } from "../../scripts/scan/findings";

const check = (id: string, grade: number, skipped = false) => ({
  check: { id },
  grade,
  skipped,
  comments: [{ summary: `${id} says` }],
});

const REPORT: KubeScoreObject[] = [
  {
    object_name: "apps/v1/Deployment/im-shared/api",
    checks: [check("pod-probes", 1), check("container-resources", 10), check("label-values", 1, true)],
  },
  {
    object_name: "apps/v1/Deployment/im-shared/push",
    checks: [check("container-image-pull-policy", 5), check("something-new", 1)],
  },
];

describe("kube-score findings", () => {
  it("are the checks graded below ALL_OK that were not skipped", () => {
    expect(findingsOf(REPORT).map((finding) => finding.check)).toEqual([
      "pod-probes",
      "container-image-pull-policy",
      "something-new",
    ]);
  });

  it("split into answered checks, counted, and open ones that fail the scan", () => {
    const result = triage(findingsOf(REPORT), SCANNER_ANSWERS);
    expect(result.answered).toEqual({ "pod-probes": 1, "container-image-pull-policy": 1 });
    expect(result.open).toEqual([
      { check: "something-new", object: "apps/v1/Deployment/im-shared/push", summary: "something-new says" },
    ]);
  });

  it("answers each check once, with a reason", () => {
    const checks = SCANNER_ANSWERS.map((answer) => answer.check);
    expect(new Set(checks).size).toBe(checks.length);
    for (const answer of SCANNER_ANSWERS) expect(answer.answer.length).toBeGreaterThan(40);
  });
});
