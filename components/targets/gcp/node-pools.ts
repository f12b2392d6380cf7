import * as container from "@pulumi/gcp/container";
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../config/types";
import type { NodePool } from "../cluster-target";
import { dedicatedNodePools, sharedNodePool, systemNodePool } from "../node-pools";
import { SHIELDED_INSTANCE, WORKLOAD_METADATA } from "./cluster";
import type { GcpPoolConfig, GcpTargetConfig } from "./schema";

/** One node pool to build: what the tenancy layer sees, plus its size and machine. */
export interface PoolPlan extends NodePool {
  readonly size: GcpPoolConfig;
  readonly spot: boolean;
}

/** Kubernetes taint effects in GKE's spelling. */
const GKE_TAINT_EFFECT = {
  NoSchedule: "NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;

/**
 * The system pool, the shared pool, and one tainted pool per VIP tenant that asks for one,
 * labelled by the platform's convention so the tenancy layer places cells onto them. Only the
 * shared pool may run on spot VMs: a VIP cell's capacity is never reclaimable.
 */
export function planNodePools(cluster: GcpTargetConfig, platform: PlatformConfig): PoolPlan[] {
  const pools: PoolPlan[] = [
    { ...systemNodePool([]), size: cluster.nodePools.system, spot: false },
    { ...sharedNodePool(), size: cluster.nodePools.shared, spot: cluster.nodePools.shared.spot },
  ];
  for (const pool of dedicatedNodePools(platform)) pools.push({ ...pool, size: cluster.nodePools.vip, spot: false });
  return pools;
}

export interface NodePoolArgs {
  readonly cluster: container.Cluster;
  readonly nodeServiceAccount: pulumi.Input<string>;
  /** Boot disk key of a pool: a VIP tenant's own key where it has one, else the cluster's. */
  readonly bootDiskKey: (pool: PoolPlan) => pulumi.Input<string>;
}

/** An autoscaled, self-repairing, auto-upgraded GKE node pool that surges one node at a time. */
export function createNodePool(
  name: string,
  pool: PoolPlan,
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

/** The tenancy layer's view of a pool. */
export function toNodePool(pool: PoolPlan): NodePool {
  const { size: _size, spot: _spot, ...nodePool } = pool;
  return nodePool;
}
