import { servicesInProfile } from "../config/services";
import type { PlatformConfig } from "../config/types";
import { cellFootprint, replicasInCell } from "../core/capacity";
import { formatCpu, parseQuantity } from "../core/quantity";
import type { ClusterTarget } from "../targets/cluster-target";
import type { CellPlan } from "./plan";

/** Risky but allowed choices, each naming the setting that silences it. */
export function tenancyWarnings(config: PlatformConfig, target: ClusterTarget, plans: readonly CellPlan[]): string[] {
  const warnings: string[] = [];
  const apiClients = config.services.filter((service) => service.kubernetesApi).map((service) => service.name);
  if (apiClients.length > 0 && target.apiServerCidrs.length === 0) {
    warnings.push(
      `services ${apiClients.join(", ")} discover peers through the Kubernetes API, but target "${target.name}" lists no apiServerCidrs: their network policy gives them no route to it. Set target.apiServerCidrs to the API server endpoint ranges.`,
    );
  }
  for (const plan of plans) {
    const burst = cellFootprint(servicesInProfile(config.services, plan.profile), (service) =>
      replicasInCell(service, plan.scaling, "max"),
    );
    const quotaCpu = parseQuantity(plan.quota.cpu) ?? 0;
    if (burst.requests.cpu > quotaCpu) {
      warnings.push(
        `cell "${plan.cell}" needs ${formatCpu(burst.requests.cpu)} CPU at maximum replicas but its quota is ${plan.quota.cpu}: bursts stop at the quota. Raise the quota (tenants[].quota or tenancy.sharedPool.quota) or lower replicas.max if that is intended.`,
      );
    }
  }
  return warnings;
}
