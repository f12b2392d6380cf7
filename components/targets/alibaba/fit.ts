import type { ConfigIssue } from "../../config/errors";
import { issueAt } from "../../config/issues";
import type { PlatformConfig } from "../../config/types";
import type { TargetCheckContext } from "../definition";
import { maxClusterNodes, type AlibabaPlan } from "./plan";
import { ECS_MACHINES } from "./prices";
import { checkVpcRanges, usableAddresses } from "./ranges";
import type { AlibabaTargetConfig } from "./schema";

/** TLS at the edge needs NLB's TCPSSL listener: CLB's L4 listeners pass TLS through. */
function tlsIssues(cluster: AlibabaTargetConfig, platform: PlatformConfig): ConfigIssue[] {
  if (platform.edge.tls.mode !== "edge" || cluster.loadBalancer.type === "nlb") return [];
  return [
    issueAt(
      ["edge", "tls", "mode"],
      "edge",
      "a CLB's TCP listeners cannot terminate TLS; set target.loadBalancer.type: nlb to end TLS at the edge with the certificate id, or use mode: pod with secretName",
    ),
  ];
}

/**
 * Terway gives every pod an address of its zone's pod vSwitch: the vSwitches must hold every pool
 * at its maximum, each node with as many pods as its instance type's ENIs allow. Instance types
 * the kit's table does not know are left out of the count.
 */
function podAddressIssues(
  cluster: AlibabaTargetConfig,
  plan: AlibabaPlan,
  at: TargetCheckContext["at"],
): ConfigIssue[] {
  const pods = plan.pools.reduce((sum, pool) => {
    const spec = ECS_MACHINES[pool.size.instanceTypes[0]!];
    return sum + (spec ? spec.maxPods * pool.size.maxNodes : 0);
  }, 0);
  const prefixes = cluster.network.podCidrs.map((range) => Number(range.split("/")[1]));
  if (prefixes.some((prefix) => !Number.isInteger(prefix))) return []; // the schema reports malformed ranges
  const addresses = prefixes.reduce((sum, prefix) => sum + usableAddresses(prefix), 0);
  if (addresses >= pods) return [];
  return [
    issueAt(
      [...at, "network", "podCidrs"],
      cluster.network.podCidrs,
      `hold ${addresses} pod addresses but the pools at their maximum may run ${pods} pods (each node as many as its ENIs allow); use larger pod vSwitches or lower maxNodes`,
    ),
  ];
}

/**
 * Checks that need the whole platform config (environment, tenants, edge), run before the target
 * registers anything: enough zones for the environment, TLS the load balancer can end, and node
 * and pod vSwitches that hold every pool at full size, the dedicated VIP pools included.
 */
export function alibabaPlatformIssues(
  cluster: AlibabaTargetConfig,
  platform: PlatformConfig,
  { plan, at }: TargetCheckContext<AlibabaPlan>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { minZones } = plan.detail.settings;
  if (cluster.zones.length < minZones) {
    issues.push(
      issueAt(
        [...at, "zones"],
        cluster.zones,
        `lists ${cluster.zones.length} zones; ${platform.environment} spreads over at least ${minZones}, so losing one zone leaves a majority of every quorum`,
      ),
    );
  }
  const dedicated = plan.detail.pools.some((pool) => pool.purpose === "dedicated");
  if (dedicated) {
    for (const issue of checkVpcRanges(cluster.network, maxClusterNodes(plan.detail))) {
      if (issue.path[0] !== "nodeCidrs" || issue.path.length !== 1) continue; // the schema reported the rest
      issues.push(
        issueAt([...at, "network", ...issue.path], issue.value, `${issue.message} (counting the dedicated VIP pools)`),
      );
    }
  }
  return [...issues, ...podAddressIssues(cluster, plan.detail, at), ...tlsIssues(cluster, platform)];
}
