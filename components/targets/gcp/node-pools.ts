import * as container from "@pulumi/gcp/container";
import type * as pulumi from "@pulumi/pulumi";
import { SHIELDED_INSTANCE, WORKLOAD_METADATA } from "./cluster";
import type { GcpPoolPlan } from "./plan";
import type { GcpTargetConfig } from "./schema";

/** Kubernetes taint effects in GKE's spelling. */
const GKE_TAINT_EFFECT = {
  NoSchedule: "NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;

export interface NodePoolArgs {
  readonly cluster: container.Cluster;
  readonly nodeServiceAccount: pulumi.Input<string>;
  /** Boot disk key of a pool: a VIP tenant's own key where it has one, else the cluster's. */
  readonly bootDiskKey: (pool: GcpPoolPlan) => pulumi.Input<string>;
}

/** An autoscaled, self-repairing, auto-upgraded GKE node pool that surges one node at a time. */
export function createNodePool(
  name: string,
  pool: GcpPoolPlan,
  cluster: GcpTargetConfig,
  args: NodePoolArgs,
  opts: pulumi.CustomResourceOptions,
): container.NodePool {
  return new container.NodePool(
    `${name}-pool-${pool.name}`,
    {
      project: cluster.project,
      location: cluster.region,
      cluster: args.cluster.name,
      name: pool.name,
      nodeLocations: cluster.zones,
      // Constant on purpose: a change replaces the pool; the autoscaler moves it to minNodes..maxNodes.
      initialNodeCount: 1,
      autoscaling: { minNodeCount: pool.size.minNodes, maxNodeCount: pool.size.maxNodes, locationPolicy: "BALANCED" },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: {
        machineType: pool.size.machineType,
        diskSizeGb: pool.size.diskSizeGb,
        diskType: pool.size.diskType,
        imageType: "COS_CONTAINERD",
        spot: pool.spot,
        serviceAccount: args.nodeServiceAccount,
        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
        shieldedInstanceConfig: SHIELDED_INSTANCE,
        workloadMetadataConfig: WORKLOAD_METADATA,
        bootDiskKmsKey: args.bootDiskKey(pool),
        metadata: { "disable-legacy-endpoints": "true" },
        labels: pool.labels,
        taints: pool.taints.map((taint) => ({
          key: taint.key,
          value: taint.value,
          effect: GKE_TAINT_EFFECT[taint.effect],
        })),
        resourceLabels: { "managed-by": "im-platform", pool: pool.name },
      },
    },
    opts,
  );
}
