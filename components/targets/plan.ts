import type { PlatformConfig } from "../config/types";
import type { EdgeTimings } from "../core/edge-timing";

/** Limits of a target's edge load balancers, known before anything is deployed. */
export interface EdgeLimits {
  /** The longest idle timeout the gateway's load balancer accepts. */
  readonly maxIdleTimeoutSeconds: number;
  /** What a cell's edge Service is given as its address: an IP (A records) or a DNS name (CNAMEs). */
  readonly addressKind: "ip" | "hostname";
}

/**
 * What the kit decides about one target before building it, computed once from the validated
 * config and read by validation, the target, the platform and the cells.
 */
export interface TargetPlan<Detail = unknown> {
  /** "main" for a single target, the configured name in a hybrid stack. */
  readonly name: string;
  /** Share (0-100) of the tenants spread by weight. */
  readonly weight: number;
  readonly kind: string;
  readonly edgeLimits: EdgeLimits;
  /** The edge's timing chain with this target's ceiling: the one derivation of the idle timeout. */
  readonly edge: EdgeTimings;
  /** VIP tenants that get a customer-managed key of their own on this target. */
  readonly keyTenants: readonly string[];
  /** The target kind's own plan (pools, names, settings), from its definition's `plan`. */
  readonly detail: Detail;
}

/** What a target kind's own planning may read besides its config and the platform's. */
export interface PlanContext {
  /** The target's name in the stack. */
  readonly name: string;
  /** The Pulumi stack, for names derived from it. */
  readonly stack: string;
}

export function planTarget(
  target: { readonly name: string; readonly weight: number; readonly kind: string },
  platform: Pick<PlatformConfig, "tenants">,
  edgeLimits: EdgeLimits,
  edge: EdgeTimings,
  detail: unknown,
): TargetPlan {
  const keyTenants = platform.tenants
    .filter((tenant) => tenant.tier === "vip" && tenant.dedicatedKey)
    .map((tenant) => tenant.id);
  return { name: target.name, weight: target.weight, kind: target.kind, edgeLimits, edge, keyTenants, detail };
}
