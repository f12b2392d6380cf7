import { createHash } from "node:crypto";
import type { PlatformConfig } from "../../config/types";
import type { NodePool } from "../cluster-target";
import { dedicatedNodePools, sharedNodePool, SYSTEM_TAINT, systemNodePool } from "../node-pools";
import { poolNodes, surgeNodes, type PoolSize } from "./pool-size";
import type { AzureTargetConfig } from "./schema";
import { resolveAzureSettings, type AzureSettings } from "./settings";

export { poolNodes, surgeNodes, type PoolSize };

/** AKS taints every spot node with this (and refuses a spot pool that omits it); cells placed on the pool tolerate it. */
export const SPOT_TAINT = {
  key: "kubernetes.azure.com/scalesetpriority",
  value: "spot",
  effect: "NoSchedule",
} as const;

/** AKS (Linux) agent pool names: a lower-case letter, then letters and digits, 12 at most. */
export const AGENT_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;

/** A node pool the tenancy layer sees, plus how AKS sizes and builds it. */
export interface AzurePoolPlan extends NodePool {
  /** The AKS agent pool's own name (its labels carry `name`, which the tenancy layer selects). */
  readonly agentPoolName: string;
  readonly mode: "System" | "User";
  readonly vmSize: string;
  readonly min: number;
  readonly max: number;
  readonly osDiskSizeGb: number;
  readonly maxSurge: string;
  readonly spot: boolean;
}

/**
 * The AKS name of a kit pool: "system", "shared", and "vip<tenant>" when the tenant id is short
 * and has no '-'; otherwise "vip", the id's first letters and a hash of the whole id, so two ids
 * never share a pool name.
 */
export function agentPoolName(pool: Pick<NodePool, "name" | "tenant">): string {
  if (!pool.tenant) return pool.name;
  const plain = `vip${pool.tenant}`;
  if (AGENT_POOL_NAME.test(plain)) return plain;
  const hash = createHash("sha256").update(pool.tenant).digest("hex").slice(0, 4);
  return `vip${pool.tenant.replace(/[^a-z0-9]/g, "").slice(0, 5)}${hash}`;
}

/**
 * The system pool (mode System, tainted CriticalAddonsOnly so only add-ons run there), the shared
 * pool (on spot VMs when asked, with the taint AKS puts on them), and one tainted pool per VIP
 * tenant that asks for one, never on spot.
 */
export function planNodePools(cluster: AzureTargetConfig, platform: PlatformConfig): AzurePoolPlan[] {
  const { system, shared, dedicated, dedicatedOverrides } = cluster.nodePools;
  const systemPool = systemNodePool([SYSTEM_TAINT]);
  const sharedPool = sharedNodePool(shared.spot ? [SPOT_TAINT] : []);
  const pools: AzurePoolPlan[] = [
    { ...systemPool, agentPoolName: agentPoolName(systemPool), mode: "System", ...system, spot: false },
    { ...sharedPool, agentPoolName: agentPoolName(sharedPool), mode: "User", ...shared },
  ];
  for (const pool of dedicatedNodePools(platform)) {
    const override = dedicatedOverrides[pool.tenant ?? ""] ?? {};
    pools.push({
      ...pool,
      agentPoolName: agentPoolName(pool),
      mode: "User",
      vmSize: override.vmSize ?? dedicated.vmSize,
      min: override.min ?? dedicated.min,
      max: override.max ?? dedicated.max,
      osDiskSizeGb: override.osDiskSizeGb ?? dedicated.osDiskSizeGb,
      maxSurge: override.maxSurge ?? dedicated.maxSurge,
      spot: false,
    });
  }
  return pools;
}

/** The tenancy layer's view of a pool. */
export function toNodePool(pool: AzurePoolPlan): NodePool {
  const { name, purpose, labels, taints, tenant } = pool;
  return tenant ? { name, purpose, labels, taints, tenant } : { name, purpose, labels, taints };
}

/** What the Azure target decides before building: its pools and its environment's defaults. */
export interface AzurePlan {
  readonly pools: readonly AzurePoolPlan[];
  readonly settings: AzureSettings;
}

export function planAzure(cluster: AzureTargetConfig, platform: PlatformConfig): AzurePlan {
  return { pools: planNodePools(cluster, platform), settings: resolveAzureSettings(cluster, platform.environment) };
}
