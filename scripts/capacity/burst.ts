import { cellLayouts, type CellLayout } from "../../components/config/cells";
import { replicaCeiling, replicasAtLoad, resolveLoad } from "../../components/config/sizing";
import { servicesInProfile } from "../../components/config/services";
import type { PlatformConfig, ResolvedQuota } from "../../components/config/types";
import { cellFootprint, replicasInCell } from "../../components/core/capacity";
import { peakHour } from "../../components/core/multiplex";
import { addDemand, sumDemands, type Demand } from "../../components/core/node-fit";
import { parseQuantity } from "../../components/core/quantity";
import { replicasForLoad, scaleLoad } from "../../components/core/replica-sizing";
import { cellDemandAt, cellLoadAt, cellScaling } from "../../components/tenancy/demand";
import { nodesNeeded } from "../../components/tenancy/pool-sizing";
import { provisionedNodes, type Layout, type PoolUse } from "./layouts";

/** What stops a burst first: the nodes already there, the services' max replicas, or the cell's quota. */
export type BurstLimit = "nodes" | "replicas" | "quota";

/** The largest multiple of a tenant's declared peak its cell takes on at its busiest hour without new nodes. */
export interface BurstAbsorbed {
  readonly factor: number;
  /** What stops it at that factor: one limit, or several reached together. */
  readonly limitedBy: readonly BurstLimit[];
  /** The multiple the nodes alone would take (Infinity when its pods do not grow with load). */
  readonly nodesFactor: number;
}

// The search stops here: a cell whose pods never grow with load takes any burst the nodes are concerned.
const MOST = 1000;

/** The largest factor in [0, MOST] a monotone test passes, to 0.01; Infinity when it passes MOST. */
export function largestFactor(passes: (factor: number) => boolean): number {
  if (passes(MOST)) return Infinity;
  if (!passes(0)) return 0;
  let [low, high] = [0, MOST];
  while (high - low > 1e-6) {
    const middle = (low + high) / 2;
    if (passes(middle)) low = middle;
    else high = middle;
  }
  // To two decimals, never above a factor that fails: a limit of exactly 1.5 reads 1.50, not 1.49.
  const rounded = Math.round(low * 100) / 100;
  return passes(rounded) ? rounded : Math.floor(low * 100) / 100;
}

function quotaOf(config: PlatformConfig, cell: CellLayout): ResolvedQuota {
  const tenant = config.tenants.find((candidate) => candidate.id === cell.cell && candidate.tier === "vip");
  return tenant?.quota ?? config.tenancy.sharedPool.quota;
}

function fitsQuota(quota: ResolvedQuota, need: ReturnType<typeof cellFootprint>): boolean {
  const has = (text: string) => (parseQuantity(text) ?? 0) + 1e-9;
  return (
    need.requests.cpu <= has(quota.cpu) &&
    need.requests.memory <= has(quota.memory) &&
    need.limits.cpu <= has(quota.cpuLimit) &&
    need.limits.memory <= has(quota.memoryLimit) &&
    need.pods <= quota.pods
  );
}

/**
 * How far above its declared peak one tenant may burst at its busiest hour, everyone else on its
 * pool at their declared load of that hour, before its pool needs a node it was not provisioned
 * with, its services reach their max replicas, or its cell its quota.
 */
export function burstAbsorbed(config: PlatformConfig, layout: Layout, tenantId: string): BurstAbsorbed | undefined {
  const tenant = config.tenants.find((candidate) => candidate.id === tenantId);
  const cell = cellLayouts(config).find((candidate) => candidate.tenants.includes(tenantId));
  const pools = layout.clusters.flatMap((cluster) => cluster.pools);
  const pool = cell && pools.find((candidate) => candidate.cells.includes(cell.cell));
  const load = tenant?.load && resolveLoad(tenant.load, tenant.load);
  if (!load || !cell || !pool) return undefined;
  const hour = peakHour(load.curve);
  const others = othersAt(config, pool, cell.cell, hour);
  const provisioned = provisionedNodes(pool);
  // The cell's other tenants (a pooled cell's) stay at their declared load of the hour.
  const neighbours = cellLoadAt(
    config,
    { ...cell, tenants: cell.tenants.filter((id) => id !== tenantId) },
    hour,
    "declared",
  );
  const loadAt = (factor: number) => {
    const own = scaleLoad(load.peak, factor);
    return {
      connections: own.connections + neighbours.connections,
      messagesPerSecond: own.messagesPerSecond + neighbours.messagesPerSecond,
    };
  };
  const nodesFactor =
    provisioned === undefined
      ? Infinity
      : largestFactor(
          (factor) =>
            (nodesNeeded(pool, addDemand(others, cellDemandAt(config, cell, loadAt(factor)))) ?? 0) <= provisioned,
        );
  const scaling = cellScaling(config, cell);
  const services = servicesInProfile(config.services, cell.profile);
  const replicasFactor = largestFactor((factor) =>
    services.every((service) => {
      const needed = replicasForLoad(loadAt(factor), service.capacity);
      if (needed === undefined) return true;
      const max = Math.min(replicasInCell(service, scaling, "max"), replicaCeiling(service)?.replicas ?? Infinity);
      return needed <= max;
    }),
  );
  const quota = quotaOf(config, cell);
  const quotaFactor = largestFactor((factor) =>
    fitsQuota(
      quota,
      cellFootprint(services, (service) => replicasAtLoad(service, scaling, loadAt(factor))),
    ),
  );
  const limits: Array<[BurstLimit, number]> = [
    ["nodes", nodesFactor],
    ["replicas", replicasFactor],
    ["quota", quotaFactor],
  ];
  const factor = Math.min(...limits.map(([, value]) => value));
  const limitedBy = limits.filter(([, value]) => value === factor).map(([limit]) => limit);
  return { factor, limitedBy, nodesFactor };
}

/** What the pool carries at an hour besides one cell: its data pods and the other cells at their declared load. */
function othersAt(config: PlatformConfig, pool: PoolUse, cellName: string, hour: number): Demand {
  const cells = cellLayouts(config)
    .filter((cell) => cell.cell !== cellName && pool.cells.includes(cell.cell))
    .map((cell) => cellDemandAt(config, cell, cellLoadAt(config, cell, hour, "declared")));
  return sumDemands([pool.fixed, ...cells]);
}
