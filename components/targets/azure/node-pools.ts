import * as containerservice from "@pulumi/azure-native/containerservice";
import type * as pulumi from "@pulumi/pulumi";
import type { AzurePoolPlan } from "./plan";
import type { AzureTargetConfig } from "./schema";

/** What an inline agent pool profile and an AgentPool resource share. */
export interface AgentPoolSpec {
  readonly mode: "System" | "User";
  readonly vmSize: string;
  readonly count: number;
  readonly enableAutoScaling: true;
  readonly minCount: number;
  readonly maxCount: number;
  readonly availabilityZones: string[];
  readonly vnetSubnetID: pulumi.Input<string>;
  readonly osType: "Linux";
  readonly osSKU: "AzureLinux";
  readonly osDiskType: "Managed";
  readonly osDiskSizeGB: number;
  readonly type: "VirtualMachineScaleSets";
  readonly enableNodePublicIP: false;
  readonly enableEncryptionAtHost: boolean;
  readonly nodeLabels: Record<string, string>;
  readonly nodeTaints: string[];
  readonly upgradeSettings: { readonly maxSurge: string; readonly maxUnavailable: string };
  readonly scaleSetPriority?: "Spot";
  readonly scaleSetEvictionPolicy?: "Delete";
  readonly spotMaxPrice?: number;
  readonly tags: Record<string, string>;
}

/**
 * One pool in AKS's terms: autoscaled between min and max across the zones, on managed OS disks
 * (the cluster's disk encryption set covers them; ephemeral disks would not be), Azure Linux,
 * no public node IPs, labelled and tainted as the tenancy layer expects, and upgraded by
 * surging new nodes without taking any away. `count` starts at min; the autoscaler owns it after.
 */
export function agentPoolSpec(
  pool: AzurePoolPlan,
  cluster: AzureTargetConfig,
  subnetId: pulumi.Input<string>,
): AgentPoolSpec {
  return {
    mode: pool.mode,
    vmSize: pool.vmSize,
    count: Math.max(pool.min, pool.mode === "System" ? 1 : 0),
    enableAutoScaling: true,
    minCount: pool.min,
    maxCount: pool.max,
    availabilityZones: [...cluster.zones],
    vnetSubnetID: subnetId,
    osType: "Linux",
    osSKU: "AzureLinux",
    osDiskType: "Managed",
    osDiskSizeGB: pool.osDiskSizeGb,
    type: "VirtualMachineScaleSets",
    enableNodePublicIP: false,
    enableEncryptionAtHost: cluster.encryptionAtHost,
    nodeLabels: { ...pool.labels },
    nodeTaints: pool.taints.map((taint) => `${taint.key}=${taint.value}:${taint.effect}`),
    upgradeSettings: { maxSurge: pool.maxSurge, maxUnavailable: "0" },
    // Spot nodes are deleted on eviction (no deallocated VMs holding quota), at up to the on-demand price.
    ...(pool.spot ? { scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1 } : {}),
    tags: { "managed-by": "im-platform", pool: pool.name, ...(pool.tenant ? { tenant: pool.tenant } : {}) },
  };
}

export interface AgentPoolsArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly clusterName: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
}

/**
 * The user pools as AgentPool resources (AKS takes only the first, system pool inline with the
 * cluster). The autoscaler moves `count`, so a new min never fights it or replaces the pool.
 */
export function createAgentPools(
  name: string,
  pools: readonly AzurePoolPlan[],
  cluster: AzureTargetConfig,
  args: AgentPoolsArgs,
  opts: pulumi.CustomResourceOptions,
): containerservice.AgentPool[] {
  return pools
    .filter((pool) => pool.mode === "User")
    .map(
      (pool) =>
        new containerservice.AgentPool(
          `${name}-pool-${pool.name}`,
          {
            resourceGroupName: args.resourceGroupName,
            resourceName: args.clusterName,
            agentPoolName: pool.agentPoolName,
            ...agentPoolSpec(pool, cluster, args.subnetId),
          },
          { ...opts, ignoreChanges: ["count"] },
        ),
    );
}
