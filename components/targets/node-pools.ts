import { z } from "zod";
import type { ConfigIssue, PathSegment } from "../config/errors";
import { issueAt } from "../config/issues";
import type { PlatformConfig } from "../config/types";
import { DEDICATED_TAINT_KEY, dedicatedPoolName, labelKeys, SHARED_POOL, SYSTEM_POOL } from "../core/labels";
import type { NodePool } from "./cluster-target";

/** Taint that keeps a system pool for cluster add-ons; CoreDNS and the managed add-ons tolerate it. */
export const SYSTEM_TAINT = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" } as const;

/** The cluster add-ons' pool, labelled by the platform's convention; tenant cells never select it. */
export function systemNodePool(taints: NodePool["taints"]): NodePool {
  return { name: SYSTEM_POOL, purpose: "system", labels: { [labelKeys.pool]: SYSTEM_POOL }, taints };
}

/** The pool of the shared cell (and of VIP cells without a pool of their own); taints are tolerated by every cell placed on it. */
export function sharedNodePool(taints: NodePool["taints"] = []): NodePool {
  return { name: SHARED_POOL, purpose: "shared", labels: { [labelKeys.pool]: SHARED_POOL }, taints };
}

/**
 * One tainted pool per VIP tenant that asks for dedicated nodes, labelled and tainted by the
 * platform's convention so the tenancy layer places the tenant's cell onto it alone.
 */
export function dedicatedNodePools(platform: PlatformConfig): NodePool[] {
  return platform.tenants
    .filter((tenant) => tenant.tier === "vip" && tenant.dedicatedNodePool)
    .map((tenant) => {
      const name = dedicatedPoolName(tenant.id);
      return {
        name,
        purpose: "dedicated",
        tenant: tenant.id,
        labels: { [labelKeys.pool]: name },
        taints: [{ key: DEDICATED_TAINT_KEY, value: tenant.id, effect: "NoSchedule" }],
      };
    });
}

/** Per-tenant pool overrides must name a VIP tenant that has a dedicated pool, or they silently do nothing. */
export function dedicatedOverrideIssues(
  overrides: Readonly<Record<string, unknown>>,
  platform: PlatformConfig,
  at: readonly PathSegment[],
): ConfigIssue[] {
  const dedicated = dedicatedNodePools(platform).map((pool) => pool.tenant);
  return Object.keys(overrides)
    .filter((tenant) => !dedicated.includes(tenant))
    .map((tenant) =>
      issueAt(
        [...at, tenant],
        tenant,
        `names no VIP tenant with dedicatedNodePool: true on this target; fix the id, place the tenant here, or remove the entry (pools: ${dedicated.join(", ") || "none"})`,
      ),
    );
}

/** The shared pool's spot switch; VIP pools have none, since a reclaim is a reconnect wave for one customer. */
export function sharedPoolSpot(machines: string) {
  return z
    .boolean()
    .default(false)
    .meta({
      description: `${machines} for the shared pool: cheaper, and gateways reconnect when one is reclaimed. VIP pools never use spot.`,
    });
}
