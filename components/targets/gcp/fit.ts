import type { ConfigIssue } from "../../config/errors";
import { issueAt } from "../../config/issues";
import type { EdgeConfig, PlatformConfig } from "../../config/types";
import type { TargetCheckContext } from "../definition";
import type { GcpPlan } from "./plan";
import { dedicatedNodePools } from "../node-pools";
import { checkClusterRanges } from "./ranges";
import { gcpDataIssues } from "./data/fit";
import type { GcpTargetConfig } from "./schema";

/** Most nodes every pool together may reach, across all zones. */
export function maxClusterNodes(cluster: GcpTargetConfig, dedicatedPools: number): number {
  const { system, shared, vip } = cluster.nodePools;
  return (system.maxNodes + shared.maxNodes + dedicatedPools * vip.maxNodes) * cluster.zones.length;
}

function tlsModeIssue(edge: EdgeConfig): ConfigIssue[] {
  if (edge.tls.mode !== "edge") return [];
  return [
    issueAt(
      ["edge", "tls", "mode"],
      "edge",
      "the GCP gateway edge is a passthrough Network Load Balancer, which cannot terminate TLS; use mode: pod with secretName",
    ),
  ];
}

/**
 * Checks that need the whole platform config (tenants, edge), run before the target registers
 * anything: the field-level schema cannot see them.
 */
export function gcpPlatformIssues(
  cluster: GcpTargetConfig,
  platform: PlatformConfig,
  { at: targetPath }: TargetCheckContext<GcpPlan>,
): ConfigIssue[] {
  const nodes = maxClusterNodes(cluster, dedicatedNodePools(platform).length);
  const capacity = checkClusterRanges(cluster.network, nodes).map((issue) =>
    issueAt(
      [...targetPath, "network", issue.field],
      issue.value,
      `${issue.message} (counting the dedicated VIP pools)`,
    ),
  );
  return [...tlsModeIssue(platform.edge), ...capacity, ...gcpDataIssues(cluster, platform, targetPath)];
}
