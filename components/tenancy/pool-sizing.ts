import type { ConfigIssue } from "../config/errors";
import { issueAt } from "../config/issues";
import type { PlatformConfig } from "../config/types";
import { flatCurve, peakHour, peakOf, sumCurves } from "../core/multiplex";
import { nodesFor, type Demand } from "../core/node-fit";
import type { SizedPool } from "../targets/capacity";
import { cellDemands, dataTierDemand, type LoadLevel } from "./demand";

/** What one pool of this platform carries over a day, and the nodes that takes. */
export interface PoolPlan {
  readonly sized: SizedPool;
  readonly cells: readonly string[];
  /** Whether a cell on it declares load (else its curve is flat, at min replicas). */
  readonly declaresLoad: boolean;
  /** What the data tier's pods request of it: only the shared pool carries them. */
  readonly data?: Demand;
  readonly curve: readonly Demand[];
  /** Nodes at each UTC hour: what the demand packs into, never fewer than the pool's min; undefined where a node's size is unknown. */
  readonly nodes?: readonly number[];
}

/** Nodes a pool runs for a demand: what it packs into, never fewer than its min. */
export function nodesNeeded(sized: Pick<SizedPool, "perNode" | "minNodes">, demand: Demand): number | undefined {
  return sized.perNode ? Math.max(sized.minNodes, nodesFor(demand, sized.perNode)) : undefined;
}

/**
 * Every pool of a target with the cells the tenancy layer lands on it, hour by hour: cells'
 * replicas follow their tenants' days (all of them bursting at once with level "burst"), and the
 * data tier's pods sit on the shared pool.
 */
export function planPools(config: PlatformConfig, sized: readonly SizedPool[], level: LoadLevel): PoolPlan[] {
  const demands = cellDemands(
    config,
    sized.map((entry) => entry.pool),
    level,
  );
  return sized.map((entry): PoolPlan => {
    const here = demands.filter((demand) => demand.pool === entry.pool);
    const data =
      entry.pool.purpose === "shared"
        ? dataTierDemand(
            config,
            demands.map((demand) => demand.cell),
          )
        : undefined;
    const curve = sumCurves([...here.map((demand) => demand.curve), ...(data ? [flatCurve(data)] : [])]);
    const nodes = entry.perNode ? curve.map((demand) => nodesNeeded(entry, demand)!) : undefined;
    return {
      sized: entry,
      cells: here.map((demand) => demand.cell.cell),
      declaresLoad: here.some((demand) => demand.declaresLoad),
      ...(data ? { data } : {}),
      curve,
      nodes,
    };
  });
}

/**
 * Pools whose largest size cannot hold their cells (and, on the shared pool, the data tier) when
 * every tenant that declares load runs at its peak times its burst, each at its own hour.
 */
export function poolSizingFindings(config: PlatformConfig, sized: readonly SizedPool[]): ConfigIssue[] {
  return planPools(config, sized, "burst").flatMap((plan): ConfigIssue[] => {
    if (!plan.declaresLoad || !plan.nodes) return [];
    const needed = peakOf(plan.nodes);
    // Of the hours needing the most nodes, name the busiest.
    const hour = peakHour(plan.curve.map((demand, index) => (plan.nodes![index] === needed ? demand.cpu : -1)));
    const { maxNodes, machine, path, pool } = plan.sized;
    if (needed <= maxNodes) return [];
    const step = plan.sized.nodesPerStep ?? 1;
    const data = plan.data ? " and the data tier" : "";
    const of = machine ? ` ${machine}` : "";
    const perZone = step > 1 ? ` per zone (${step} zones)` : "";
    return [
      issueAt(
        path,
        maxNodes / step,
        `pool "${pool.name}" reaches ${maxNodes}${of} nodes, but at ${String(hour).padStart(2, "0")}:00 UTC cells ${plan.cells.join(", ")}${data} need ${needed} for their tenants' declared peak x burst; raise it to at least ${Math.ceil(needed / step)}${perZone}, or lower the declared load`,
      ),
    ];
  });
}
