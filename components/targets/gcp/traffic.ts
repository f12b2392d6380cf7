import * as compute from "@pulumi/gcp/compute";
import * as dns from "@pulumi/gcp/dns";
import type { input } from "@pulumi/gcp/types";
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import type { GlobalTraffic, TrafficEndpoint, TrafficHealthCheck, TrafficRecord } from "../capabilities";
import type { TrafficFacts } from "../traffic-facts";
import { DEFAULT_PROBE_REGIONS } from "./conventions";
import type { TargetArgs } from "../cluster-target";
import type { GcpTargetConfig } from "./schema";

/** What global traffic reads of the target's args (its plan's detail it does not need). */
type GcpTrafficArgs = TargetArgs<GcpTargetConfig>;

/**
 * What Cloud DNS accepts for health-checked routing to public endpoints: internet IP addresses
 * only, probed by a global health check with three source regions, which holds its interval to
 * 30 s or more and its protocol to TCP, HTTP or HTTPS.
 */
export const CLOUD_DNS_FACTS: TrafficFacts = {
  service: "cloud-dns",
  healthCheckIntervals: { min: 30, max: 300 },
  failureThreshold: { min: 1, max: 10 },
  // No longer than the interval, whose floor is 30 s.
  timeoutSeconds: { min: 1, max: 30 },
  ttlSeconds: { min: 0, max: 2_147_483_647 },
  endpointKinds: ["ip"],
  probeProtocols: ["TCP", "HTTP", "HTTPS"],
  source:
    "https://cloud.google.com/dns/docs/routing-policies-overview, " +
    "https://cloud.google.com/dns/docs/configure-routing-policies, " +
    "https://cloud.google.com/blog/products/networking/public-ip-health-checks-in-cloud-dns-now-ga (2025-02-21), " +
    "@pulumi/gcp 9.37.0 compute.HealthCheck.sourceRegions and dns.RecordSet routingPolicy (read 2026-12-07)",
};

export interface CloudDnsTrafficArgs {
  readonly zone: string;
  /** The Cloud DNS managed zone (its resource name) that serves `zone`. */
  readonly managedZone: string;
  readonly project: string;
  /** Where the backup targets of a failover record sit (the API wants a region for them). */
  readonly region: string;
  /** Exactly three regions the health checks probe from. */
  readonly probeRegions: readonly string[];
}

/** The managed zone's name when the target gives none: the zone's labels joined by dashes. */
export function defaultManagedZone(zone: string): string {
  return zone.replace(/\./g, "-");
}

/** The `dns` capability of a GCP target: Cloud DNS, where the stack names this target its publisher. */
export function gcpGlobalTraffic(args: GcpTrafficArgs): GlobalTraffic | undefined {
  const traffic = args.platform.traffic;
  if (!traffic || traffic.publisher !== args.plan.name) return undefined;
  const { cluster } = args;
  return cloudDnsTraffic({
    zone: traffic.zone,
    managedZone: cluster.dnsManagedZone ?? defaultManagedZone(traffic.zone),
    project: cluster.project,
    region: cluster.region,
    probeRegions: cluster.dnsProbeRegions ?? DEFAULT_PROBE_REGIONS,
  });
}

/**
 * Cloud DNS as the stack's global traffic: per hostname one A record set whose routing policy
 * (primary/backup for failover, weighted round robin for a spread) answers only with endpoints
 * its health check finds up; the one check probes each endpoint from three regions.
 */
export function cloudDnsTraffic(args: CloudDnsTrafficArgs): GlobalTraffic {
  return {
    zone: args.zone,
    publish: (record, opts) => {
      const named = record.endpoints.filter((endpoint) => endpoint.addressKind !== "ip");
      if (named.length > 0) {
        throw new Error(
          `${record.hostname}: Cloud DNS health-checks IP addresses only; ${named.map((e) => e.target).join(", ")} is addressed by a DNS name`,
        );
      }
      const check = new compute.HealthCheck(
        `${record.name}-check`,
        {
          project: args.project,
          name: checkName(args.project, record),
          description: `${record.hostname}: each endpoint's edge, for Cloud DNS routing`,
          sourceRegions: [...args.probeRegions],
          checkIntervalSec: record.healthCheck.intervalSeconds,
          timeoutSec: record.healthCheck.timeoutSeconds,
          unhealthyThreshold: record.healthCheck.failureThreshold,
          ...probeOf(record.healthCheck, record.hostname),
        },
        opts,
      );
      const recordSet = new dns.RecordSet(
        record.name,
        {
          project: args.project,
          managedZone: args.managedZone,
          name: `${record.hostname}.`,
          type: "A",
          ttl: record.ttlSeconds,
          routingPolicy: { healthCheck: check.id, ...routingOf(record, args.region) },
        },
        opts,
      );
      return [check, recordSet];
    },
  };
}

/** A Compute name (RFC 1035, at most 63) unique to the project and the hostname. */
function checkName(project: string, record: TrafficRecord): string {
  const hash = createHash("sha256").update(`${project}/${record.hostname}`).digest("hex").slice(0, 8);
  const stem = record.name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 54)
    .replace(/-+$/, "");
  return `${stem || "traffic"}-${hash}`;
}

type ProbeArgs = Pick<compute.HealthCheckArgs, "tcpHealthCheck" | "httpHealthCheck" | "httpsHealthCheck">;

/** The probe: TCP connect, or an HTTP(S) request on the path with the tenant's hostname as Host. */
function probeOf(check: TrafficHealthCheck, hostname: string): ProbeArgs {
  if (check.protocol === "TCP") return { tcpHealthCheck: { port: check.port } };
  const request = { port: check.port, requestPath: check.path ?? "/", host: hostname };
  return check.protocol === "HTTP" ? { httpHealthCheck: request } : { httpsHealthCheck: request };
}

const addresses = (endpoints: readonly TrafficEndpoint[]): Array<pulumi.Input<string>> =>
  endpoints.map((endpoint) => endpoint.address);

function routingOf(record: TrafficRecord, region: string): Omit<input.dns.RecordSetRoutingPolicy, "healthCheck"> {
  const primaries = record.endpoints.filter((endpoint) => endpoint.role !== "secondary");
  const backups = record.endpoints.filter((endpoint) => endpoint.role === "secondary");
  if (record.routing === "failover" && backups.length > 0) {
    return {
      primaryBackup: {
        primary: { externalEndpoints: addresses(primaries) },
        // Every backup answers wherever the query comes from: one backup set, in the target's region.
        backupGeos: [{ location: region, healthCheckedTargets: { externalEndpoints: addresses(backups) } }],
        trickleRatio: 0,
      },
    };
  }
  // A spread, or a failover record without a standby: each endpoint its own health-checked item.
  return {
    wrrs: record.endpoints.map((endpoint) => ({
      weight: record.routing === "weighted" ? endpoint.weight : 1,
      healthCheckedTargets: { externalEndpoints: [endpoint.address] },
    })),
  };
}
