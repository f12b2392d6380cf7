import type { PlatformConfig } from "../../config/types";
import type { NodePool } from "../cluster-target";
import { dedicatedNodePools, sharedNodePool, SYSTEM_TAINT, systemNodePool } from "../node-pools";
import type { AlibabaPoolConfig, AlibabaTargetConfig } from "./schema";
import { resolveAlibabaSettings, type AlibabaSettings } from "./settings";

/** One node pool to build: what the tenancy layer sees, plus its size, instance types and spot choice. */
export interface AlibabaPoolPlan extends NodePool {
  readonly size: AlibabaPoolConfig;
  readonly spot: boolean;
}

/**
 * The system pool (tainted for add-ons), the shared pool, and one tainted pool per VIP tenant
 * that asks for one, labelled by the platform's convention. Only the shared pool may run on spot
 * instances: a VIP cell's capacity is never reclaimable.
 */
export function planNodePools(cluster: AlibabaTargetConfig, platform: PlatformConfig): AlibabaPoolPlan[] {
  const pools: AlibabaPoolPlan[] = [
    { ...systemNodePool([SYSTEM_TAINT]), size: cluster.nodePools.system, spot: false },
    { ...sharedNodePool(), size: cluster.nodePools.shared, spot: cluster.nodePools.shared.spot },
  ];
  for (const pool of dedicatedNodePools(platform)) pools.push({ ...pool, size: cluster.nodePools.vip, spot: false });
  return pools;
}

/** The tenancy layer's view of a pool. */
export function toNodePool(pool: AlibabaPoolPlan): NodePool {
  const { size: _size, spot: _spot, ...nodePool } = pool;
  return nodePool;
}

/** What the Alibaba target decides before building: its pools and its environment's defaults. */
export interface AlibabaPlan {
  readonly pools: readonly AlibabaPoolPlan[];
  readonly settings: AlibabaSettings;
}

export function planAlibaba(cluster: AlibabaTargetConfig, platform: PlatformConfig): AlibabaPlan {
  return { pools: planNodePools(cluster, platform), settings: resolveAlibabaSettings(cluster, platform.environment) };
}

/** Most nodes every pool together may reach. */
export function maxClusterNodes(plan: AlibabaPlan): number {
  return plan.pools.reduce((sum, pool) => sum + pool.size.maxNodes, 0);
}
