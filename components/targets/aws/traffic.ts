import type * as aws from "@pulumi/aws/provider";
import * as route53 from "@pulumi/aws/route53";
import type * as pulumi from "@pulumi/pulumi";
import { labelKeys } from "../../core/labels";
import type { GlobalTraffic, TrafficEndpoint, TrafficHealthCheck, TrafficRecord } from "../capabilities";
import type { TrafficFacts } from "../traffic-facts";
import type { TargetArgs } from "../cluster-target";
import type { AwsTargetConfig } from "./schema";

/** What global traffic reads of the target's args (its plan's detail it does not need). */
type AwsTrafficArgs = TargetArgs<AwsTargetConfig>;

/** What Route 53 accepts for health-checked records, from its developer guide and API reference. */
export const ROUTE53_TRAFFIC_FACTS: TrafficFacts = {
  service: "route53",
  // RequestInterval: 10 (fast) or 30 (standard); it cannot change once the check exists.
  healthCheckIntervals: [10, 30],
  failureThreshold: { min: 1, max: 10 },
  // Fixed by Route 53: 4 s to connect and 2 s to answer for HTTP(S), 10 s to connect for TCP.
  timeoutSeconds: undefined,
  ttlSeconds: { min: 0, max: 2_147_483_647 },
  endpointKinds: ["ip", "hostname"],
  probeProtocols: ["TCP", "HTTP", "HTTPS"],
  source:
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html, " +
    "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html, " +
    "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html (read 2026-12-07)",
};

export interface Route53TrafficArgs {
  /** The public hosted zone's name. */
  readonly zone: string;
  /** Its id, where the stack gives it; otherwise it is looked up by name. */
  readonly hostedZoneId?: string | undefined;
  readonly provider: aws.Provider;
  readonly parent: pulumi.Resource;
}

/** The `dns` capability of an AWS target: Route 53, where the stack names this target its publisher. */
export function awsGlobalTraffic(
  args: AwsTrafficArgs,
  provider: aws.Provider,
  parent: pulumi.Resource,
): GlobalTraffic | undefined {
  const traffic = args.platform.traffic;
  if (!traffic || traffic.publisher !== args.plan.name) return undefined;
  return route53Traffic({ zone: traffic.zone, hostedZoneId: args.cluster.hostedZoneId, provider, parent });
}

/**
 * Route 53 as the stack's global traffic: per endpoint one health check and one record of the
 * hostname, in a failover or weighted group. Every record of a group must share one type, so a
 * hostname whose endpoints mix IPs and DNS names is published as CNAMEs, each IP behind a name of
 * its own.
 */
export function route53Traffic(args: Route53TrafficArgs): GlobalTraffic {
  let zoneId: pulumi.Input<string> | undefined = args.hostedZoneId;
  // Looked up once, and only when something is published.
  const hostedZone = (): pulumi.Input<string> =>
    (zoneId ??= route53.getZoneOutput(
      { name: args.zone, privateZone: false },
      { parent: args.parent, provider: args.provider },
    ).zoneId);
  return {
    zone: args.zone,
    publish: (record, opts) => publishRecord(record, hostedZone(), { ...opts, provider: args.provider }),
  };
}

function publishRecord(
  record: TrafficRecord,
  zoneId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
  checkGroup(record);
  const asNames = record.endpoints.some((endpoint) => endpoint.addressKind === "hostname");
  const created: pulumi.Resource[] = [];
  for (const endpoint of record.endpoints) {
    const name = `${record.name}-${endpoint.target}`;
    const check = new route53.HealthCheck(
      `${name}-check`,
      { ...probe(record.healthCheck, record.hostname, endpoint), tags: tagsOf(record, endpoint) },
      opts,
    );
    let value: pulumi.Input<string> = endpoint.address;
    if (asNames && endpoint.addressKind === "ip") {
      const address = new route53.Record(
        `${name}-address`,
        { zoneId, name: addressName(record, endpoint), type: "A", ttl: record.ttlSeconds, records: [endpoint.address] },
        opts,
      );
      created.push(address);
      value = address.fqdn;
    }
    const entry = new route53.Record(
      name,
      {
        zoneId,
        name: record.hostname,
        type: asNames ? "CNAME" : "A",
        ttl: record.ttlSeconds,
        records: [value],
        setIdentifier: endpoint.target,
        healthCheckId: check.id,
        ...routingOf(record, endpoint),
      },
      opts,
    );
    created.push(check, entry);
  }
  return created;
}

/** Route 53 answers a failover group from one PRIMARY and at most one SECONDARY. */
function checkGroup(record: TrafficRecord): void {
  if (record.routing !== "failover") return;
  const count = (role: TrafficEndpoint["role"]) => record.endpoints.filter((e) => e.role === role).length;
  if (count("primary") !== 1 || count("secondary") > 1 || count("weighted") > 0) {
    throw new Error(
      `${record.hostname}: a Route 53 failover record takes one primary and at most one secondary endpoint; got ${record.endpoints.map((e) => `${e.target} (${e.role})`).join(", ")}`,
    );
  }
}

/** The name an IP endpoint is published under when the hostname's records are CNAMEs. */
export function addressName(record: TrafficRecord, endpoint: TrafficEndpoint): string {
  return `${endpoint.target}.${record.hostname}`;
}

function probe(
  check: TrafficHealthCheck,
  hostname: string,
  endpoint: TrafficEndpoint,
): Omit<route53.HealthCheckArgs, "tags"> {
  const http = check.protocol !== "TCP";
  const target =
    endpoint.addressKind === "ip"
      ? // An HTTP(S) probe of an IP sends the tenant's hostname as Host (and SNI), as a client would.
        { ipAddress: endpoint.address, ...(http ? { fqdn: hostname } : {}) }
      : { fqdn: endpoint.address };
  return {
    type: check.protocol,
    ...target,
    port: check.port,
    ...(http ? { resourcePath: check.path ?? "/" } : {}),
    requestInterval: check.intervalSeconds,
    failureThreshold: check.failureThreshold,
  };
}

function routingOf(
  record: TrafficRecord,
  endpoint: TrafficEndpoint,
): Pick<route53.RecordArgs, "failoverRoutingPolicies" | "weightedRoutingPolicies"> {
  return record.routing === "failover"
    ? { failoverRoutingPolicies: [{ type: endpoint.role === "primary" ? "PRIMARY" : "SECONDARY" }] }
    : { weightedRoutingPolicies: [{ weight: endpoint.weight }] };
}

function tagsOf(record: TrafficRecord, endpoint: TrafficEndpoint): Record<string, string> {
  return {
    Name: `${record.hostname} on ${endpoint.target}`,
    [labelKeys.tenant]: record.tenant,
    [labelKeys.role]: record.role,
  };
}
