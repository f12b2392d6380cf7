import type { PlatformConfig } from "../../config/types";
import { machinePrice, type SizedPool, type TargetCapacity } from "../capacity";
import type { TargetCheckContext } from "../definition";
import type { AlibabaPlan, AlibabaPoolPlan } from "./plan";
import { ACK_PRO_CONTROL_PLANE, ackAllocatable, ECS_MACHINES, ECS_PRICES } from "./prices";
import type { AlibabaTargetConfig } from "./schema";

/** The config key of a pool's size: VIP pools all take `nodePools.vip`. */
function poolKey(pool: AlibabaPoolPlan): "system" | "shared" | "vip" {
  return pool.purpose === "dedicated" ? "vip" : pool.purpose;
}

/** The ACK target's node pools, whose sizes count over all zones, priced by their first instance type, and the Pro fee. */
export function alibabaCapacity(
  cluster: AlibabaTargetConfig,
  _platform: PlatformConfig,
  { plan, at }: TargetCheckContext<AlibabaPlan>,
): TargetCapacity {
  const notes = new Set<string>();
  const pools = plan.detail.pools.map((pool): SizedPool => {
    const machine = pool.size.instanceTypes[0]!;
    const spec = ECS_MACHINES[machine];
    const priced = machinePrice(ECS_PRICES, cluster.region, machine, cluster.prices);
    if (priced.note) notes.add(priced.note);
    if (!spec)
      notes.add(`${machine} is not in the kit's instance table: pool ${pool.name} is sized in cores and memory only`);
    if (pool.spot) notes.add(`pool ${pool.name} runs on spot instances but is priced pay-as-you-go`);
    return {
      pool,
      machine,
      perNode: spec ? ackAllocatable(spec) : undefined,
      minNodes: pool.size.minNodes,
      maxNodes: pool.size.maxNodes,
      hourlyPrice: priced.price,
      path: [...at, "nodePools", poolKey(pool), "maxNodes"],
    };
  });
  if (Object.keys(cluster.prices.machineHourly).length === 0 && cluster.prices.nodeHourly === undefined)
    notes.add("ECS and ACK figures are estimates recorded without the price calculator; set prices to your rates");
  const fee = cluster.clusterSpec === "ack.pro.small" ? ACK_PRO_CONTROL_PLANE.hourly : undefined;
  if (fee === undefined && cluster.prices.controlPlaneHourly === undefined)
    notes.add(`the ${cluster.clusterSpec} control plane has no price in the kit: set prices.controlPlaneHourly`);
  return {
    pools,
    controlPlaneHourly: cluster.prices.controlPlaneHourly ?? fee,
    sources: [ECS_PRICES.source, ACK_PRO_CONTROL_PLANE],
    notes: [...notes],
  };
}
