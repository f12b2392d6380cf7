import { scalesOnQueueLag, scalesOnUsers } from "../config/services";
import type { AutoscalingConfig, ServiceSpec } from "../config/types";

/** How one service of one cell is sized: a fixed count, or bounds for an autoscaler. */
export type ScalingPlan =
  | { readonly kind: "fixed"; readonly replicas: number }
  | { readonly kind: "hpa-cpu" | "keda" | "keda-users"; readonly min: number; readonly max: number };

/**
 * Singletons and fixed-count services (hash-routed gateways) never get an autoscaler. Workers
 * scale on queue lag when KEDA is on; gateways on online users per pod when that is configured.
 */
export function planScaling(
  service: ServiceSpec,
  autoscaling: AutoscalingConfig,
  cellBounds: { min?: number; max?: number } = {},
): ScalingPlan {
  if (service.role === "singleton") return { kind: "fixed", replicas: 1 };
  if ("fixed" in service.replicas) return { kind: "fixed", replicas: service.replicas.fixed };
  const min = cellBounds.min ?? service.replicas.min;
  const max = cellBounds.max ?? service.replicas.max;
  if (min === max) return { kind: "fixed", replicas: min };
  if (scalesOnQueueLag(service, autoscaling)) return { kind: "keda", min, max };
  if (scalesOnUsers(service, autoscaling)) return { kind: "keda-users", min, max };
  return { kind: "hpa-cpu", min, max };
}

export function initialReplicas(plan: ScalingPlan): number {
  if (plan.kind === "fixed") return plan.replicas;
  // KEDA alone scales from zero: a workload it may keep at zero starts there.
  return plan.kind === "keda" && plan.min === 0 ? 0 : Math.max(plan.min, 1);
}

export function maxReplicas(plan: ScalingPlan): number {
  return plan.kind === "fixed" ? plan.replicas : plan.max;
}

/** Identity matters for fixed-count services: their ordinal is their shard. */
export function usesStatefulSet(service: ServiceSpec): boolean {
  return service.role !== "singleton" && "fixed" in service.replicas;
}
