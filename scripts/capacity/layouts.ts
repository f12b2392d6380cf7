import type { CellLayout } from "../../components/config/cells";
import type { PlatformConfig } from "../../components/config/types";
import { flatCurve, peakOf, sumCurves } from "../../components/core/multiplex";
import { NO_DEMAND, type Demand, type NodeShape } from "../../components/core/node-fit";
import type { SizedPool, TargetCapacity } from "../../components/targets/capacity";
import { cellDemands, dataTierDemand, type CellDemand } from "../../components/tenancy/demand";
import { nodesNeeded, planPools } from "../../components/tenancy/pool-sizing";

/** One pool of a layout: its machine, and what it carries and runs hour by hour (every tenant at peak x burst). */
export interface PoolUse {
  readonly name: string;
  readonly machine?: string;
  readonly perNode?: NodeShape;
  readonly hourlyPrice?: number;
  readonly minNodes: number;
  /** The most nodes the pool may reach as configured; undefined for a cluster this platform replaces. */
  readonly maxNodes?: number;
  readonly cells: readonly string[];
  /** What it carries besides cells, all day: the data tier's pods. */
  readonly fixed: Demand;
  readonly curve: readonly Demand[];
  /** Nodes at each UTC hour; undefined where a node's size is unknown. */
  readonly nodes?: readonly number[];
}

/** One cluster of a layout. */
export interface ClusterUse {
  readonly name: string;
  readonly pools: readonly PoolUse[];
  /** Its control plane's fee per hour; undefined where unknown. */
  readonly controlPlaneHourly?: number;
}

/** A way of laying the same tenants out: this platform, or a cluster per VIP tenant and one for the rest. */
export interface Layout {
  readonly clusters: readonly ClusterUse[];
}

function poolUse(
  sized: SizedPool,
  cells: readonly string[],
  fixed: Demand,
  curve: readonly Demand[],
  configured = true,
): PoolUse {
  return {
    name: sized.pool.name,
    machine: sized.machine,
    perNode: sized.perNode,
    hourlyPrice: sized.hourlyPrice,
    minNodes: sized.minNodes,
    ...(configured ? { maxNodes: sized.maxNodes } : {}),
    cells,
    fixed,
    curve,
    nodes: sized.perNode ? curve.map((demand) => nodesNeeded(sized, demand)!) : undefined,
  };
}

/**
 * This platform: one cluster whose pools carry every cell the tenancy layer lands on them, their
 * days summed hour by hour before the busiest hour sizes the pool (the data tier on the shared pool).
 */
export function sharedPlatform(config: PlatformConfig, capacity: TargetCapacity): Layout {
  const pools = planPools(config, capacity.pools, "burst").map((plan) =>
    poolUse(plan.sized, plan.cells, plan.data ?? NO_DEMAND, plan.curve),
  );
  return { clusters: [{ name: "platform", pools, controlPlaneHourly: capacity.controlPlaneHourly }] };
}

/** A cluster of its own: a system pool like the platform's, and one worker pool of `like`'s machine and min. */
function ownCluster(
  name: string,
  config: PlatformConfig,
  capacity: TargetCapacity,
  cells: readonly CellDemand[],
  like: SizedPool | undefined,
): ClusterUse {
  const system = capacity.pools.find((sized) => sized.pool.purpose === "system");
  const data = dataTierDemand(
    config,
    cells.map((demand) => demand.cell),
  );
  const curve = sumCurves([...cells.map((demand) => demand.curve), flatCurve(data)]);
  const workers = like
    ? poolUse({ ...like, pool: { ...like.pool, name: "workers" } }, names(cells), data, curve, false)
    : { name: "workers", minNodes: 0, cells: names(cells), fixed: data, curve };
  const systemPool = system ? [poolUse(system, [], NO_DEMAND, flatCurve(NO_DEMAND), false)] : [];
  return { name, pools: [...systemPool, workers], controlPlaneHourly: capacity.controlPlaneHourly };
}

function names(cells: readonly CellDemand[]): string[] {
  return cells.map((demand) => demand.cell.cell);
}

/**
 * The layout this platform replaces: a cluster per VIP tenant (its own control plane, system
 * pool, data services and burst headroom, on the machine its pool uses here) and one shared
 * cluster for the rest, on the shared pool's machine.
 */
export function dedicatedClusters(config: PlatformConfig, capacity: TargetCapacity): Layout {
  const demands = cellDemands(
    config,
    capacity.pools.map((sized) => sized.pool),
    "burst",
  );
  const sizedOf = (demand: CellDemand) => capacity.pools.find((sized) => sized.pool === demand.pool);
  const shared = capacity.pools.find((sized) => sized.pool.purpose === "shared");
  const isVip = (cell: CellLayout) => cell.tier === "vip";
  const clusters = demands
    .filter((demand) => isVip(demand.cell))
    .map((demand) => ownCluster(demand.cell.cell, config, capacity, [demand], sizedOf(demand) ?? shared));
  const rest = demands.filter((demand) => !isVip(demand.cell));
  if (rest.length > 0) clusters.push(ownCluster("shared", config, capacity, rest, shared));
  return { clusters };
}

/** Every pool of a layout. */
export function poolsOf(layout: Layout): PoolUse[] {
  return layout.clusters.flatMap((cluster) => cluster.pools);
}

/** The nodes a pool is provisioned with: enough for its busiest hour. */
export function provisionedNodes(pool: PoolUse): number | undefined {
  return pool.nodes ? peakOf(pool.nodes) : undefined;
}
