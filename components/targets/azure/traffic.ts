import * as dns from "@pulumi/azure-native/dns";
import type { Provider } from "@pulumi/azure-native/provider";
import * as trafficmanager from "@pulumi/azure-native/trafficmanager";
import type * as pulumi from "@pulumi/pulumi";
import type { GlobalTraffic, TrafficEndpoint, TrafficHealthCheck, TrafficRecord } from "../capabilities";
import type { TrafficFacts } from "../traffic-facts";
import { EXTERNAL_ENDPOINT_TYPE } from "./conventions";
import { profileLabel } from "./naming";
import type { TargetArgs } from "../cluster-target";
import type { AzureTargetConfig } from "./schema";

/** What global traffic reads of the target's args (its plan's detail it does not need). */
type AzureTrafficArgs = TargetArgs<AzureTargetConfig>;

/** What Traffic Manager accepts, from its monitoring page and the fast-failover announcement. */
export const TRAFFIC_MANAGER_FACTS: TrafficFacts = {
  service: "traffic-manager",
  healthCheckIntervals: [10, 30],
  // Tolerated failures 0-9: an endpoint is degraded at the failure after the tolerated ones.
  failureThreshold: { min: 1, max: 10 },
  // 5-9 s with a 10 s interval, 5-10 s with 30 s: the range both intervals accept.
  timeoutSeconds: { min: 5, max: 9 },
  ttlSeconds: { min: 0, max: 2_147_483_647 },
  endpointKinds: ["ip", "hostname"],
  probeProtocols: ["TCP", "HTTP", "HTTPS"],
  source:
    "https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-monitoring, " +
    "https://azure.microsoft.com/roadmap/fast-failover-and-tcp-probing-in-azure-traffic-manager/ (2017-06-30), " +
    "https://learn.microsoft.com/en-us/azure/traffic-manager/traffic-manager-faqs (read 2026-12-07)",
};

/** Traffic Manager answers under this domain; a profile's name under it is global to Azure. */
const TRAFFIC_MANAGER_DOMAIN = "trafficmanager.net";

export interface TrafficManagerArgs {
  /** The Azure DNS zone's name. */
  readonly zone: string;
  /** The resource group of that zone. */
  readonly zoneResourceGroup: string;
  /** Where the profiles go: the target's own resource group. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Seeds the profiles' global names, so another stack or subscription never takes them. */
  readonly scope: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly provider: Provider;
}

/** The `dns` capability of an Azure target: Traffic Manager and Azure DNS, where the stack names this target its publisher. */
export function azureGlobalTraffic(
  args: AzureTrafficArgs,
  place: Omit<TrafficManagerArgs, "zone" | "zoneResourceGroup">,
  defaultZoneGroup: string,
): GlobalTraffic | undefined {
  const traffic = args.platform.traffic;
  if (!traffic || traffic.publisher !== args.plan.name) return undefined;
  return trafficManager({
    ...place,
    zone: traffic.zone,
    zoneResourceGroup: args.cluster.dnsZoneResourceGroup ?? defaultZoneGroup,
  });
}

/**
 * Traffic Manager as the stack's global traffic: per hostname one profile (Priority routing for
 * failover, Weighted for a spread) that probes each endpoint, and a CNAME in the zone to it.
 */
export function trafficManager(args: TrafficManagerArgs): GlobalTraffic {
  return {
    zone: args.zone,
    publish: (record, opts) => {
      const within = { ...opts, provider: args.provider };
      const label = profileLabel(args.scope, record);
      const profile = new trafficmanager.Profile(
        record.name,
        {
          resourceGroupName: args.resourceGroupName,
          profileName: label,
          location: "global",
          profileStatus: "Enabled",
          trafficRoutingMethod: record.routing === "failover" ? "Priority" : "Weighted",
          dnsConfig: { relativeName: label, ttl: record.ttlSeconds },
          monitorConfig: monitorOf(record.healthCheck),
          endpoints: endpointsOf(record),
          tags: { ...args.tags, "im-platform-tenant": record.tenant, "im-platform-role": record.role },
        },
        within,
      );
      const cname = new dns.RecordSet(
        `${record.name}-cname`,
        {
          resourceGroupName: args.zoneResourceGroup,
          zoneName: args.zone,
          relativeRecordSetName: relativeName(record.hostname, args.zone),
          recordType: "CNAME",
          ttl: record.ttlSeconds,
          cnameRecord: {
            cname: profile.dnsConfig.apply((config) => config?.fqdn ?? `${label}.${TRAFFIC_MANAGER_DOMAIN}`),
          },
        },
        within,
      );
      return [profile, cname];
    },
  };
}

function relativeName(hostname: string, zone: string): string {
  if (!hostname.endsWith(`.${zone}`)) throw new Error(`${hostname} is not inside the zone ${zone}`);
  return hostname.slice(0, -zone.length - 1);
}

function monitorOf(check: TrafficHealthCheck): trafficmanager.ProfileArgs["monitorConfig"] {
  return {
    protocol: check.protocol,
    port: check.port,
    // Traffic Manager refuses a path on a TCP probe and requires one on HTTP(S).
    ...(check.protocol === "TCP" ? {} : { path: check.path ?? "/" }),
    intervalInSeconds: check.intervalSeconds,
    timeoutInSeconds: check.timeoutSeconds,
    toleratedNumberOfFailures: check.failureThreshold - 1,
  };
}

/**
 * Priorities in the record's order, primaries first (Traffic Manager wants them distinct);
 * weights 1-1000, so a drained endpoint (weight 0) is disabled instead.
 */
function endpointsOf(record: TrafficRecord): trafficmanager.ProfileArgs["endpoints"] {
  const ranked = [
    ...record.endpoints.filter((endpoint) => endpoint.role !== "secondary"),
    ...record.endpoints.filter((endpoint) => endpoint.role === "secondary"),
  ];
  return ranked.map((endpoint: TrafficEndpoint, index) => ({
    name: endpoint.target,
    type: EXTERNAL_ENDPOINT_TYPE,
    target: endpoint.address,
    alwaysServe: "Disabled",
    ...(record.routing === "failover"
      ? { endpointStatus: "Enabled", priority: index + 1 }
      : { endpointStatus: endpoint.weight > 0 ? "Enabled" : "Disabled", weight: Math.max(endpoint.weight, 1) }),
  }));
}
