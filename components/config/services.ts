import { CATALOGUES, type CatalogueName } from "../catalogue/registry";
import type { ConfigIssue, PathSegment } from "./errors";
import { fromZodIssue } from "./issues";
import { serviceSchema, toServiceSpec, type ServiceOverride, type ServiceSpec } from "./service-schema";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars from the override replace the preset's. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value);
  return merged;
}

/**
 * Applies a stack's overrides to a catalogue and validates every resulting service. Errors in
 * an overridden service point at the override; errors in an untouched preset at the catalogue.
 */
export function resolveServices(
  catalogue: CatalogueName,
  overrides: readonly ServiceOverride[],
): { services: ServiceSpec[]; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const entries = new Map<string, { value: unknown; source: PathSegment[] }>();
  for (const preset of CATALOGUES[catalogue].entries) {
    entries.set(preset.name, { value: preset, source: ["catalogue", preset.name] });
  }
  const seen = new Map<string, number>();
  overrides.forEach((override, index) => {
    const firstIndex = seen.get(override.name);
    if (firstIndex !== undefined) {
      issues.push({
        path: `im-platform:services[${index}].name`,
        message: `got "${override.name}"; already overridden at services[${firstIndex}]: merge the two entries`,
      });
      return;
    }
    seen.set(override.name, index);
    const preset = entries.get(override.name)?.value;
    const merged = deepMerge(preset ?? {}, override) as Record<string, unknown>;
    // Replica settings are one choice (fixed or min/max): an override replaces the preset's whole.
    if (override.replicas) merged.replicas = override.replicas;
    entries.set(override.name, { value: merged, source: ["services", index] });
  });

  const services: ServiceSpec[] = [];
  for (const { value, source } of entries.values()) {
    const parsed = serviceSchema.safeParse(value, { reportInput: true });
    if (parsed.success) {
      if (parsed.data.enabled) services.push(toServiceSpec(parsed.data));
    } else {
      issues.push(...parsed.error.issues.flatMap((issue) => fromZodIssue(source, issue)));
    }
  }
  for (const profile of new Set(services.map((service) => service.profile))) {
    const gateways = servicesInProfile(services, profile).filter((service) => service.role === "gateway");
    if (gateways.length > 1) {
      issues.push({
        path: "im-platform:services",
        message: `got ${gateways.length} gateways in profile ${profile} (${gateways.map((g) => g.name).join(", ")}); a cell has one edge, so keep one gateway and give the others role api`,
      });
    }
  }
  return { services, issues };
}

/** A worker with KEDA triggers, where KEDA is on, scales on queue lag, and KEDA alone may scale to zero. */
export function scalesOnQueueLag(
  service: Pick<ServiceSpec, "role" | "keda">,
  autoscaling: { readonly keda: { readonly enabled: boolean } },
): boolean {
  return service.role === "worker" && autoscaling.keda.enabled && service.keda.length > 0;
}

/** A gateway, where KEDA is on and a users-per-pod target is set, scales on its online users. */
export function scalesOnUsers(
  service: Pick<ServiceSpec, "role">,
  autoscaling: { readonly keda: { readonly enabled: boolean }; readonly gatewayUsersPerPod?: number },
): boolean {
  return service.role === "gateway" && autoscaling.keda.enabled && autoscaling.gatewayUsersPerPod !== undefined;
}

/** The services a cell of the given profile runs. */
export function servicesInProfile<S extends Pick<ServiceSpec, "profile">>(
  services: readonly S[],
  profile: string,
): S[] {
  return services.filter((service) => service.profile === profile);
}
