import { PASSTHROUGH_IDLE_SECONDS } from "./gcp/edge-profile";
import { NLB_MAX_TCP_IDLE_SECONDS } from "./aws/edge-profile";
import { LB_MAX_IDLE_SECONDS as AZURE_LB_MAX_IDLE_SECONDS } from "./azure/edge-profile";
import type { TargetConfig } from "./schemas";

/** The longest idle timeout the target's edge load balancer accepts, known before deploying. */
export function maxIdleTimeoutSeconds(target: TargetConfig): number {
  switch (target.kind) {
    case "existing":
      return target.loadBalancer.maxIdleTimeoutSeconds;
    case "gcp":
      return PASSTHROUGH_IDLE_SECONDS;
    case "aws":
      return NLB_MAX_TCP_IDLE_SECONDS;
    case "azure":
      return AZURE_LB_MAX_IDLE_SECONDS;
  }
}
