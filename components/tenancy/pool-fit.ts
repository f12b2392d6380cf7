import { cellLayouts } from "../config/cells";
import type { ConfigIssue, PathSegment } from "../config/errors";
import { issueAt } from "../config/issues";
import { servicesInProfile } from "../config/services";
import type { PlatformConfig } from "../config/types";
import { add, cellFootprint, footprintOf, replicasInCell, scale, ZERO, type Footprint } from "../core/capacity";
import { formatBytes, formatCpu, parseQuantity } from "../core/quantity";
import type { NodePool } from "../targets/cluster-target";
import { cellPool } from "./plan";

/** What the cells placed on one pool request when every scalable workload runs at its maximum. */
export interface PoolDemand {
  readonly pool: NodePool;
  readonly cells: readonly string[];
  readonly requests: Footprint;
  readonly pods: number;
  /** The largest single pod's requests: it must fit one node, or it never schedules. */
  readonly largestPod: Footprint;
}

/** Per pool, the cells the tenancy layer places on it and what they request at maximum replicas. */
export function poolDemands(config: PlatformConfig, nodePools: readonly NodePool[]): PoolDemand[] {
  const demands = new Map<string, { cells: string[]; requests: Footprint; pods: number; largestPod: Footprint }>();
  for (const layout of cellLayouts(config)) {
    const { pool } = cellPool(config, layout, nodePools);
    if (!pool) continue;
    const scaling = config.tenants.find((tenant) => tenant.id === layout.cell && tenant.tier === "vip")?.scaling ?? {};
    const services = servicesInProfile(config.services, layout.profile);
    const burst = cellFootprint(services, (service) => replicasInCell(service, scaling, "max"));
    const entry = demands.get(pool.name) ?? { cells: [], requests: ZERO, pods: 0, largestPod: ZERO };
    entry.cells.push(layout.cell);
    entry.requests = add(entry.requests, burst.requests);
    entry.pods += burst.pods;
    for (const service of services) {
      const pod = footprintOf(service.resources.requests);
      entry.largestPod = {
        cpu: Math.max(entry.largestPod.cpu, pod.cpu),
        memory: Math.max(entry.largestPod.memory, pod.memory),
      };
    }
    demands.set(pool.name, entry);
  }
  return nodePools.flatMap((pool) => {
    const entry = demands.get(pool.name);
    return entry ? [{ pool, ...entry }] : [];
  });
}

/**
 * Pools of declared size that cannot hold their cells at maximum replicas, each reported at the
 * pool's own config path: the sum over the pool, and the largest pod against one node.
 */
export function poolFitIssues(
  config: PlatformConfig,
  declared: ReadonlyArray<{ readonly pool: NodePool; readonly path: readonly PathSegment[] }>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const pathOf = (pool: NodePool) => declared.find((entry) => entry.pool === pool)?.path ?? [];
  for (const demand of poolDemands(
    config,
    declared.map((entry) => entry.pool),
  )) {
    const capacity = demand.pool.capacity;
    if (!capacity) continue;
    const node = {
      cpu: parseQuantity(capacity.perNode.cpu) ?? 0,
      memory: parseQuantity(capacity.perNode.memory) ?? 0,
    };
    const pool = scale(node, capacity.nodes);
    const cells = `cells ${demand.cells.join(", ")}`;
    const checks: Array<[string, number, number, (n: number) => string]> = [
      ["cpu", pool.cpu, demand.requests.cpu, formatCpu],
      ["memory", pool.memory, demand.requests.memory, formatBytes],
      ["pods", capacity.nodes * capacity.perNode.pods, demand.pods, String],
    ];
    for (const [field, has, needs, format] of checks) {
      if (has + 1e-9 >= needs) continue;
      issues.push(
        issueAt(
          pathOf(demand.pool),
          {
            nodes: capacity.nodes,
            [field]: field === "pods" ? capacity.perNode.pods : capacity.perNode[field as "cpu"],
          },
          `pool "${demand.pool.name}" offers ${field} ${format(has)} over its ${capacity.nodes} nodes, but ${cells} request ${format(needs)} at maximum replicas; add nodes, give them more ${field}, or lower the cells' replicas.max`,
        ),
      );
    }
    for (const [field, has, needs, format] of [
      ["cpu", node.cpu, demand.largestPod.cpu, formatCpu],
      ["memory", node.memory, demand.largestPod.memory, formatBytes],
    ] as const) {
      if (has + 1e-9 >= needs) continue;
      issues.push(
        issueAt(
          [...pathOf(demand.pool), field],
          capacity.perNode[field],
          `a pod of ${cells} requests ${field} ${format(needs)}, more than one node of pool "${demand.pool.name}" offers; it could never be scheduled: give the nodes at least that`,
        ),
      );
    }
  }
  return issues;
}
