import type { TargetConfig } from "./schemas";

/** The longest idle timeout the target's edge load balancer accepts, known before deploying. */
export function maxIdleTimeoutSeconds(target: TargetConfig): number {
  switch (target.kind) {
    case "existing":
      return target.loadBalancer.maxIdleTimeoutSeconds;
  }
}
