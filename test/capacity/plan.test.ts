import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodesFor } from "../../components/core/node-fit";
import type { StackConfig } from "../../components/stack/types";
import { validateStackConfig } from "../../components/stack/validate";
import { HOURS_PER_MONTH } from "../../components/targets/capacity";
import { compareStack, type TargetComparison } from "../../scripts/capacity/compare";
import { poolsOf, provisionedNodes } from "../../scripts/capacity/layouts";
import { deepClone, sampleRawConfig } from "../helpers/stack";

function configOf(raw: Record<string, unknown>, stack = "aws-prod"): StackConfig {
  const result = validateStackConfig(raw, { stack });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
}

const compare = (raw: Record<string, unknown>, stack = "aws-prod"): TargetComparison =>
  compareStack(configOf(raw, stack))[0]!;

const tenantArbitrary = fc.record({
  tier: fc.constantFrom("shared", "vip"),
  dedicatedNodePool: fc.boolean(),
  load: fc.option(
    fc.record({
      peakConnections: fc.integer({ min: 1, max: 100_000 }),
      peakMessagesPerSecond: fc.integer({ min: 0, max: 600 }),
      burstFactor: fc.constantFrom(1, 1.25, 1.5, 2),
      utcOffsetHours: fc.integer({ min: -12, max: 14 }),
    }),
    { nil: undefined },
  ),
});
type TenantArbitrary = { tier: string; dedicatedNodePool: boolean; load?: Record<string, number> };

/** The aws-prod sample with a generated tenant list: VIPs with roomy quotas, shared tenants on the services profile. */
function stackWith(tenants: readonly TenantArbitrary[]): Record<string, unknown> {
  const raw = deepClone(sampleRawConfig("aws-prod")) as Record<string, any>;
  raw.tenancy.sharedPool.profile = "services";
  raw.tenancy.sharedPool.quota = { cpu: "64", memory: "128Gi", pods: 500 };
  raw.tenants = tenants.map((tenant, index) => ({
    id: `t${index}`,
    tier: tenant.tier,
    ...(tenant.tier === "vip"
      ? { quota: { cpu: "64", memory: "128Gi", pods: 500 }, dedicatedNodePool: tenant.dedicatedNodePool }
      : {}),
    ...(tenant.load ? { load: tenant.load } : {}),
  }));
  raw.target.nodePools.dedicatedOverrides = {};
  return raw;
}

describe("this platform against a cluster per VIP tenant", () => {
  it("more tenants never need fewer nodes, clusters or dollars, in either layout", () => {
    fc.assert(
      fc.property(fc.array(tenantArbitrary, { minLength: 1, maxLength: 6 }), tenantArbitrary, (fleet, newcomer) => {
        const before = compare(stackWith(fleet));
        const after = compare(stackWith([...fleet, newcomer]));
        for (const layout of ["platform", "dedicated"] as const) {
          const [was, is] = [before.layouts[layout].figures, after.layouts[layout].figures];
          expect(is.nodes!).toBeGreaterThanOrEqual(was.nodes!);
          expect(is.clusters).toBeGreaterThanOrEqual(was.clusters);
          expect(is.monthly.provisioned!).toBeGreaterThanOrEqual(was.monthly.provisioned! - 1e-9);
          expect(is.monthly.following!).toBeGreaterThanOrEqual(was.monthly.following! - 1e-9);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("multiplexes: the cells' summed day never peaks above their peaks added up", () => {
    fc.assert(
      fc.property(fc.array(tenantArbitrary, { minLength: 1, maxLength: 6 }), (fleet) => {
        const { sumOfPeaks, peakOfSum } = compare(stackWith(fleet)).multiplexing;
        expect(peakOfSum).toBeLessThanOrEqual(sumOfPeaks + 1e-9);
      }),
      { numRuns: 25 },
    );
  });

  it("provisions every pool for its busiest hour and lets every tenant burst by its factor without new nodes", () => {
    fc.assert(
      fc.property(fc.array(tenantArbitrary, { minLength: 1, maxLength: 5 }), (fleet) => {
        const comparison = compare(stackWith(fleet));
        for (const layout of ["platform", "dedicated"] as const) {
          for (const pool of poolsOf(comparison.layouts[layout].layout)) {
            const provisioned = provisionedNodes(pool)!;
            expect(provisioned).toBeGreaterThanOrEqual(pool.minNodes);
            for (const hour of pool.curve) expect(nodesFor(hour, pool.perNode!)).toBeLessThanOrEqual(provisioned);
          }
        }
        for (const tenant of comparison.tenants) {
          expect(tenant.bursts.platform!.nodesFactor).toBeGreaterThanOrEqual(tenant.burstFactor);
          expect(tenant.bursts.dedicated!.nodesFactor).toBeGreaterThanOrEqual(tenant.burstFactor);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("gives each VIP tenant a cluster, its control plane and system pool, and the shared tenants one more", () => {
    const raw = sampleRawConfig("aws-prod");
    const config = configOf(raw);
    const comparison = compare(raw);
    const vips = config.tenants.filter((tenant) => tenant.tier === "vip").map((tenant) => tenant.id);
    const { platform, dedicated } = comparison.layouts;
    expect(platform.layout.clusters.map((cluster) => cluster.name)).toEqual(["platform"]);
    expect(dedicated.layout.clusters.map((cluster) => cluster.name)).toEqual([...vips, "shared"]);
    for (const cluster of dedicated.layout.clusters) {
      expect(cluster.pools.map((pool) => pool.name)).toEqual(["system", "workers"]);
      expect(cluster.pools[1]!.fixed.pods).toBeGreaterThan(0);
    }
    const fee = platform.layout.clusters[0]!.controlPlaneHourly!;
    expect(dedicated.figures.monthly.controlPlanes).toBeCloseTo(fee * HOURS_PER_MONTH * (vips.length + 1), 6);
    expect(platform.figures.monthly.controlPlanes).toBeCloseTo(fee * HOURS_PER_MONTH, 6);
  });

  it("sums the day before taking its busiest hour: tenants a half day apart share a pool's nodes", () => {
    const apart = (offset: number) =>
      compare(
        stackWith([
          {
            tier: "vip",
            dedicatedNodePool: false,
            load: { peakConnections: 100_000, peakMessagesPerSecond: 400, utcOffsetHours: 0 },
          },
          {
            tier: "vip",
            dedicatedNodePool: false,
            load: { peakConnections: 100_000, peakMessagesPerSecond: 400, utcOffsetHours: offset },
          },
        ]),
      );
    const together = apart(0);
    const shifted = apart(12);
    expect(shifted.multiplexing.peakOfSum).toBeLessThan(together.multiplexing.peakOfSum);
    expect(together.multiplexing.peakOfSum).toBeCloseTo(together.multiplexing.sumOfPeaks, 9);
    expect(shifted.layouts.platform.figures.nodes!).toBeLessThanOrEqual(together.layouts.platform.figures.nodes!);
  });

  it("on an existing cluster, counts nodes and prices them only as the stack says", () => {
    const unpriced = compare(sampleRawConfig("local"), "local");
    expect(unpriced.layouts.platform.figures.nodes).toBeGreaterThan(0);
    expect(unpriced.layouts.platform.figures.monthly.provisioned).toBeUndefined();
    const raw = deepClone(sampleRawConfig("local")) as Record<string, any>;
    raw.target.prices = { nodeHourly: 0.1, controlPlaneHourly: 0.05 };
    const priced = compare(raw, "local").layouts.platform.figures;
    expect(priced.monthly.provisioned).toBeCloseTo((priced.nodes! * 0.1 + 0.05) * HOURS_PER_MONTH, 6);
  });

  it("counts on each target of a hybrid stack the tenants placed there, at their whole load", () => {
    const raw = deepClone(sampleRawConfig("local")) as Record<string, any>;
    const single = compare(raw, "local");
    const cluster = raw.target;
    delete raw.target;
    raw.targets = [
      { name: "east", weight: 25, cluster: { ...cluster, nodePools: { ...cluster.nodePools, dedicated: {} } } },
      { name: "west", weight: 75, cluster },
    ];
    raw.tenants[0].placement = { home: "east" };
    raw.tenants[1].placement = { home: "west" };
    raw.tenants[2].placement = { home: "west" };
    const [east, west] = compareStack(configOf(raw, "local"));
    expect(east!.tenants.map((tenant) => tenant.id)).toEqual(["acme"]);
    expect(west!.tenants.map((tenant) => tenant.id)).toEqual(["globex", "initech"]);
    const initech = (comparison: TargetComparison) => comparison.tenants.find((tenant) => tenant.id === "initech")!;
    expect(initech(west!).peak.connections).toBe(initech(single).peak.connections);
  });
});
