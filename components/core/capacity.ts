import { parseQuantity } from "./quantity";

/** CPU in cores and memory in bytes: the two resources quotas are sized in. */
export interface Footprint {
  readonly cpu: number;
  readonly memory: number;
}

export interface SizedService {
  readonly name: string;
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
  };
}

export const ZERO: Footprint = { cpu: 0, memory: 0 };

export function add(a: Footprint, b: Footprint): Footprint {
  return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory };
}

export function scale(a: Footprint, factor: number): Footprint {
  return { cpu: a.cpu * factor, memory: a.memory * factor };
}

export function footprintOf(resources: { cpu: string; memory: string }): Footprint {
  return { cpu: parseQuantity(resources.cpu) ?? 0, memory: parseQuantity(resources.memory) ?? 0 };
}

/** Requests and limits a cell holds when each service runs `replicasOf(service)` pods. */
export function cellFootprint<S extends SizedService>(
  services: readonly S[],
  replicasOf: (service: S) => number,
): { requests: Footprint; limits: Footprint; pods: number } {
  let requests = ZERO;
  let limits = ZERO;
  let pods = 0;
  for (const service of services) {
    const replicas = replicasOf(service);
    requests = add(requests, scale(footprintOf(service.resources.requests), replicas));
    limits = add(limits, scale(footprintOf(service.resources.limits), replicas));
    pods += replicas;
  }
  return { requests, limits, pods };
}

/** A service's replica count after validation: fixed at start-up, or bounds for an autoscaler. */
export type Replicas = { readonly fixed: number } | { readonly min: number; readonly max: number };

/** Per-tenant replica bounds that override a service's own, by service name. */
export type ScalingOverrides = Readonly<Record<string, { readonly min?: number; readonly max?: number }>>;

/** Replicas of a service in a cell at rest (min) or at full burst (max). */
export function replicasInCell(
  service: { readonly name: string; readonly replicas: Replicas },
  overrides: ScalingOverrides,
  at: "min" | "max",
): number {
  if ("fixed" in service.replicas) return service.replicas.fixed;
  const override = overrides[service.name];
  return at === "min" ? (override?.min ?? service.replicas.min) : (override?.max ?? service.replicas.max);
}
