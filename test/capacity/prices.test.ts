import { describe, expect, it } from "vitest";
import type { StackConfig } from "../../components/stack/types";
import { validateStackConfig } from "../../components/stack/validate";
import { EC2_MACHINES, eksAllocatable } from "../../components/targets/aws/prices";
import { aksAllocatable, AZURE_MACHINES } from "../../components/targets/azure/prices";
import { GIB, machinePrice, MIB, tieredShare, type TargetCapacity } from "../../components/targets/capacity";
import { GCE_MACHINES, gkeAllocatable } from "../../components/targets/gcp/prices";
import { definitionFor, targetDefinitions } from "../../components/targets/registry";
import { deepClone, sampleRawConfig } from "../helpers/stack";
import { sampleStacks } from "../../scripts/synth/stack-file";

function configOf(raw: Record<string, unknown>, stack: string): StackConfig {
  const result = validateStackConfig(raw, { stack });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
}

function capacityOf(config: StackConfig, target = config.targets[0]!): TargetCapacity {
  const capacity = definitionFor(target.cluster).capacity?.(target.cluster, config, {
    plan: target.plan,
    at: ["target"],
  });
  if (!capacity) throw new Error(`no capacity facts for ${target.cluster.kind}`);
  return capacity;
}

/** Each cloud target of a sample stack (an existing cluster's prices are the operator's to state). */
const cloudTargets = sampleStacks().flatMap((stack) =>
  configOf(sampleRawConfig(stack), stack)
    .targets.filter((target) => target.cluster.kind !== "existing")
    .map((target) => [stack, target.name] as const),
);

describe("what targets state about their pools and prices", () => {
  it("every registered target kind states its capacity facts", () => {
    expect(targetDefinitions().filter((definition) => !definition.capacity)).toEqual([]);
  });

  it.each(cloudTargets)(
    "%s, target %s: every pool has a known machine, what a node offers and a price; the control plane a fee",
    (stack, name) => {
      const config = configOf(sampleRawConfig(stack), stack);
      const capacity = capacityOf(
        config,
        config.targets.find((target) => target.name === name),
      );
      expect(capacity.pools.length).toBeGreaterThanOrEqual(2);
      for (const pool of capacity.pools) {
        expect(pool.perNode?.cpu, pool.pool.name).toBeGreaterThan(0);
        expect(pool.hourlyPrice, pool.pool.name).toBeGreaterThan(0);
        expect(pool.maxNodes).toBeGreaterThanOrEqual(pool.minNodes);
      }
      expect(capacity.controlPlaneHourly).toBeGreaterThanOrEqual(0);
      for (const source of capacity.sources) {
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    },
  );

  it("says so when a region is priced from another region's list", () => {
    const notes = capacityOf(configOf(sampleRawConfig("aws-prod"), "aws-prod")).notes;
    expect(notes).toContain(
      "m7i.xlarge is priced at the us-east-1 list (eu-west-1 is not in the kit's table); set prices.machineHourly.m7i.xlarge for eu-west-1's",
    );
    const azure = capacityOf(configOf(sampleRawConfig("azure-prod"), "azure-prod"));
    expect(azure.notes.filter((note) => note.includes("is priced at"))).toEqual([]);
  });

  it("takes the stack's own prices over the table: per machine, per node, and the control plane", () => {
    const raw = deepClone(sampleRawConfig("aws-prod")) as { target: Record<string, unknown> };
    raw.target.prices = { machineHourly: { "m7i.xlarge": 0.25 }, controlPlaneHourly: 0.6 };
    const capacity = capacityOf(configOf(raw, "aws-prod"));
    expect(capacity.pools.find((pool) => pool.pool.name === "shared")?.hourlyPrice).toBe(0.25);
    expect(capacity.pools.find((pool) => pool.pool.name === "system")?.hourlyPrice).not.toBe(0.25);
    expect(capacity.controlPlaneHourly).toBe(0.6);
    expect(capacity.notes.some((note) => note.startsWith("m7i.xlarge is priced at"))).toBe(false);
    raw.target.prices = { nodeHourly: 0.3 };
    expect(capacityOf(configOf(raw, "aws-prod")).pools.every((pool) => pool.hourlyPrice === 0.3)).toBe(true);
  });

  it("prices an existing cluster's nodes only when the stack does", () => {
    const raw = deepClone(sampleRawConfig("local")) as { target: Record<string, unknown> };
    const unpriced = capacityOf(configOf(raw, "local"));
    expect(unpriced.pools.every((pool) => pool.hourlyPrice === undefined)).toBe(true);
    expect(unpriced.controlPlaneHourly).toBeUndefined();
    raw.target.prices = { nodeHourly: 0.12, controlPlaneHourly: 0 };
    const priced = capacityOf(configOf(raw, "local"));
    expect(priced.pools.every((pool) => pool.hourlyPrice === 0.12)).toBe(true);
    expect(priced.controlPlaneHourly).toBe(0);
  });

  it("counts GKE pool sizes per zone", () => {
    const config = configOf(sampleRawConfig("gcp-prod"), "gcp-prod");
    const cluster = config.targets[0]!.cluster as { zones: string[]; nodePools: { shared: { maxNodes: number } } };
    const shared = capacityOf(config).pools.find((pool) => pool.pool.name === "shared")!;
    expect(shared.maxNodes).toBe(cluster.nodePools.shared.maxNodes * cluster.zones.length);
    expect(shared.nodesPerStep).toBe(cluster.zones.length);
  });

  it("refuses a negative price, naming the field", () => {
    const raw = deepClone(sampleRawConfig("aws-prod")) as { target: Record<string, unknown> };
    raw.target.prices = { machineHourly: { "m7i.xlarge": -1 } };
    const result = validateStackConfig(raw, { stack: "aws-prod" });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(
        result.issues.find((issue) => issue.path.endsWith("target.prices.machineHourly.m7i.xlarge"))?.message,
      ).toMatch(/must be 0 or more/);
  });

  it("falls back to the table's own region, and prices nothing it does not list", () => {
    const table = {
      source: { what: "t", url: "https://x", asOf: "2026-01-01" },
      fallbackRegion: "a",
      regions: { a: { m: 1 }, b: { m: 2 } },
    };
    expect(machinePrice(table, "b", "m", { machineHourly: {} })).toEqual({ price: 2 });
    expect(machinePrice(table, "c", "m", { machineHourly: {} }).price).toBe(1);
    expect(machinePrice(table, "c", "n", { machineHourly: {} }).price).toBeUndefined();
  });
});

describe("what a node offers pods", () => {
  it("reserves memory as each service documents it", () => {
    // EKS: 255 MiB plus 11 MiB per pod (29 on a 2-vCPU, 8 GiB m5/m7i.large), and 100 MiB for eviction.
    expect(eksAllocatable(EC2_MACHINES["m7i.large"]!).memory).toBe(8 * GIB - (255 + 11 * 29 + 100) * MIB);
    // GKE: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8: 2.6 GiB of 16.
    expect(
      tieredShare(16, [
        [4, 0.25],
        [8, 0.2],
        [16, 0.1],
        [Infinity, 0.06],
      ]),
    ).toBeCloseTo(2.6, 9);
    expect(gkeAllocatable(GCE_MACHINES["e2-standard-4"]!).memory).toBeCloseTo(16 * GIB - 2.6 * GIB - 100 * MIB, 0);
    // AKS: 20 MB per pod plus 50 MB, at most a quarter of the node: 250 pods on 16 GiB hit the quarter.
    expect(aksAllocatable(AZURE_MACHINES.Standard_D4ds_v5!).memory).toBe(12 * GIB - 100 * MIB);
  });

  it.each([
    ...Object.entries(EC2_MACHINES).map(([name, spec]) => [name, spec, eksAllocatable(spec)] as const),
    ...Object.entries(GCE_MACHINES).map(([name, spec]) => [name, spec, gkeAllocatable(spec)] as const),
    ...Object.entries(AZURE_MACHINES).map(([name, spec]) => [name, spec, aksAllocatable(spec)] as const),
  ])("%s keeps most of itself for pods, and less than all of it", (_name, spec, allocatable) => {
    expect(allocatable.cpu).toBeLessThan(spec.vcpu);
    expect(allocatable.cpu).toBeGreaterThan(spec.vcpu * 0.85);
    expect(allocatable.memory).toBeLessThan(spec.memoryGiB * GIB);
    expect(allocatable.memory).toBeGreaterThan(spec.memoryGiB * GIB * 0.6);
  });
});
