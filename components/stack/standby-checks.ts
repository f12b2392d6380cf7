import { cellLayouts } from "../config/cells";
import type { ConfigIssue } from "../config/errors";
import { issueAt } from "../config/issues";
import { scalesOnQueueLag, servicesInProfile } from "../config/services";
import type { PlatformConfig } from "../config/types";

/**
 * Risky but allowed: a standby whose queue consumers cannot wait at zero (its cell runs them in
 * one compact pod, or KEDA is off) consumes beside the home while the home is healthy.
 */
export function standbyConsumerWarnings(config: PlatformConfig): ConfigIssue[] {
  const profiles = new Map(
    cellLayouts(config).flatMap((cell) => cell.tenants.map((id) => [id, cell.profile] as const)),
  );
  return config.tenants.flatMap((tenant, index) => {
    const standby = tenant.placement?.standby;
    const profile = profiles.get(tenant.id);
    if (standby === undefined || profile === undefined) return [];
    const services = servicesInProfile(config.services, profile);
    const consumers = services.filter((service) => service.role === "worker");
    if (consumers.length > 0 && consumers.every((service) => scalesOnQueueLag(service, config.autoscaling))) return [];
    return [
      issueAt(
        ["tenants", index, "placement", "standby"],
        standby,
        `runs the tenant's queue consumers on "${standby}" while its home is healthy (${profile === "compact" ? "one compact pod runs them" : "they do not scale on queue lag"}): they share the cell's Kafka groups, so a push they take misses the home's connections and reaches the client on its next sync; use profile services with autoscaling.keda.enabled to keep them at zero until the home stops`,
      ),
    ];
  });
}
