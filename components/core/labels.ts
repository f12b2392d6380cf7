/**
 * Label keys and naming conventions shared by every layer. Cloud targets use the node-pool
 * conventions when they create pools, and the tenancy layer uses them to place cells, so both
 * sides agree without knowing about each other.
 */
export const LABEL_PREFIX = "im-platform.io";

export const labelKeys = {
  managedBy: "app.kubernetes.io/managed-by",
  partOf: "app.kubernetes.io/part-of",
  name: "app.kubernetes.io/name",
  component: "app.kubernetes.io/component",
  tenant: `${LABEL_PREFIX}/tenant`,
  tier: `${LABEL_PREFIX}/tier`,
  cell: `${LABEL_PREFIX}/cell`,
  role: `${LABEL_PREFIX}/role`,
  edge: `${LABEL_PREFIX}/edge`,
  pool: `${LABEL_PREFIX}/pool`,
  system: `${LABEL_PREFIX}/system`,
  /** "digest" on workloads whose stack requires images pinned by digest; the security pack holds them to it. */
  imagePinning: `${LABEL_PREFIX}/image-pinning`,
} as const;

export const annotationKeys = {
  tenants: `${LABEL_PREFIX}/tenants`,
  skipAwait: "pulumi.com/skipAwait",
} as const;

/** Taint key that keeps every workload but the owning tenant's off a dedicated pool. */
export const DEDICATED_TAINT_KEY = `${LABEL_PREFIX}/dedicated`;

export const MANAGED_BY = "im-platform";
export const SYSTEM_NAMESPACE = "im-system";
export const SHARED_CELL = "shared";
export const SHARED_POOL = "shared";
export const SYSTEM_POOL = "system";

export type Tier = "shared" | "vip";

/** Namespace of a cell: the shared pool, or one VIP tenant. */
export function cellNamespace(cell: string): string {
  return cell === SHARED_CELL ? "im-shared" : `im-t-${cell}`;
}

export function priorityClassName(tier: Tier): string {
  return `im-platform-${tier}`;
}

/** Node-pool name a VIP tenant's dedicated pool carries in its labels and taint. */
export function dedicatedPoolName(tenantId: string): string {
  return `vip-${tenantId}`;
}

export function commonLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { [labelKeys.managedBy]: MANAGED_BY, [labelKeys.partOf]: "im-platform", ...extra };
}
