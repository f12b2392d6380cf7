import type { PlatformConfig, ResolvedQuota } from "../config/types";
import { ConfigError } from "../config/errors";
import { cellLayouts, standbyTarget, type CellLayout } from "../config/cells";
import { scalesOnQueueLag, servicesInProfile } from "../config/services";
import { cellNamespace, DEDICATED_TAINT_KEY, priorityClassName } from "../core/labels";
import type { CellPlacement } from "../platform/cell-context";
import type { NodePool } from "../targets/cluster-target";

/** One cell to build: a tenant's own, or the pooled cell of a multi-tenant server. */
export interface CellPlan extends CellLayout {
  readonly namespace: string;
  readonly quota: ResolvedQuota;
  readonly placement: CellPlacement;
  readonly priorityClassName: string;
  readonly scaling: Scaling;
}

/** Replica bounds by service name, over the service's own. */
type Scaling = Readonly<Record<string, { readonly min?: number; readonly max?: number }>>;

function poolPlacement(pool: NodePool | undefined): CellPlacement {
  if (!pool) return { nodeSelector: {}, tolerations: [] };
  return {
    nodeSelector: { ...pool.labels },
    tolerations: pool.taints.map((taint) => ({
      key: taint.key,
      operator: "Equal" as const,
      value: taint.value,
      effect: taint.effect,
    })),
  };
}

/** The tenant a cell belongs to and its index in stack config, when it is one tenant's cell. */
function tenantOf(config: PlatformConfig, layout: CellLayout) {
  const index = config.tenants.findIndex((tenant) => tenant.id === layout.cell);
  return index < 0 ? undefined : { tenant: config.tenants[index]!, index };
}

/** A VIP cell with its own quota; everything else takes the shared pool's quota and nodes. */
function vipTenantOf(config: PlatformConfig, layout: CellLayout) {
  const found = tenantOf(config, layout);
  return layout.tier === "vip" && found?.tenant.quota ? found : undefined;
}

/**
 * The pool a cell runs on: a VIP's dedicated pool when it asked for one (undefined when the
 * target has none for it), else the shared pool (for shared cells only when they keep to it).
 */
export function cellPool(
  config: PlatformConfig,
  layout: CellLayout,
  nodePools: readonly NodePool[],
): { readonly pool?: NodePool; readonly dedicated: boolean } {
  const sharedPool = nodePools.find((pool) => pool.purpose === "shared");
  const vip = vipTenantOf(config, layout);
  if (!vip) return { pool: config.tenancy.sharedPool.useSharedNodePool ? sharedPool : undefined, dedicated: false };
  if (!vip.tenant.dedicatedNodePool) return { pool: sharedPool, dedicated: false };
  const pool = nodePools.find((candidate) => candidate.purpose === "dedicated" && candidate.tenant === vip.tenant.id);
  return { pool, dedicated: true };
}

/**
 * Where each cell of the layout runs. A shared tenant's cell takes the shared pool's quota, nodes
 * and priority; a VIP cell its own quota, its dedicated pool when it asked for one, and the VIP
 * priority. Changing a tenant's tier changes its cell's plan and touches no other cell.
 */
export function planCells(config: PlatformConfig, nodePools: readonly NodePool[], targetName: string): CellPlan[] {
  return cellLayouts(config).map((layout): CellPlan => {
    const common = {
      ...layout,
      namespace: cellNamespace(layout.cell),
      priorityClassName: priorityClassName(layout.tier),
    };
    const { pool, dedicated } = cellPool(config, layout, nodePools);
    const vip = vipTenantOf(config, layout);
    const standby = standbyScaling(config, layout, targetName);
    if (!vip) {
      return { ...common, quota: config.tenancy.sharedPool.quota, placement: poolPlacement(pool), scaling: standby };
    }
    if (dedicated && !pool) {
      throw new ConfigError([
        {
          path: `im-platform:tenants[${vip.index}].dedicatedNodePool`,
          message: `target "${targetName}" has no node pool for tenant "${vip.tenant.id}"; label and taint its nodes (${DEDICATED_TAINT_KEY}=${vip.tenant.id}:NoSchedule) or set dedicatedNodePool: false`,
        },
      ]);
    }
    return {
      ...common,
      quota: vip.tenant.quota!,
      placement: poolPlacement(pool),
      scaling: mergeScaling(vip.tenant.scaling, standby),
    };
  });
}

/**
 * On a tenant's standby, the workers that scale on queue lag wait at zero: while the home consumes,
 * its lag stays under the triggers and the standby takes no partition (its push service could not
 * reach the home's connections); when the home stops, the lag wakes them.
 */
function standbyScaling(config: PlatformConfig, layout: CellLayout, targetName: string): Scaling {
  if (standbyTarget(config.tenants, layout, targetName) === undefined) return {};
  return Object.fromEntries(
    servicesInProfile(config.services, layout.profile)
      .filter((service) => scalesOnQueueLag(service, config.autoscaling))
      .map((service) => [service.name, { min: 0 }]),
  );
}

function mergeScaling(own: Scaling, standby: Scaling): Scaling {
  const names = new Set([...Object.keys(own), ...Object.keys(standby)]);
  return Object.fromEntries([...names].map((name) => [name, { ...own[name], ...standby[name] }]));
}
