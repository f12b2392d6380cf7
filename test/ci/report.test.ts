import { describe, expect, it } from "vitest";
import { commentMarker, exitCodeOf, formatRun } from "../../scripts/ci/report";
import type { StackRun } from "../../scripts/ci/run-types";

const run = (overrides: Partial<StackRun>): StackRun => ({
  stack: "aws-dev",
  operation: "preview",
  status: "clean",
  seconds: 1.5,
  counts: {},
  changes: [],
  findings: [],
  outputs: {},
  members: [],
  ...overrides,
});

describe("a pipeline step's report", () => {
  it("starts with a marker per stack and step, so a pipeline edits its own comment", () => {
    const text = formatRun(run({}));
    expect(text.split("\n")[0]).toBe(commentMarker({ stack: "aws-dev", operation: "preview" }));
    expect(commentMarker({ stack: "aws-dev", operation: "drift" })).not.toBe(text.split("\n")[0]);
    expect(text).toContain("<!-- status: clean -->");
  });

  it("lists each changed resource with the properties that differ", () => {
    const text = formatRun(
      run({
        operation: "drift",
        status: "changes",
        counts: { same: 140, update: 1 },
        changes: [
          {
            urn: "urn:pulumi:local::im-platform::kubernetes:core/v1:ConfigMap::im-t-acme-config",
            type: "kubernetes:core/v1:ConfigMap",
            name: "im-t-acme-config",
            op: "update",
            keys: ["data"],
          },
        ],
      }),
    );
    expect(text).toContain("### drift `aws-dev`: drift found");
    expect(text).toContain("same 140, update 1");
    expect(text).toMatch(/\| update \| `kubernetes:core\/v1:ConfigMap` \| im-t-acme-config \| data \|/);
  });

  it("counts what it does not list, and escapes table separators", () => {
    const changes = Array.from({ length: 45 }, (_, index) => ({
      urn: `u${index}`,
      type: "t",
      name: `a|b${index}`,
      op: "create",
      keys: [],
    }));
    const text = formatRun(run({ status: "changes", changes }));
    expect(text).toContain("and 5 more");
    expect(text).toContain("a\\|b0");
    expect(text).not.toContain("a|b44");
  });

  it("masks nothing itself but shortens long outputs and shows policy findings and errors", () => {
    const text = formatRun(
      run({
        operation: "deploy",
        status: "failed",
        outputs: { facts: "x".repeat(500), kubeconfig: "[secret]" },
        findings: [{ pack: "im-platform-security", policy: "pinned-images", level: "mandatory", message: "by tag" }],
        error: "error: preview failed",
      }),
    );
    expect(text).toContain("| kubeconfig | `[secret]` |");
    expect(text).not.toContain("x".repeat(200));
    expect(text).toContain("- **mandatory** im-platform-security/pinned-images: by tag");
    expect(text).toContain("error: preview failed");
  });

  it("reports a fleet's member stacks one per row", () => {
    const member = run({ stack: "big.cell.acme", status: "changes", counts: { create: 12 } });
    const text = formatRun(run({ stack: "big", status: "changes", members: [member] }));
    expect(text).toMatch(/\| big\.cell\.acme \| changes to apply \| create 12 \| 1\.5 s \|/);
  });

  it.each([
    { operation: "drift", status: "changes", code: 1 },
    { operation: "drift", status: "clean", code: 0 },
    { operation: "drift", status: "failed", code: 2 },
    { operation: "preview", status: "changes", code: 0 },
    { operation: "deploy", status: "changes", code: 0 },
    { operation: "deploy", status: "failed", code: 2 },
    { operation: "deploy", status: "skipped", code: 0 },
  ] as const)("exits $code after a $operation that ended $status", ({ operation, status, code }) => {
    expect(exitCodeOf(run({ operation, status }))).toBe(code);
  });
});
