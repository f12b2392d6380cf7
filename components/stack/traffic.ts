import { cellLayouts } from "../config/cells";
import { servicesInProfile } from "../config/services";
import { edgeFaces, edgeFrontPort, edgePortsOf, type EdgeFace } from "../platform/edge";
import type { EdgeEndpoints } from "../platform/service-set";
import { requireCapability, type TrafficEndpoint, type TrafficHealthCheck } from "../targets/capabilities";
import type { ClusterTarget } from "../targets/cluster-target";
import type { TrafficConfig } from "../config/traffic-schema";
import type { Profile } from "../config/types";
import type { StackConfig } from "./types";

/** A tenant's hostname for one face, inside the zone. */
export function tenantHostname(traffic: TrafficConfig, tenant: string, face: EdgeFace): string {
  return `${traffic.hostnames[face].replaceAll("{tenant}", tenant)}.${traffic.zone}`;
}

/** How the publisher probes a face: its socket, or the API over HTTP(S) on a path the operator names. */
function probeOf(
  config: StackConfig,
  traffic: TrafficConfig,
  face: EdgeFace,
  profile: Profile,
): TrafficHealthCheck | undefined {
  const service = servicesInProfile(config.services, profile).find((candidate) => edgeFaces(candidate).includes(face));
  const first = service && edgePortsOf(service, face)[0];
  if (!first) return undefined;
  const tls = config.edge.tls.mode;
  const path = face === "api" ? traffic.healthCheck.apiPath : undefined;
  // OpenIM's API answers only token-bearing POSTs (internal/api/router.go at v3.8.3), so a request
  // is probed only on a path the operator names; with TLS in the pod the listener may not speak it.
  const protocol = path === undefined || tls === "pod" ? "TCP" : tls === "edge" ? "HTTPS" : "HTTP";
  return {
    protocol,
    port: edgeFrontPort(first, 0, config.edge),
    ...(protocol === "TCP" ? {} : { path }),
    intervalSeconds: traffic.healthCheck.intervalSeconds,
    failureThreshold: traffic.healthCheck.failureThreshold,
    timeoutSeconds: traffic.healthCheck.timeoutSeconds,
  };
}

/**
 * Publishes each tenant's gateway and API hostnames through the publisher target's DNS: a
 * failover record whose primary is the tenant's edge on its home target and whose secondary is
 * its edge on the standby, each behind a health check of its own.
 */
export function publishTenantTraffic(
  config: StackConfig,
  targets: Readonly<Record<string, ClusterTarget>>,
  edgeEndpoints: Readonly<Record<string, Readonly<Record<string, EdgeEndpoints>>>>,
  cells: readonly string[] | undefined,
): void {
  const traffic = config.traffic;
  const publisher = traffic && targets[traffic.publisher];
  if (!traffic || !publisher) return;
  const dns = requireCapability(publisher, "dns", "traffic.publisher");
  const addressKinds = Object.fromEntries(
    config.targets.map((target) => [target.name, target.plan.edgeLimits.addressKind]),
  );
  for (const layout of cellLayouts(config)) {
    if (cells && !cells.includes(layout.cell)) continue;
    for (const tenant of layout.tenants) {
      const where = config.placement[tenant];
      if (!where) continue;
      for (const face of ["gateway", "api"] as const) {
        if (face === "api" && config.edge.api.exposure === "ingress") continue;
        const healthCheck = probeOf(config, traffic, face, layout.profile);
        const roles = [
          [where.home, "primary"],
          [where.standby, "secondary"],
        ] as const;
        const endpoints: TrafficEndpoint[] = roles.flatMap(([target, role]) => {
          const address = target === undefined ? undefined : edgeEndpoints[target]?.[layout.cell]?.[face];
          return target === undefined || !address
            ? []
            : [{ target, address, addressKind: addressKinds[target] ?? "ip", role, weight: 0 }];
        });
        if (!healthCheck || endpoints.length === 0) continue;
        dns.publish(
          {
            name: `traffic-${tenant}-${face}`,
            hostname: tenantHostname(traffic, tenant, face),
            tenant,
            role: face,
            routing: "failover",
            ttlSeconds: traffic.ttlSeconds,
            healthCheck,
            endpoints,
          },
          {},
        );
      }
    }
  }
}
