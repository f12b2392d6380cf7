import type { PlatformConfig, ResolvedQuota } from "../config/types";
import { ConfigError } from "../config/errors";
import { cellLayouts, type CellLayout } from "../config/cells";
import { cellNamespace, DEDICATED_TAINT_KEY, priorityClassName } from "../core/labels";
import type { CellPlacement } from "../platform/cell-context";
import type { NodePool } from "../targets/cluster-target";

/** One cell to build: a tenant's own, or the pooled cell of a multi-tenant server. */
export interface CellPlan extends CellLayout {
  readonly namespace: string;
  readonly quota: ResolvedQuota;
  readonly placement: CellPlacement;
  readonly priorityClassName: string;
  readonly scaling: Readonly<Record<string, { min?: number; max?: number }>>;
}

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

/**
 * Where each cell of the layout runs. A shared tenant's cell takes the shared pool's quota, nodes
 * and priority; a VIP cell its own quota, its dedicated pool when it asked for one, and the VIP
 * priority. Changing a tenant's tier changes its cell's plan and touches no other cell.
 */
export function planCells(config: PlatformConfig, nodePools: readonly NodePool[], targetName: string): CellPlan[] {
  const sharedPool = nodePools.find((pool) => pool.purpose === "shared");
  const tenantIndex = new Map(config.tenants.map((tenant, index) => [tenant.id, index]));
  return cellLayouts(config).map((layout): CellPlan => {
    const common = {
      ...layout,
      namespace: cellNamespace(layout.cell),
      priorityClassName: priorityClassName(layout.tier),
    };
    const index = tenantIndex.get(layout.cell);
    const tenant = index === undefined ? undefined : config.tenants[index];
    if (layout.tier !== "vip" || !tenant?.quota || index === undefined) {
      const nodes = config.tenancy.sharedPool.useSharedNodePool ? sharedPool : undefined;
      return { ...common, quota: config.tenancy.sharedPool.quota, placement: poolPlacement(nodes), scaling: {} };
    }
    let pool = sharedPool;
    if (tenant.dedicatedNodePool) {
      pool = nodePools.find((candidate) => candidate.purpose === "dedicated" && candidate.tenant === tenant.id);
      if (!pool) {
        throw new ConfigError([
          {
            path: `im-platform:tenants[${index}].dedicatedNodePool`,
            message: `target "${targetName}" has no node pool for tenant "${tenant.id}"; label and taint its nodes (${DEDICATED_TAINT_KEY}=${tenant.id}:NoSchedule) or set dedicatedNodePool: false`,
          },
        ]);
      }
    }
    return { ...common, quota: tenant.quota, placement: poolPlacement(pool), scaling: tenant.scaling };
  });
}
