import type { PlatformConfig } from "../../config/types";
import type { NodePool } from "../cluster-target";
import { dedicatedNodePools, sharedNodePool, systemNodePool } from "../node-pools";
import type { GcpPoolConfig, GcpTargetConfig } from "./schema";
import { resolveGcpSettings, type GcpSettings } from "./settings";

/** One node pool to build: what the tenancy layer sees, plus its size and machine. */
export interface GcpPoolPlan extends NodePool {
  readonly size: GcpPoolConfig;
  readonly spot: boolean;
}

/**
 * The system pool, the shared pool, and one tainted pool per VIP tenant that asks for one,
 * labelled by the platform's convention so the tenancy layer places cells onto them. Only the
 * shared pool may run on spot VMs: a VIP cell's capacity is never reclaimable.
 */
export function planNodePools(cluster: GcpTargetConfig, platform: PlatformConfig): GcpPoolPlan[] {
  const pools: GcpPoolPlan[] = [
    { ...systemNodePool([]), size: cluster.nodePools.system, spot: false },
    { ...sharedNodePool(), size: cluster.nodePools.shared, spot: cluster.nodePools.shared.spot },
  ];
  for (const pool of dedicatedNodePools(platform)) pools.push({ ...pool, size: cluster.nodePools.vip, spot: false });
  return pools;
}

/** The tenancy layer's view of a pool. */
export function toNodePool(pool: GcpPoolPlan): NodePool {
  const { size: _size, spot: _spot, ...nodePool } = pool;
  return nodePool;
}

/** What the GCP target decides before building: its pools and its environment's defaults. */
export interface GcpPlan {
  readonly pools: readonly GcpPoolPlan[];
  readonly settings: GcpSettings;
}

export function planGcp(cluster: GcpTargetConfig, platform: PlatformConfig): GcpPlan {
  return { pools: planNodePools(cluster, platform), settings: resolveGcpSettings(cluster, platform.environment) };
}
