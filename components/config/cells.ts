import { SHARED_CELL, type Tier } from "../core/labels";
import type { Profile } from "./service-schema";
import type { SharedLayout, TenantConfig } from "./tenant-schema";

/** What the layout reads: tenants (profiles resolved, or falling back to the shared pool's) and the shared pool. */
export interface LayoutInput {
  readonly tenants: ReadonlyArray<Pick<TenantConfig, "id" | "tier" | "dedicatedData"> & { readonly profile?: Profile }>;
  readonly tenancy: { readonly sharedPool: { readonly layout: SharedLayout; readonly profile: Profile } };
}

/** The data set of tenants without dedicated data: the pooled MongoDB, Kafka, object store and etcd. */
export const POOLED_DATA_SET = "pooled";

/** One cell as the config lays it out, before any target places it. */
export interface CellLayout {
  readonly cell: string;
  readonly tier: Tier;
  readonly tenants: readonly string[];
  readonly profile: Profile;
  /** The data set it binds to: POOLED_DATA_SET, or the VIP tenant's id when it has dedicated data. */
  readonly dataSet: string;
}

/**
 * Which cells exist: a cell per tenant (the shared ones pool nodes and data clusters), or, for a
 * natively multi-tenant server with `layout: pooledCell`, one pooled cell for every shared tenant.
 */
export function cellLayouts(config: LayoutInput): CellLayout[] {
  const shared = config.tenants.filter((tenant) => tenant.tier === "shared");
  const pooled = config.tenancy.sharedPool.layout === "pooledCell";
  const cells: CellLayout[] = [];
  if (pooled && shared.length > 0) {
    cells.push({
      cell: SHARED_CELL,
      tier: "shared",
      tenants: shared.map((tenant) => tenant.id),
      profile: config.tenancy.sharedPool.profile,
      dataSet: POOLED_DATA_SET,
    });
  }
  for (const tenant of config.tenants) {
    if (pooled && tenant.tier === "shared") continue;
    cells.push({
      cell: tenant.id,
      tier: tenant.tier,
      tenants: [tenant.id],
      profile: tenant.profile ?? config.tenancy.sharedPool.profile,
      dataSet: tenant.dedicatedData ? tenant.id : POOLED_DATA_SET,
    });
  }
  return cells;
}

/** The data sets the cells bind to, pooled first. */
export function dataSets(cells: readonly CellLayout[]): string[] {
  return [...new Set(cells.map((cell) => cell.dataSet))].sort((a, b) =>
    a === POOLED_DATA_SET ? -1 : b === POOLED_DATA_SET ? 1 : a.localeCompare(b),
  );
}

/**
 * The target a cell runs on as some tenant's standby, or undefined where it is the cell's home.
 * A standby's instance registers under a discovery root of its own, so neither cluster resolves
 * the other's pods through the etcd both reach, and its queue consumers wait at zero.
 */
export function standbyTarget(
  tenants: ReadonlyArray<{ readonly id: string; readonly placement?: { readonly standby?: string } }>,
  cell: Pick<CellLayout, "tenants">,
  target: string,
): string | undefined {
  const standby = tenants.some((tenant) => cell.tenants.includes(tenant.id) && tenant.placement?.standby === target);
  return standby ? target : undefined;
}
