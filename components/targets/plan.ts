import type { PlatformConfig } from "../config/types";
import type { EdgeTimings } from "../core/edge-timing";

/** Limits of a target's edge load balancers, known before anything is deployed. */
export interface EdgeLimits {
  /** The longest idle timeout the gateway's load balancer accepts. */
  readonly maxIdleTimeoutSeconds: number;
}

/**
 * What the kit decides about one target before building it, computed once from the validated
 * config and read by validation, the target, the platform and the cells.
 */
export interface TargetPlan {
  /** "main" for a single target, the configured name in a hybrid stack. */
  readonly name: string;
  /** Share of client traffic (0-100). */
  readonly weight: number;
  readonly kind: string;
  readonly edgeLimits: EdgeLimits;
  /** The edge's timing chain with this target's ceiling: the one derivation of the idle timeout. */
  readonly edge: EdgeTimings;
  /** VIP tenants that get a customer-managed key of their own on this target. */
  readonly keyTenants: readonly string[];
}

export function planTarget(
  target: { readonly name: string; readonly weight: number; readonly kind: string },
  platform: Pick<PlatformConfig, "tenants">,
  edgeLimits: EdgeLimits,
  edge: EdgeTimings,
): TargetPlan {
  const keyTenants = platform.tenants
    .filter((tenant) => tenant.tier === "vip" && tenant.dedicatedKey)
    .map((tenant) => tenant.id);
  return { name: target.name, weight: target.weight, kind: target.kind, edgeLimits, edge, keyTenants };
}
