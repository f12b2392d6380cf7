import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../components/stack/load";
import { fleetStacks, planFleet, platformStackName, type FleetStack } from "../../scripts/fleet/plan";
import { deepClone, localRawConfig } from "../helpers/stack";

const CODE = "code-v1";

function stacksOf(raw: Record<string, unknown>, code = CODE): FleetStack[] {
  return fleetStacks("local", parseStackConfig(raw), raw, code);
}

function appliedOf(stacks: readonly FleetStack[]): Record<string, string> {
  return Object.fromEntries(stacks.map((stack) => [stack.name, stack.fingerprint]));
}

function touchedBy(before: Record<string, unknown>, after: Record<string, unknown>, code = CODE): string[] {
  const plan = planFleet(stacksOf(after, code), appliedOf(stacksOf(before)));
  return [...(plan.platform ? [plan.platform.name] : []), ...plan.cells.map((cell) => cell.name)];
}

const base = localRawConfig();
const tenants = () => base.tenants as Array<Record<string, unknown>>;

describe("the fleet's stacks", () => {
  it("are a platform stack and one stack per cell, each told what it deploys", () => {
    const stacks = stacksOf(base);
    expect(stacks.map((stack) => stack.name)).toEqual([
      "local.platform",
      "local.cell.acme",
      "local.cell.globex",
      "local.cell.initech",
    ]);
    expect(stacks[0]!.member).toEqual({ fleet: "local", platform: true, cells: [] });
    expect(stacks[3]!.member).toEqual({
      fleet: "local",
      platform: false,
      platformStack: platformStackName("local"),
      cells: ["initech"],
    });
    expect(stacks[3]!.tenants).toEqual(["initech"]);
  });
});

describe("which stacks a config change touches", () => {
  it("touches nothing when nothing changed", () => {
    expect(touchedBy(base, deepClone(base))).toEqual([]);
  });

  it("onboards a tenant through the platform (its data users and directory) and its own new stack alone", () => {
    const after = deepClone(base);
    (after.tenants as unknown[]).push({ id: "umbrella", tier: "shared" });
    expect(touchedBy(base, after)).toEqual(["local.platform", "local.cell.umbrella"]);
  });

  it("moves a tenant between tiers in its own stack (and the platform's directory), no other cell's", () => {
    const after = deepClone(base);
    const acme = (after.tenants as Array<Record<string, unknown>>).find((tenant) => tenant.id === "acme")!;
    Object.assign(acme, { tier: "vip", quota: { cpu: "24", memory: "48Gi", pods: 150 } });
    expect(touchedBy(base, after)).toEqual(["local.platform", "local.cell.acme"]);
  });

  it("touches every stack when a setting all cells share changes, or the kit's code does", () => {
    const after = deepClone(base);
    (after.edge as Record<string, unknown>).drainSeconds = 90;
    const every = stacksOf(base).map((stack) => stack.name);
    expect(touchedBy(base, after)).toEqual(every);
    expect(touchedBy(base, deepClone(base), "code-v2")).toEqual(every);
  });

  it("removes the stack of a tenant that left, before the platform is updated", () => {
    const after = deepClone(base);
    after.tenants = tenants().filter((tenant) => tenant.id !== "globex");
    const plan = planFleet(stacksOf(after), appliedOf(stacksOf(base)));
    expect(plan.remove).toEqual(["local.cell.globex"]);
    expect(plan.platform?.name).toBe("local.platform");
    expect(plan.cells).toEqual([]);
  });

  it("runs every stack with all, and re-runs the ones that never converged", () => {
    const stacks = stacksOf(base);
    expect(planFleet(stacks, appliedOf(stacks), { all: true }).cells).toHaveLength(3);
    const { ["local.cell.globex"]: _failed, ...applied } = appliedOf(stacks);
    const plan = planFleet(stacks, applied);
    expect(plan.platform).toBeUndefined();
    expect(plan.cells.map((cell) => cell.name)).toEqual(["local.cell.globex"]);
    expect(plan.unchanged).toHaveLength(3);
  });

  it("never touches another tenant's cell stack when one tenant is added (any fleet, any newcomer)", () => {
    const tenantArbitrary = fc.record({ tier: fc.constantFrom("shared", "vip") });
    fc.assert(
      fc.property(fc.array(tenantArbitrary, { minLength: 1, maxLength: 12 }), tenantArbitrary, (fleet, newcomer) => {
        const entry = (tier: string, id: string) =>
          tier === "vip" ? { id, tier, quota: { cpu: "24", memory: "48Gi", pods: 150 } } : { id, tier };
        const { nodePools: _sized, ...target } = base.target as Record<string, unknown>;
        const before = {
          ...deepClone(base),
          target: { ...target, sharedNodePool: true },
          tenants: fleet.map((tenant, index) => entry(tenant.tier, `t${index}`)),
        };
        const after = { ...before, tenants: [...before.tenants, entry(newcomer.tier, "tnew")] };
        const touchedCells = touchedBy(before, after).filter((name) => name !== "local.platform");
        expect(touchedCells).toEqual(["local.cell.tnew"]);
      }),
      { numRuns: 40 },
    );
  });
});
