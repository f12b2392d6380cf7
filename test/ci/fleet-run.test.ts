import { describe, expect, it } from "vitest";
import { fleetStepOf } from "../../scripts/ci/fleet-run";
import type { FleetReport } from "../../scripts/fleet/fleet";
import type { StackOutcome } from "../../scripts/fleet/run";
import type { ResourceChange } from "../../scripts/local/engine-events";

const change = (type: string, name: string, op = "update"): ResourceChange => ({
  urn: `urn:pulumi:big::im-platform::${type}::${name}`,
  type,
  name,
  op,
  keys: ["spec"],
});
const QUOTA = change("kubernetes:core/v1:ResourceQuota", "main-tenancy-a-quota");
const PROVIDER = change("pulumi:providers:kubernetes", "main-cluster-k8s");

const outcome = (
  stack: string,
  changedResources: ResourceChange[],
  status: StackOutcome["status"] = "succeeded",
): StackOutcome => ({
  stack,
  operation: "preview",
  status,
  seconds: 2,
  changes: { same: 30, ...(changedResources.length > 0 ? { update: changedResources.length } : {}) },
  changedResources,
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
  it("is clean when no member stack changes a resource, and sums the members' counts", () => {
    const step = fleetStepOf(report([outcome("big.platform", []), outcome("big.cell.a", [])]), "drift", 5);
    expect(step.status).toBe("clean");
    expect(step.counts).toEqual({ same: 60 });
    expect(step.members.map((member) => member.status)).toEqual(["clean", "clean"]);
  });

  it("has drift when any member would change a resource, and names that member and resource", () => {
    const step = fleetStepOf(report([outcome("big.platform", []), outcome("big.cell.a", [QUOTA])]), "drift", 5);
    expect(step.status).toBe("changes");
    expect(step.members.find((member) => member.status === "changes")?.stack).toBe("big.cell.a");
    expect(step.changes).toEqual([QUOTA]);
  });

  it("does not count a provider's own settings as drift, but does as a change to preview or deploy", () => {
    const members = [outcome("big.cell.a", [PROVIDER])];
    expect(fleetStepOf(report(members), "drift", 5).status).toBe("clean");
    expect(fleetStepOf(report(members), "preview", 5).status).toBe("changes");
  });

  it("fails when the fleet fails, keeping each member's own result", () => {
    const failed = { ...outcome("big.cell.b", [], "failed"), error: "conflict" };
    const step = fleetStepOf(report([outcome("big.cell.a", [QUOTA]), failed], false), "deploy", 9);
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
