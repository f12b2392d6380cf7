import * as cs from "@pulumi/alicloud/cs";
import type * as pulumi from "@pulumi/pulumi";
import type { AlibabaPoolPlan } from "./plan";

export interface NodePoolArgs {
  readonly clusterId: pulumi.Input<string>;
  readonly switchIds: pulumi.Input<string>[];
  readonly securityGroupId: pulumi.Input<string>;
  /** System disk key of a pool: a VIP tenant's own key where it has one, else the cluster's. */
  readonly diskKey: (pool: AlibabaPoolPlan) => pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

/**
 * An autoscaled, self-repairing managed node pool over every zone, balanced between them, with
 * encrypted system disks, the platform's labels and taints, hardened metadata access (tokens
 * only), and upgrades one node at a time. Only the shared pool may bid for spot instances.
 */
export function createNodePool(
  name: string,
  pool: AlibabaPoolPlan,
  args: NodePoolArgs,
  opts: pulumi.CustomResourceOptions,
): cs.NodePool {
  return new cs.NodePool(
    `${name}-pool-${pool.name}`,
    {
      clusterId: args.clusterId,
      nodePoolName: pool.name,
      vswitchIds: args.switchIds,
      instanceTypes: pool.size.instanceTypes,
      multiAzPolicy: "BALANCE",
      scalingPolicy: "release",
      scalingConfig: { enable: true, minSize: pool.size.minNodes, maxSize: pool.size.maxNodes },
      instanceChargeType: "PostPaid",
      spotStrategy: pool.spot ? "SpotAsPriceGo" : "NoSpot",
      ...(pool.spot ? { compensateWithOnDemand: true } : {}),
      imageType: "AliyunLinux3",
      securityGroupIds: [args.securityGroupId],
      systemDiskCategory: pool.size.systemDiskCategory,
      systemDiskSize: pool.size.systemDiskSizeGb,
      systemDiskEncrypted: true,
      systemDiskKmsKey: args.diskKey(pool),
      instanceMetadataOptions: { httpTokens: "required" },
      management: {
        enable: true,
        autoRepair: true,
        autoRepairPolicy: { restartNode: true },
        autoUpgrade: true,
        autoVulFix: true,
        maxUnavailable: 1,
      },
      labels: Object.entries(pool.labels).map(([key, value]) => ({ key, value })),
      taints: pool.taints.map((taint) => ({ key: taint.key, value: taint.value, effect: taint.effect })),
      tags: { ...args.tags, pool: pool.name },
    },
    opts,
  );
}
