import type { PlatformConfig } from "../../config/types";
import { machinePrice, poolMaxPath, type SizedPool, type TargetCapacity } from "../capacity";
import type { TargetCheckContext } from "../definition";
import { EC2_MACHINES, EC2_PRICES, eksAllocatable, EKS_CONTROL_PLANE } from "./prices";
import type { AwsPlan } from "./plan";
import type { AwsTargetConfig } from "./schema";

/** The EKS target's node groups priced and sized by their first instance type, and the cluster fee. */
export function awsCapacity(
  cluster: AwsTargetConfig,
  _platform: PlatformConfig,
  { plan, at }: TargetCheckContext<AwsPlan>,
): TargetCapacity {
  const notes = new Set<string>();
  const pools = plan.detail.pools.map((pool): SizedPool => {
    const machine = pool.instanceTypes[0];
    const spec = machine ? EC2_MACHINES[machine] : undefined;
    const priced = machine ? machinePrice(EC2_PRICES, cluster.region, machine, cluster.prices) : {};
    if (priced.note) notes.add(priced.note);
    if (machine && !spec)
      notes.add(`${machine} is not in the kit's instance table: pool ${pool.name} is sized in cores and memory only`);
    if (pool.instanceTypes.length > 1)
      notes.add(`pool ${pool.name} is sized and priced as ${machine}, the first of its instance types`);
    if (pool.capacityType === "SPOT") notes.add(`pool ${pool.name} runs on spot capacity but is priced on demand`);
    return {
      pool,
      machine,
      perNode: spec ? eksAllocatable(spec) : undefined,
      minNodes: pool.min,
      maxNodes: pool.max,
      hourlyPrice: priced.price,
      path: [...at, ...poolMaxPath(pool, cluster.nodePools.dedicatedOverrides)],
    };
  });
  return {
    pools,
    controlPlaneHourly: cluster.prices.controlPlaneHourly ?? EKS_CONTROL_PLANE.hourly,
    sources: [EC2_PRICES.source, EKS_CONTROL_PLANE],
    notes: [...notes],
  };
}
