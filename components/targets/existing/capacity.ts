import type { PlatformConfig } from "../../config/types";
import { parseQuantity } from "../../core/quantity";
import type { PoolCapacity } from "../cluster-target";
import type { SizedPool, TargetCapacity } from "../capacity";
import type { TargetCheckContext } from "../definition";
import type { ExistingTargetConfig } from "./schema";
import { conventionalNodePools } from "./target";

function perNodeOf(capacity: PoolCapacity) {
  return {
    cpu: parseQuantity(capacity.perNode.cpu) ?? 0,
    memory: parseQuantity(capacity.perNode.memory) ?? 0,
    pods: capacity.perNode.pods,
  };
}

/**
 * An existing cluster's pools as the config declares them (a fixed node count of a given
 * allocatable), priced only when the config says what a node costs: the kit knows no price of
 * someone else's hardware, and there is no control-plane fee to count.
 */
export function existingCapacity(
  cluster: ExistingTargetConfig,
  platform: PlatformConfig,
  { at }: TargetCheckContext,
): TargetCapacity {
  const pools = conventionalNodePools(cluster, platform).map((pool): SizedPool => ({
    pool,
    perNode: pool.capacity ? perNodeOf(pool.capacity) : undefined,
    // A declared pool has at least one node; its declared count is the most it has.
    minNodes: pool.capacity ? 1 : 0,
    maxNodes: pool.capacity?.nodes ?? 0,
    hourlyPrice: cluster.prices.nodeHourly,
    path: pool.tenant
      ? [...at, "nodePools", "dedicated", pool.tenant, "nodes"]
      : [...at, "nodePools", pool.purpose, "nodes"],
  }));
  const notes = [
    ...(cluster.prices.nodeHourly === undefined
      ? ["an existing cluster's nodes have no price in the kit: set target.prices.nodeHourly to cost them"]
      : []),
    ...pools
      .filter((sized) => !sized.perNode)
      .map((sized) => `pool ${sized.pool.name} declares no size: sized in cores and memory only`),
  ];
  if (cluster.prices.controlPlaneHourly === undefined)
    notes.push(
      "an existing cluster's control plane has no price in the kit: set target.prices.controlPlaneHourly to count it",
    );
  return { pools, controlPlaneHourly: cluster.prices.controlPlaneHourly, sources: [], notes };
}
