import type { PlatformConfig } from "../../config/types";
import type { NodePool } from "../cluster-target";
import { dedicatedNodePools, sharedNodePool, SYSTEM_TAINT, systemNodePool } from "../node-pools";
import { amiTypeFor } from "./instance-types";
import type { AwsTargetConfig } from "./schema";
import { planSubnets, type SubnetPlan } from "./subnets";

/** A node pool the tenancy layer sees, plus how EKS sizes and builds it. */
export interface AwsNodePoolPlan extends NodePool {
  readonly instanceTypes: readonly string[];
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly amiType: string;
  readonly min: number;
  readonly max: number;
  readonly diskGiB: number;
}

export interface AwsPlan {
  readonly clusterName: string;
  readonly zones: readonly string[];
  /** Subnet ranges to create; undefined for an existing VPC. */
  readonly subnets?: SubnetPlan;
  readonly natGateways: number;
  readonly pools: readonly AwsNodePoolPlan[];
  /** "aws", "aws-cn" or "aws-us-gov": ARNs and service principals differ by partition. */
  readonly partition: string;
}

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Every node pool of the cluster: system, shared, and one per VIP tenant that asks for one. */
export function planNodePools(cluster: AwsTargetConfig, platform: PlatformConfig): AwsNodePoolPlan[] {
  const { system, shared, dedicated, dedicatedOverrides } = cluster.nodePools;
  const sized = (types: readonly string[] | undefined) => {
    const instanceTypes = types ?? [];
    return { instanceTypes, amiType: amiTypeFor(instanceTypes) };
  };
  const pools: AwsNodePoolPlan[] = [
    {
      ...systemNodePool([SYSTEM_TAINT]),
      ...sized(system.instanceTypes),
      capacityType: "ON_DEMAND",
      min: system.min,
      max: system.max,
      diskGiB: system.diskGiB,
    },
    {
      ...sharedNodePool(),
      ...sized(shared.instanceTypes),
      capacityType: shared.capacityType === "spot" ? "SPOT" : "ON_DEMAND",
      min: shared.min,
      max: shared.max,
      diskGiB: shared.diskGiB,
    },
  ];
  for (const pool of dedicatedNodePools(platform)) {
    const override = dedicatedOverrides[pool.tenant ?? ""] ?? {};
    pools.push({
      ...pool,
      // VIP capacity is never spot: an interruption would be a reconnect wave for one customer.
      ...sized(override.instanceTypes ?? dedicated.instanceTypes),
      capacityType: "ON_DEMAND",
      min: override.min ?? dedicated.min,
      max: override.max ?? dedicated.max,
      diskGiB: override.diskGiB ?? dedicated.diskGiB,
    });
  }
  return pools;
}

/** "im-<stack>-<target>", within the 100 characters EKS allows. */
export function defaultClusterName(stack: string, targetName: string): string {
  return `im-${stack}-${targetName}`.replace(/[^-a-zA-Z0-9_]/g, "-").slice(0, 100);
}

/** Names, zones, subnets and pools of one AWS target, with the environment's defaults applied. */
export function planAws(cluster: AwsTargetConfig, platform: PlatformConfig, defaultClusterName: string): AwsPlan {
  const zones = cluster.availabilityZones;
  const existing = cluster.network.existing;
  const natMode = cluster.network.natGateways ?? (platform.environment === "prod" ? "perZone" : "single");
  const subnets = existing
    ? undefined
    : cluster.network.privateSubnetCidrs && cluster.network.publicSubnetCidrs
      ? { privateCidrs: cluster.network.privateSubnetCidrs, publicCidrs: cluster.network.publicSubnetCidrs }
      : planSubnets(cluster.network.vpcCidr, zones.length);
  return {
    clusterName: cluster.clusterName ?? defaultClusterName,
    zones,
    subnets,
    natGateways: existing ? 0 : natMode === "perZone" ? zones.length : 1,
    pools: planNodePools(cluster, platform),
    partition: partitionOf(cluster.region),
  };
}
