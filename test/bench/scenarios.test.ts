import { describe, expect, it } from "vitest";
import { rawConfigFrom } from "../../components/stack/load";
import { validateStackConfig } from "../../components/stack/validate";
import type { FloorFigures, KitFigures } from "../../scripts/bench/figures";
import { type Measured, targets } from "../../scripts/bench/report";
import { type Scenario, SCENARIOS, scenarioConfig, tenantsOf } from "../../scripts/bench/scenarios";

describe("bench scenarios", () => {
  it.each([
    { tenants: 10, vipShare: 0.1, vip: 1 },
    { tenants: 1000, vipShare: 0.1, vip: 100 },
    { tenants: 1000, vipShare: 1, vip: 1000 },
  ])("$tenants tenants at $vipShare VIP share give $vip VIP cells", ({ tenants, vipShare, vip }) => {
    const list = tenantsOf({ name: "t", tenants, vipShare });
    expect(list).toHaveLength(tenants);
    expect(list.filter((tenant) => tenant.tier === "vip")).toHaveLength(vip);
    expect(new Set(list.map((tenant) => tenant.id)).size).toBe(tenants);
  });

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    "%s is a valid stack config",
    (_, scenario) => {
      const result = validateStackConfig(rawConfigFrom(scenarioConfig(scenario).values));
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );
});

describe("bench targets", () => {
  const kit = (tenants: number, synthMs: number, checkMs: number, rss: number): KitFigures => ({
    resources: tenants * 60,
    synthMs,
    synthPeakRssBytes: rss,
    checkMs,
    rules: 21,
    mandatoryViolations: 0,
  });
  const floor = (registerMs: number, rss: number): FloorFigures => ({ resources: 0, registerMs, peakRssBytes: rss });
  const row = (scenario: Scenario, k: KitFigures, f: FloorFigures): Measured => ({ scenario, kit: k, floor: f });
  const vip100: Scenario = { name: "100 all VIP", tenants: 100, vipShare: 1 };
  const vip1000: Scenario = { name: "1000 all VIP", tenants: 1000, vipShare: 1 };

  it("reads the ratios off the largest all-VIP run and the per-tenant growth from the run ten times smaller", () => {
    const found = targets([
      row(vip100, kit(100, 10_000, 100, 500), floor(9_000, 450)),
      row(vip1000, kit(1000, 160_000, 40_000, 5_000), floor(100_000, 4_000)),
    ]);
    const byLabel = Object.fromEntries(found.map((target) => [target.label, target.value]));
    expect(byLabel["all-VIP 1000: synth time / floor"]).toBeCloseTo(1.6);
    expect(byLabel["all-VIP 1000: peak RSS / floor"]).toBeCloseTo(1.25);
    expect(byLabel["all-VIP 1000: policy check / synth"]).toBeCloseTo(0.25);
    expect(byLabel["all-VIP: ms/tenant at 1000 / at 100"]).toBeCloseTo(1.6);
  });
});
