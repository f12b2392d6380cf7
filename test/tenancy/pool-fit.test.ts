import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";
import { conventionalNodePools } from "../../components/targets/existing/target";
import type { ExistingTargetConfig } from "../../components/targets/existing/schema";
import { poolDemands } from "../../components/tenancy/pool-fit";
import { deepClone, localRawConfig } from "../helpers/stack";

type Raw = {
  target: { nodePools: Record<string, any> };
  tenants: Array<{ id: string; tier: string; dedicatedNodePool?: boolean; scaling?: Record<string, unknown> }>;
};
const raw = () => deepClone(localRawConfig()) as unknown as Raw;

function issuesOf(config: Raw) {
  const result = validateStackConfig(config as unknown as Record<string, unknown>);
  return result.ok ? [] : result.issues;
}

function demandsOf(config: Raw) {
  const result = validateStackConfig(config as unknown as Record<string, unknown>);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const target = result.config.targets[0]!;
  return poolDemands(result.config, conventionalNodePools(target.cluster as ExistingTargetConfig, result.config));
}

describe("cells against the pools the existing target declares", () => {
  it("places shared cells on the shared pool and a VIP with its own pool there, none on the system pool", () => {
    const demands = demandsOf(raw());
    expect(demands.map((demand) => [demand.pool.name, demand.cells])).toEqual([
      ["shared", ["acme", "globex"]],
      ["vip-initech", ["initech"]],
    ]);
    expect(demands.find((demand) => demand.pool.name === "system")).toBeUndefined();
  });

  it("counts a cell at its maximum replicas: raising a max raises the pool's demand", () => {
    const before = demandsOf(raw()).find((demand) => demand.pool.name === "vip-initech")!;
    const bigger = raw();
    bigger.tenants[2]!.scaling = { msggateway: { min: 3, max: 20 } };
    const after = demandsOf(bigger).find((demand) => demand.pool.name === "vip-initech")!;
    expect(after.pods).toBe(before.pods + 8);
    expect(after.requests.cpu).toBeGreaterThan(before.requests.cpu);
  });

  it("accepts the local stack's pools, which hold every cell at maximum replicas", () => {
    expect(issuesOf(raw())).toEqual([]);
  });

  it("refuses a pool too small for its cells at maximum replicas, naming the pool and the fix", () => {
    const small = raw();
    small.target.nodePools.dedicated.initech = { nodes: 1, cpu: "8", memory: "64Gi" };
    const issues = issuesOf(small);
    expect(issues).toContainEqual({
      path: "im-platform:target.nodePools.dedicated.initech",
      message: expect.stringMatching(
        /pool "vip-initech" offers cpu 8 over its 1 nodes, but cells initech request 19600m at maximum replicas; add nodes/,
      ),
    });
  });

  it("refuses nodes smaller than the largest pod, which could never be scheduled", () => {
    const tiny = raw();
    tiny.target.nodePools.shared = { nodes: 40, cpu: "250m", memory: "32Gi" };
    expect(issuesOf(tiny)).toContainEqual({
      path: "im-platform:target.nodePools.shared.cpu",
      message: expect.stringMatching(/requests cpu 500m, more than one node of pool "shared" offers/),
    });
  });

  it("refuses a dedicated pool for a tenant that has none", () => {
    const stray = raw();
    stray.target.nodePools.dedicated.globex = { nodes: 1, cpu: "8", memory: "16Gi" };
    expect(issuesOf(stray).map((issue) => issue.path)).toContain("im-platform:target.nodePools.dedicated.globex");
  });

  it("checks nothing for pools of unknown size", () => {
    const unsized = raw();
    unsized.target.nodePools = {};
    (unsized.target as Record<string, unknown>).sharedNodePool = true;
    expect(issuesOf(unsized)).toEqual([]);
    expect(demandsOf(unsized).map((demand) => demand.pool.capacity)).toEqual([undefined, undefined]);
  });
});
