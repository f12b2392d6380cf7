import { cellFootprint, replicasInCell, type ScalingOverrides } from "../core/capacity";
import { STANDARD_DAILY_PROFILE, utcDailyCurve } from "../core/load-profile";
import { formatBytes, formatCpu } from "../core/quantity";
import { isLoadDriven, replicasForLoad, scaleLoad, type Load, type PerReplicaCapacity } from "../core/replica-sizing";
import type { LoadConfig, SizingConfig } from "./load-schema";
import type { ServiceSpec } from "./service-schema";

/** A tenant's declared load with every default applied, its day laid on UTC hours. */
export interface ResolvedLoad {
  readonly peak: Load;
  readonly burstFactor: number;
  /** Share of the peak at each UTC hour; the busiest hour is 1. */
  readonly curve: readonly number[];
}

/**
 * A tenant's load as the validated config keeps it: the stack's form with every default filled in
 * (burst factor, day), so the config validates again to itself.
 */
export type DeclaredLoad = Required<LoadConfig>;

export function declaredLoad(load: LoadConfig, sizing: Pick<SizingConfig, "burstFactor">): DeclaredLoad {
  return {
    ...load,
    burstFactor: load.burstFactor ?? sizing.burstFactor,
    hourly: load.hourly ?? [...STANDARD_DAILY_PROFILE],
  };
}

export function resolveLoad(load: LoadConfig, sizing: Pick<SizingConfig, "burstFactor">): ResolvedLoad {
  return {
    peak: { connections: load.peakConnections, messagesPerSecond: load.peakMessagesPerSecond },
    burstFactor: load.burstFactor ?? sizing.burstFactor,
    curve: utcDailyCurve(load.hourly ?? STANDARD_DAILY_PROFILE, load.utcOffsetHours),
  };
}

/** The load a cell must hold at once: its peak times its burst factor. */
export function burstLoad(load: ResolvedLoad): Load {
  return scaleLoad(load.peak, load.burstFactor);
}

/** The load at its quietest hour, which the cell keeps running without waiting for the autoscaler. */
export function baselineLoad(load: ResolvedLoad): Load {
  return scaleLoad(load.peak, Math.min(...load.curve));
}

/** The most pods of a service that can do useful work, and why: a fixed count, or a topic's partitions. */
export function replicaCeiling(
  service: Pick<ServiceSpec, "replicas" | "keda">,
): { readonly replicas: number; readonly reason: "fixed" | "partitions" } | undefined {
  if ("fixed" in service.replicas) return { replicas: service.replicas.fixed, reason: "fixed" };
  const partitions = service.keda.flatMap((trigger) => (trigger.partitions === undefined ? [] : [trigger.partitions]));
  return partitions.length > 0 ? { replicas: Math.min(...partitions), reason: "partitions" } : undefined;
}

/**
 * Pods of a service a cell runs at a load: what the load needs, never fewer than the cell's min,
 * never more than can do useful work. The configured max is deliberately not applied: this is
 * what the load needs, which the sizing checks compare with the max.
 */
export function replicasAtLoad(service: ServiceSpec, overrides: ScalingOverrides, load: Load | undefined): number {
  const min = replicasInCell(service, overrides, "min");
  const needed = load ? replicasForLoad(load, service.capacity) : undefined;
  if (needed === undefined) return min;
  const ceiling = replicaCeiling(service)?.replicas ?? Infinity;
  return Math.max(min, Math.min(needed, ceiling));
}

/** How one load-driven service of a cell is sized from its tenant's load. */
export interface ServiceSizing {
  readonly service: string;
  readonly capacity: PerReplicaCapacity;
  /** Replicas the quietest hour needs, and the peak times the burst factor. */
  readonly baseline: number;
  readonly atBurst: number;
  readonly ceiling?: ReturnType<typeof replicaCeiling>;
  /** The bounds the load derives: min for the baseline, max for peak x burst, within the ceiling. */
  readonly min: number;
  readonly max: number;
}

/** The derived bounds of every load-driven service a cell runs. */
export function sizeServices(services: readonly ServiceSpec[], load: ResolvedLoad): ServiceSizing[] {
  return services.flatMap((service): ServiceSizing[] => {
    if (!isLoadDriven(service.capacity)) return [];
    const baseline = replicasForLoad(baselineLoad(load), service.capacity) ?? 0;
    const atBurst = replicasForLoad(burstLoad(load), service.capacity) ?? 0;
    const ceiling = replicaCeiling(service);
    const cap = ceiling?.replicas ?? Infinity;
    const floor = replicasInCell(service, {}, "min");
    const min = Math.min(Math.max(floor, baseline), cap);
    const max = Math.min(Math.max(min, atBurst), cap);
    return [{ service: service.name, capacity: service.capacity, baseline, atBurst, ceiling, min, max }];
  });
}

/** The quota of a cell's compute that holds every service at its maximum, rounded up to readable units. */
export function quotaForMaxReplicas(
  services: readonly ServiceSpec[],
  overrides: ScalingOverrides,
): { cpu: string; memory: string; cpuLimit: string; memoryLimit: string; pods: number } {
  const need = cellFootprint(services, (service) => replicasInCell(service, overrides, "max"));
  const cores = (value: number) => formatCpu(Math.ceil(value * 10 - 1e-9) / 10);
  const gibibytes = (value: number) => formatBytes(Math.ceil(value / 2 ** 30 - 1e-9) * 2 ** 30);
  return {
    cpu: cores(need.requests.cpu),
    memory: gibibytes(need.requests.memory),
    cpuLimit: cores(need.limits.cpu),
    memoryLimit: gibibytes(need.limits.memory),
    pods: need.pods,
  };
}

/** Bounds per service name that a load derives, for a tenant's `scaling`. */
export function derivedScaling(sizings: readonly ServiceSizing[]): Record<string, { min: number; max: number }> {
  return Object.fromEntries(sizings.map((sizing) => [sizing.service, { min: sizing.min, max: sizing.max }]));
}
