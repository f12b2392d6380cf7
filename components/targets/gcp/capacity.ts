import type { PlatformConfig } from "../../config/types";
import { machinePrice, type SizedPool, type TargetCapacity } from "../capacity";
import type { TargetCheckContext } from "../definition";
import { GCE_MACHINES, GCE_PRICES, gkeAllocatable, GKE_CONTROL_PLANE } from "./prices";
import type { GcpPlan, GcpPoolPlan } from "./plan";
import type { GcpTargetConfig } from "./schema";

/** The config key of a pool's size: VIP pools all take `nodePools.vip`. */
function poolKey(pool: GcpPoolPlan): "system" | "shared" | "vip" {
  return pool.purpose === "dedicated" ? "vip" : pool.purpose;
}

/** The GKE target's node pools, whose sizes count per zone, priced by machine type, and the cluster fee. */
export function gcpCapacity(
  cluster: GcpTargetConfig,
  _platform: PlatformConfig,
  { plan, at }: TargetCheckContext<GcpPlan>,
): TargetCapacity {
  const notes = new Set<string>();
  const zones = cluster.zones.length;
  const pools = plan.detail.pools.map((pool): SizedPool => {
    const machine = pool.size.machineType;
    const spec = GCE_MACHINES[machine];
    const priced = machinePrice(GCE_PRICES, cluster.region, machine, cluster.prices);
    if (priced.note) notes.add(priced.note);
    if (!spec)
      notes.add(`${machine} is not in the kit's machine table: pool ${pool.name} is sized in cores and memory only`);
    if (pool.spot) notes.add(`pool ${pool.name} runs on spot VMs but is priced on demand`);
    return {
      pool,
      machine,
      perNode: spec ? gkeAllocatable(spec) : undefined,
      minNodes: pool.size.minNodes * zones,
      maxNodes: pool.size.maxNodes * zones,
      hourlyPrice: priced.price,
      path: [...at, "nodePools", poolKey(pool), "maxNodes"],
      nodesPerStep: zones,
    };
  });
  return {
    pools,
    controlPlaneHourly: cluster.prices.controlPlaneHourly ?? GKE_CONTROL_PLANE.hourly,
    sources: [GCE_PRICES.source, GKE_CONTROL_PLANE],
    notes: [...notes],
  };
}
