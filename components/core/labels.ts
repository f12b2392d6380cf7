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
  /** On the system namespace: the stack's environment, which the policy packs hold prod stacks to. */
  environment: `${LABEL_PREFIX}/environment`,
  /** The data set (pooled, or a VIP tenant's) a data namespace or data object belongs to. */
  dataSet: `${LABEL_PREFIX}/data-set`,
  /** On a cell's credentials: the cell they belong to, wherever they are kept. */
  bindingFor: `${LABEL_PREFIX}/binding-for`,
  /** On a cell's rendered server config: the catalogue that rendered it, whose isolation knobs it holds. */
  catalogue: `${LABEL_PREFIX}/catalogue`,
} as const;

export const annotationKeys = {
  tenants: `${LABEL_PREFIX}/tenants`,
  skipAwait: "pulumi.com/skipAwait",
  /**
   * On a cell's data Secret: JSON of each binding that runs without TLS and why; the security
   * pack accepts plaintext only with a reason.
   */
  plaintext: `${LABEL_PREFIX}/plaintext`,
  /** Hash of the cell's rendered config on its pods, so a config change rolls them. */
  configChecksum: `${LABEL_PREFIX}/config-checksum`,
} as const;

/** Taint key that keeps every workload but the owning tenant's off a dedicated pool. */
export const DEDICATED_TAINT_KEY = `${LABEL_PREFIX}/dedicated`;

export const MANAGED_BY = "im-platform";
export const SYSTEM_NAMESPACE = "im-system";
export const SHARED_CELL = "shared";
export const SHARED_POOL = "shared";
export const SYSTEM_POOL = "system";

export type Tier = "shared" | "vip";

/** The cell's rendered server config, and its data Secret: one of each per cell, named alike in every cell. */
export const CELL_APP_CONFIG = "im-app-config";
export const CELL_DATA_SECRET = "im-data";

/** Namespace of a cell: the pooled cell, or one tenant's (whatever its tier, so a tier change keeps it). */
export function cellNamespace(cell: string): string {
  return cell === SHARED_CELL ? "im-shared" : `im-t-${cell}`;
}

/**
 * The data tier's pods (databases, brokers, stores, each cell's Redis): above every tenant, so
 * no cell's burst evicts the data all cells of a data set share.
 */
export const DATA_PRIORITY_CLASS = "im-platform-data";

/** A tier's PriorityClass is this prefix and the tier's name. */
export const TIER_PRIORITY_PREFIX = "im-platform-";

export function priorityClassName(tier: Tier): string {
  return `${TIER_PRIORITY_PREFIX}${tier}`;
}

/** The priority classes a cell's pods may run at: its tier's, and the data tier's (its per-cell parts). */
export function cellPriorityClasses(tier: Tier): string[] {
  return [priorityClassName(tier), DATA_PRIORITY_CLASS];
}

/** The admission policy that keeps a cell's pods at its tier's priority class or the data class. */
export const CELL_PRIORITY_POLICY = "im-platform-cell-priority";

/** Node-pool name a VIP tenant's dedicated pool carries in its labels and taint. */
export function dedicatedPoolName(tenantId: string): string {
  return `vip-${tenantId}`;
}

export function commonLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { [labelKeys.managedBy]: MANAGED_BY, [labelKeys.partOf]: "im-platform", ...extra };
}

/** Pod Security "restricted", enforced and also audited and warned about, at the newest version. */
export function restrictedPodSecurityLabels(): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/audit": "restricted",
    "pod-security.kubernetes.io/warn": "restricted",
  };
}
