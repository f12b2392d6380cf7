import type { PlatformConfig, ResolvedQuota } from "../config/types";
import { ConfigError } from "../config/errors";
import { cellNamespace, DEDICATED_TAINT_KEY, priorityClassName, SHARED_CELL, type Tier } from "../core/labels";
import type { CellPlacement } from "../platform/cell-context";
import type { NodePool } from "../targets/cluster-target";

/** One cell to build: the shared pool or a VIP tenant's own. */
export interface CellPlan {
  readonly cell: string;
  readonly namespace: string;
  readonly tier: Tier;
  readonly tenants: readonly string[];
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
 * Which cells exist and where they run. Shared tenants share one cell; each VIP tenant gets its
 * own, on its dedicated pool when it asked for one, else on the shared pool. Changing a tenant's
 * tier moves it between these plans and touches no other tenant's cell.
 */
export function planCells(config: PlatformConfig, nodePools: readonly NodePool[], targetName: string): CellPlan[] {
  const sharedPool = nodePools.find((pool) => pool.purpose === "shared");
  const sharedTenants = config.tenants.filter((tenant) => tenant.tier === "shared").map((tenant) => tenant.id);
  const cells: CellPlan[] = [];
  if (sharedTenants.length > 0) {
    cells.push({
      cell: SHARED_CELL,
      namespace: cellNamespace(SHARED_CELL),
      tier: "shared",
      tenants: sharedTenants,
      quota: config.tenancy.sharedPool.quota,
      placement: poolPlacement(config.tenancy.sharedPool.useSharedNodePool ? sharedPool : undefined),
      priorityClassName: priorityClassName("shared"),
      scaling: {},
    });
  }
  config.tenants.forEach((tenant, index) => {
    if (tenant.tier !== "vip" || !tenant.quota) return;
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
    cells.push({
      cell: tenant.id,
      namespace: cellNamespace(tenant.id),
      tier: "vip",
      tenants: [tenant.id],
      quota: tenant.quota,
      placement: poolPlacement(pool),
      priorityClassName: priorityClassName("vip"),
      scaling: tenant.scaling,
    });
  });
  return cells;
}
