import type { EdgeListener, EdgeProfile } from "../cluster-target";
import type { ExistingTargetConfig } from "./schema";

/**
 * On-prem load balancers (MetalLB, kube-vip, F5, ...) take their settings from their own
 * controllers; the kit passes the operator's annotations through and states the timings it
 * expects as annotations of its own, so the operator's controller or runbook can read them.
 */
export function existingEdgeProfile(config: ExistingTargetConfig): EdgeProfile {
  return {
    loadBalancerClass: config.loadBalancer.loadBalancerClass,
    externalTrafficPolicy: "Local",
    allocateNodePorts: config.loadBalancer.allocateNodePorts,
    loadBalancerSourceCidrs: { gateway: config.loadBalancer.sourceCidrs, api: config.loadBalancer.sourceCidrs },
    annotations: (listener: EdgeListener) => ({
      ...config.loadBalancer.annotations,
      "im-platform.io/idle-timeout-seconds": String(listener.idleTimeoutSeconds),
      "im-platform.io/drain-seconds": String(listener.deregistrationDelaySeconds),
    }),
  };
}
