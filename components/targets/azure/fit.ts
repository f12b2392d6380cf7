import type { ConfigIssue, PathSegment } from "../../config/errors";
import { issueAt } from "../../config/issues";
import type { PlatformConfig } from "../../config/types";
import { dedicatedOverrideIssues } from "../node-pools";
import { checkAzureRanges } from "./ranges";
import { poolNodes, type AzurePlan } from "./plan";
import type { AzureTargetConfig } from "./schema";
import type { AzureSettings } from "./settings";
import type { TargetCheckContext } from "../definition";
import { azureDataIssues } from "./data/fit";

/**
 * What a gateway pod needs beyond `edge.drainSeconds` before it is gone: the platform's preStop
 * wait (15 s) and shutdown buffer (5 s). A test holds this to the platform's timings.
 */
export const GATEWAY_STOP_OVERHEAD_SECONDS = 20;

/** The longest a pod of the platform takes to stop, which the autoscaler must wait out on scale-down. */
export function longestPodGraceSeconds(platform: PlatformConfig): number {
  return Math.max(
    ...platform.services.map((service) =>
      service.role === "gateway"
        ? platform.edge.drainSeconds + GATEWAY_STOP_OVERHEAD_SECONDS
        : service.terminationGraceSeconds,
    ),
    0,
  );
}

function hasPublic(platform: PlatformConfig, gateway: boolean): boolean {
  return platform.services.some((service) => service.exposure === "public" && (service.role === "gateway") === gateway);
}

/** TLS can end at the edge only where an L7 proxy is the edge: the API behind Application Gateway for Containers. */
function tlsIssues(cluster: AzureTargetConfig, platform: PlatformConfig): ConfigIssue[] {
  if (platform.edge.tls.mode !== "edge") return [];
  const apiBehindGateway = cluster.applicationGateway.enabled && platform.edge.api.exposure === "ingress";
  if (!hasPublic(platform, true) && (!hasPublic(platform, false) || apiBehindGateway)) return [];
  return [
    issueAt(
      ["edge", "tls", "mode"],
      "edge",
      "the Azure load balancer is L4 and cannot terminate TLS, so TLS ends in the pod: use mode: pod with secretName (only an API behind applicationGateway may end TLS at the edge)",
    ),
  ];
}

function environmentIssues(
  cluster: AzureTargetConfig,
  platform: PlatformConfig,
  at: readonly PathSegment[],
): ConfigIssue[] {
  if (platform.environment !== "prod") return [];
  const issues: ConfigIssue[] = [];
  if (cluster.apiServer.privateCluster === false) {
    issues.push(
      issueAt(
        [...at, "apiServer", "privateCluster"],
        false,
        "is refused in prod: the API server stays private; reach it from the VNet, a peered network or a VPN, and remove this setting",
      ),
    );
  }
  if (cluster.skuTier === "Free") {
    issues.push(
      issueAt(
        [...at, "skuTier"],
        "Free",
        'is refused in prod: the Free tier has no API server SLA; use "Standard" or "Premium", or remove it',
      ),
    );
  }
  if (cluster.upgradeChannel === "none") {
    issues.push(
      issueAt(
        [...at, "upgradeChannel"],
        "none",
        'is refused in prod: the cluster would never get patch releases; use "stable" or "patch"',
      ),
    );
  }
  if (new Set(cluster.zones).size < 2) {
    issues.push(
      issueAt(
        [...at, "zones"],
        cluster.zones,
        "lists one zone; prod needs at least 2 so a zone outage leaves capacity",
      ),
    );
  }
  return issues;
}

function apiServerIssues(
  cluster: AzureTargetConfig,
  settings: AzureSettings,
  at: readonly PathSegment[],
): ConfigIssue[] {
  const { privateCluster } = settings;
  const ranges = cluster.apiServer.authorizedIpRanges;
  const path = [...at, "apiServer", "authorizedIpRanges"];
  if (!privateCluster && ranges.length === 0) {
    return [
      issueAt(
        path,
        ranges,
        "is required while the API server is public (privateCluster: false): list the networks that deploy and operate; it is never open to the internet",
      ),
    ];
  }
  if (privateCluster && ranges.length > 0) {
    return [
      issueAt(
        path,
        ranges,
        "applies to a public API server only (AKS refuses authorized ranges on a private cluster); remove it, or set apiServer.privateCluster: false outside prod",
      ),
    ];
  }
  return [];
}

function edgeIssues(cluster: AzureTargetConfig, platform: PlatformConfig, at: readonly PathSegment[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { internal, dnsLabelPrefix } = cluster.loadBalancer;
  if (internal && platform.edge.publicClients) {
    issues.push(
      issueAt(
        [...at, "loadBalancer", "internal"],
        true,
        "gives the edge no public address while edge.publicClients is true; list the private client ranges and set publicClients: false, or set internal: false",
      ),
    );
  }
  if (internal && dnsLabelPrefix) {
    issues.push(
      issueAt(
        [...at, "loadBalancer", "dnsLabelPrefix"],
        dnsLabelPrefix,
        "names public addresses, which an internal load balancer has none of; remove it, or set internal: false",
      ),
    );
  }
  const grace = longestPodGraceSeconds(platform);
  if (cluster.autoscaler.maxGracefulTerminationSeconds < grace) {
    issues.push(
      issueAt(
        [...at, "autoscaler", "maxGracefulTerminationSeconds"],
        cluster.autoscaler.maxGracefulTerminationSeconds,
        `is shorter than the longest pod grace period (${grace} s, the gateways' drain); the autoscaler would delete nodes under draining gateways: raise it to at least ${grace}`,
      ),
    );
  }
  return issues;
}

/**
 * Checks of the Azure target against the rest of the stack config (environment, tenants, edge),
 * which the target's own schema cannot see. Run with every other validation, before anything is
 * registered.
 */
export function azurePlatformIssues(
  cluster: AzureTargetConfig,
  platform: PlatformConfig,
  { at, plan }: TargetCheckContext<AzurePlan>,
): ConfigIssue[] {
  const maxNodes = plan.detail.pools.reduce((sum, pool) => sum + poolNodes(pool), 0);
  const managedData = platform.data.mode === "managed";
  const capacity = checkAzureRanges(cluster.network, maxNodes, cluster.applicationGateway.enabled, managedData).map(
    (issue) =>
      issueAt([...at, "network", issue.field], issue.value, `${issue.message} (counting the dedicated VIP pools)`),
  );
  return [
    ...tlsIssues(cluster, platform),
    ...environmentIssues(cluster, platform, at),
    ...apiServerIssues(cluster, plan.detail.settings, at),
    ...edgeIssues(cluster, platform, at),
    ...dedicatedOverrideIssues(cluster.nodePools.dedicatedOverrides, platform, [
      ...at,
      "nodePools",
      "dedicatedOverrides",
    ]),
    ...capacity,
    ...azureDataIssues(cluster, platform, at),
  ];
}
