import type { PlatformConfig } from "../../config/types";
import type { TargetPlan } from "../plan";
import { clamp, LIMITS } from "./edge-profile";
import type { AlibabaTargetConfig } from "./schema";

/** Risky but allowed edge choices on Alibaba Cloud, each naming the setting that changes it. */
export function alibabaEdgeWarnings(
  cluster: AlibabaTargetConfig,
  platform: PlatformConfig,
  plan: TargetPlan,
): string[] {
  const warnings: string[] = [];
  const { tls } = platform.edge;
  if (cluster.loadBalancer.type === "nlb" && tls.mode === "edge" && tls.minVersion === "1.3") {
    warnings.push(
      "edge.tls.minVersion is 1.3, but no NLB TLS policy refuses TLS 1.2: the listener takes tls_cipher_policy_1_2_strict_with_1_3; set edge.tls.mode: pod to refuse 1.2",
    );
  }
  const drain = plan.edge.deregistrationDelaySeconds;
  const range = cluster.loadBalancer.type === "nlb" ? LIMITS.nlbDrainSeconds : LIMITS.clbDrainSeconds;
  if (clamp(drain, range) !== drain) {
    warnings.push(
      `the gateway's drain (${drain} s) is beyond the load balancer's ${range.min}-${range.max} s connection drain, which is set to ${clamp(drain, range)} s; lower edge.drainSeconds so the balancer lets go when the pod does`,
    );
  }
  return warnings;
}
