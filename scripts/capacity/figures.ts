import { HOURS_PER_DAY } from "../../components/core/load-profile";
import { HOURS_PER_MONTH } from "../../components/targets/capacity";
import { poolsOf, provisionedNodes, type Layout, type PoolUse } from "./layouts";

/** The totals of a layout: nodes, the cores they offer and pods request, and what they cost a month. */
export interface LayoutFigures {
  readonly clusters: number;
  /** Nodes provisioned for every pool's busiest hour; undefined where a pool's node size is unknown. */
  readonly nodes?: number;
  /** Nodes running at each UTC hour when pools follow the day. */
  readonly hourlyNodes?: readonly number[];
  /** Allocatable cores of the nodes running at each UTC hour. */
  readonly hourlyNodeCores?: readonly number[];
  /** Cores the pods request at each UTC hour. */
  readonly hourlyRequestedCores: readonly number[];
  /** USD a month; each undefined where a price is unknown. */
  readonly monthly: {
    /** Control planes. */
    readonly controlPlanes?: number;
    /** Nodes provisioned for the busiest hour, all month. */
    readonly provisioned?: number;
    /** Nodes following the day (an autoscaler adding and removing them), with the control planes. */
    readonly following?: number;
  };
}

function sum(values: ReadonlyArray<number | undefined>): number | undefined {
  return values.some((value) => value === undefined) ? undefined : values.reduce<number>((a, b) => a + b!, 0);
}

function hourly(pools: readonly PoolUse[], per: (pool: PoolUse, hour: number) => number | undefined) {
  const hours = Array.from({ length: HOURS_PER_DAY }, (_, hour) => sum(pools.map((pool) => per(pool, hour))));
  return hours.some((value) => value === undefined) ? undefined : (hours as number[]);
}

export function layoutFigures(layout: Layout): LayoutFigures {
  const pools = poolsOf(layout);
  const controlPlanes = sum(layout.clusters.map((cluster) => cluster.controlPlaneHourly));
  const price = (pool: PoolUse) => pool.hourlyPrice;
  const provisionedHourly = sum(pools.map((pool) => mul(provisionedNodes(pool), price(pool))));
  const followingDaily = sum(
    pools.map((pool) => mul(pool.nodes ? pool.nodes.reduce((a, b) => a + b, 0) : undefined, price(pool))),
  );
  return {
    clusters: layout.clusters.length,
    nodes: sum(pools.map(provisionedNodes)),
    hourlyNodes: hourly(pools, (pool, hour) => pool.nodes?.[hour]),
    hourlyNodeCores: hourly(pools, (pool, hour) => mul(pool.nodes?.[hour], pool.perNode?.cpu)),
    hourlyRequestedCores: Array.from({ length: HOURS_PER_DAY }, (_, hour) =>
      pools.reduce((total, pool) => total + (pool.curve[hour]?.cpu ?? 0), 0),
    ),
    monthly: {
      controlPlanes: mul(controlPlanes, HOURS_PER_MONTH),
      provisioned: mul(add(provisionedHourly, controlPlanes), HOURS_PER_MONTH),
      following: add(mul(followingDaily, HOURS_PER_MONTH / HOURS_PER_DAY), mul(controlPlanes, HOURS_PER_MONTH)),
    },
  };
}

function mul(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a * b;
}

function add(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}
