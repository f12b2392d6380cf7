import { cellFootprint, type ScalingOverrides } from "../core/capacity";
import { HOURS_PER_DAY } from "../core/load-profile";
import { flatCurve } from "../core/multiplex";
import { NO_DEMAND, sumDemands, type Demand } from "../core/node-fit";
import { NO_LOAD, scaleLoad, type Load } from "../core/replica-sizing";
import { cellLayouts, dataSets, type CellLayout } from "../config/cells";
import { servicesInProfile } from "../config/services";
import { replicasAtLoad, resolveLoad } from "../config/sizing";
import type { PlatformConfig } from "../config/types";
import { bindsData } from "../catalogue/definition";
import { CATALOGUES } from "../catalogue/registry";
import { cellRedisDemand, dataSetDemand } from "../addons/data-tier/footprint";
import type { NodePool } from "../targets/cluster-target";
import { cellPool } from "./plan";

/** Whether a curve holds each tenant's declared load as it is, or times its burst factor. */
export type LoadLevel = "declared" | "burst";

/** One cell's demand over a day, and where it runs. */
export interface CellDemand {
  readonly cell: CellLayout;
  /** The pool the cell's pods land on; undefined where the target has none for it. */
  readonly pool?: NodePool;
  /** Whether any of its tenants declares load (else the curve is flat, at its min replicas). */
  readonly declaresLoad: boolean;
  readonly curve: readonly Demand[];
}

function tenantsOf(config: PlatformConfig, cell: CellLayout) {
  return config.tenants.filter((tenant) => cell.tenants.includes(tenant.id));
}

/** The load a cell's tenants put on it at one UTC hour, each at its own point of its day. */
export function cellLoadAt(config: PlatformConfig, cell: CellLayout, hour: number, level: LoadLevel): Load {
  return tenantsOf(config, cell).reduce((sum, tenant) => {
    if (!tenant.load) return sum;
    const load = resolveLoad(tenant.load, tenant.load);
    const factor = (load.curve[hour] ?? 0) * (level === "burst" ? load.burstFactor : 1);
    const share = scaleLoad(load.peak, factor);
    return {
      connections: sum.connections + share.connections,
      messagesPerSecond: sum.messagesPerSecond + share.messagesPerSecond,
    };
  }, NO_LOAD);
}

/** The per-tenant bounds of a VIP cell; other cells keep the services' own. */
export function cellScaling(config: PlatformConfig, cell: CellLayout): ScalingOverrides {
  const tenant = config.tenants.find((candidate) => candidate.id === cell.cell && candidate.tier === "vip");
  return tenant?.scaling ?? {};
}

/** What a cell's pods request while its tenants put `load` on it. */
export function cellDemandAt(config: PlatformConfig, cell: CellLayout, load: Load | undefined): Demand {
  const scaling = cellScaling(config, cell);
  const services = servicesInProfile(config.services, cell.profile);
  const { requests, pods } = cellFootprint(services, (service) => replicasAtLoad(service, scaling, load));
  return { ...requests, pods };
}

/** A cell's demand at every UTC hour: flat at its min replicas when none of its tenants declares load. */
export function cellCurve(config: PlatformConfig, cell: CellLayout, level: LoadLevel): Demand[] {
  if (!tenantsOf(config, cell).some((tenant) => tenant.load)) return flatCurve(cellDemandAt(config, cell, undefined));
  return Array.from({ length: HOURS_PER_DAY }, (_, hour) =>
    cellDemandAt(config, cell, cellLoadAt(config, cell, hour, level)),
  );
}

/**
 * The pool a cell's pods land on: its placement's, or, for a cell that keeps to no pool, the
 * shared pool (its pods tolerate no taint, and every other pool is tainted).
 */
export function landingPool(
  config: PlatformConfig,
  cell: CellLayout,
  pools: readonly NodePool[],
): NodePool | undefined {
  const { pool, dedicated } = cellPool(config, cell, pools);
  return pool ?? (dedicated ? undefined : pools.find((candidate) => candidate.purpose === "shared"));
}

/** Every cell's demand over a day at one load level, with the pool it lands on. */
export function cellDemands(config: PlatformConfig, pools: readonly NodePool[], level: LoadLevel): CellDemand[] {
  return cellLayouts(config).map((cell) => ({
    cell,
    pool: landingPool(config, cell, pools),
    declaresLoad: tenantsOf(config, cell).some((tenant) => tenant.load),
    curve: cellCurve(config, cell, level),
  }));
}

/**
 * What the data tier requests for some cells: each data set they bind to (in-cluster mode) and
 * each cell's Redis. Its pods select no pool, so they land on the shared pool.
 */
export function dataTierDemand(config: PlatformConfig, cells: readonly CellLayout[]): Demand {
  if (!bindsData(CATALOGUES[config.catalogue]) || cells.length === 0) return NO_DEMAND;
  const redis = cellRedisDemand(config.data);
  const parts = [...dataSets(cells).map((dataSet) => dataSetDemand(config.data, dataSet)), ...cells.map(() => redis)];
  return sumDemands(parts);
}
