import type { PlatformConfig } from "../../config/types";
import { machinePrice, poolMaxPath, type SizedPool, type TargetCapacity } from "../capacity";
import type { TargetCheckContext } from "../definition";
import { AKS_CONTROL_PLANE, aksAllocatable, AZURE_MACHINES, AZURE_VM_PRICES } from "./prices";
import type { AzurePlan } from "./plan";
import type { AzureTargetConfig } from "./schema";

/** The AKS target's agent pools priced by VM size, and the fee of its pricing tier. */
export function azureCapacity(
  cluster: AzureTargetConfig,
  _platform: PlatformConfig,
  { plan, at }: TargetCheckContext<AzurePlan>,
): TargetCapacity {
  const notes = new Set<string>();
  const pools = plan.detail.pools.map((pool): SizedPool => {
    const spec = AZURE_MACHINES[pool.vmSize];
    const priced = machinePrice(AZURE_VM_PRICES, cluster.location, pool.vmSize, cluster.prices);
    if (priced.note) notes.add(priced.note);
    if (!spec)
      notes.add(`${pool.vmSize} is not in the kit's VM table: pool ${pool.name} is sized in cores and memory only`);
    if (pool.spot) notes.add(`pool ${pool.name} runs on spot VMs but is priced pay-as-you-go`);
    return {
      pool,
      machine: pool.vmSize,
      perNode: spec ? aksAllocatable(spec) : undefined,
      minNodes: pool.min,
      maxNodes: pool.max,
      hourlyPrice: priced.price,
      path: [...at, ...poolMaxPath(pool, cluster.nodePools.dedicatedOverrides)],
    };
  });
  return {
    pools,
    controlPlaneHourly: cluster.prices.controlPlaneHourly ?? AKS_CONTROL_PLANE.hourly[plan.detail.settings.skuTier],
    sources: [AZURE_VM_PRICES.source, AKS_CONTROL_PLANE],
    notes: [...notes],
  };
}
