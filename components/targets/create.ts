import type * as pulumi from "@pulumi/pulumi";
import type { NamedTargetConfig, PlatformConfig } from "../config/types";
import type { ClusterTarget } from "./cluster-target";
import { AwsCluster } from "./aws/target";
import { AzureCluster } from "./azure/target";
import { ExistingCluster } from "./existing/target";
import { GcpCluster } from "./gcp/target";

/** Builds the ClusterTarget of one configured target; each kind lives in its own folder. */
export function createClusterTarget(
  target: NamedTargetConfig,
  platform: PlatformConfig,
  opts?: pulumi.ComponentResourceOptions,
): ClusterTarget {
  const { cluster } = target;
  switch (cluster.kind) {
    case "existing":
      return new ExistingCluster(`${target.name}-cluster`, { targetName: target.name, weight: target.weight, cluster, platform }, opts);
    case "gcp":
      return new GcpCluster(`${target.name}-cluster`, { targetName: target.name, weight: target.weight, cluster, platform }, opts);
    case "aws":
      return new AwsCluster(`${target.name}-cluster`, { targetName: target.name, weight: target.weight, cluster, platform }, opts);
    case "azure":
      return new AzureCluster(`${target.name}-cluster`, { targetName: target.name, weight: target.weight, cluster, platform }, opts);
  }
}
