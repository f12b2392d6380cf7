import { describe, expect, it } from "vitest";
import { fleetStepOf } from "../../scripts/ci/fleet-run";
import type { FleetReport } from "../../scripts/fleet/fleet";
import type { StackOutcome } from "../../scripts/fleet/run";

const outcome = (stack: string, changes: Record<string, number>, status: StackOutcome["status"] = "succeeded") => ({
  stack,
  operation: "preview" as const,
  status,
  seconds: 2,
  changes,
  failedResources: [],
});

const report = (outcomes: StackOutcome[], ok = true): FleetReport => ({
  command: "preview",
  fleet: "big",
  findings: [],
  outcomes,
  ok,
});

describe("a fleet's pipeline step", () => {
  it("is clean when every member stack has nothing but unchanged, read or refreshed resources", () => {
    const step = fleetStepOf(
      report([outcome("big.platform", { same: 40, refresh: 40 }), outcome("big.cell.a", { same: 30, read: 1 })]),
      "drift",
      5,
    );
    expect(step.status).toBe("clean");
    expect(step.counts).toEqual({ same: 70, refresh: 40, read: 1 });
    expect(step.members.map((member) => member.status)).toEqual(["clean", "clean"]);
  });

  it("has drift when any member would change a resource, and names that member", () => {
    const step = fleetStepOf(
      report([outcome("big.platform", { same: 40 }), outcome("big.cell.a", { same: 29, update: 1 })]),
      "drift",
      5,
    );
    expect(step.status).toBe("changes");
    expect(step.members.find((member) => member.status === "changes")?.stack).toBe("big.cell.a");
  });

  it("fails when the fleet fails, keeping each member's own result", () => {
    const failed = { ...outcome("big.cell.b", {}, "failed"), error: "conflict" };
    const step = fleetStepOf(report([outcome("big.cell.a", { create: 3 }), failed], false), "deploy", 9);
    expect(step.status).toBe("failed");
    expect(step.members.map((member) => [member.stack, member.status])).toEqual([
      ["big.cell.a", "changes"],
      ["big.cell.b", "failed"],
    ]);
    expect(step.members[1]?.error).toBe("conflict");
  });

  it("is clean with no member run (nothing the change touches)", () => {
    expect(fleetStepOf(report([]), "deploy", 1).status).toBe("clean");
  });
});
