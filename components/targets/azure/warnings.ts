import type { PlatformConfig } from "../../config/types";
import type { TargetPlan } from "../plan";
import { idleTimeoutMinutes } from "./edge-profile";
import type { AzureTargetConfig } from "./schema";

/** Risky but allowed edge choices on Azure, each naming the setting that changes it. */
export function azureEdgeWarnings(cluster: AzureTargetConfig, platform: PlatformConfig, plan: TargetPlan): string[] {
  const warnings: string[] = [];
  const publicApi = platform.services.some((service) => service.exposure === "public" && service.role !== "gateway");
  if (publicApi && platform.edge.api.exposure === "loadBalancer") {
    warnings.push(
      cluster.applicationGateway.enabled
        ? "target.applicationGateway is enabled, but the public API still has an L4 load balancer of its own, which the WAF does not guard; route the API through the gateway and set the api service's exposure: internal (README, Azure target)"
        : "the public API is served by an L4 Azure load balancer, which no WAF guards; set target.applicationGateway.enabled and route the API through it (README, Azure target)",
    );
  }
  const idle = plan.edge.idleTimeoutSeconds;
  if (platform.edge.idleTimeoutSeconds !== undefined && idle !== idleTimeoutMinutes(idle) * 60) {
    warnings.push(
      `edge idle timeout ${idle} s becomes ${idleTimeoutMinutes(idle)} min on the Azure load balancer (whole minutes, at least 4); set edge.idleTimeoutSeconds to a multiple of 60 to choose it exactly`,
    );
  }
  return warnings;
}
