import type { PlatformConfig } from "../config/types";
import { DEDICATED_TAINT_KEY, dedicatedPoolName, labelKeys } from "../core/labels";
import type { NodePool } from "./cluster-target";

/**
 * One tainted pool per VIP tenant that asks for dedicated nodes, labelled and tainted by the
 * platform's convention so the tenancy layer places the tenant's cell onto it alone.
 */
export function dedicatedNodePools(platform: PlatformConfig): NodePool[] {
  return platform.tenants
    .filter((tenant) => tenant.tier === "vip" && tenant.dedicatedNodePool)
    .map((tenant) => {
      const name = dedicatedPoolName(tenant.id);
      return {
        name,
        purpose: "dedicated",
        tenant: tenant.id,
        labels: { [labelKeys.pool]: name },
        taints: [{ key: DEDICATED_TAINT_KEY, value: tenant.id, effect: "NoSchedule" }],
      };
    });
}
