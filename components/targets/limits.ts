import type { ConfigIssue, PathSegment } from "../config/errors";
import type { PlatformConfig } from "../config/types";
import { awsConfigIssues } from "./aws/fit";
import { NLB_MAX_TCP_IDLE_SECONDS } from "./aws/edge-profile";
import type { TargetConfig } from "./schemas";

/** The longest idle timeout the target's edge load balancer accepts, known before deploying. */
export function maxIdleTimeoutSeconds(target: TargetConfig): number {
  switch (target.kind) {
    case "existing":
      return target.loadBalancer.maxIdleTimeoutSeconds;
    case "aws":
      return NLB_MAX_TCP_IDLE_SECONDS;
  }
}

/**
 * Checks of each target against the rest of the config (environment, tenants, edge), which a
 * target's own schema cannot see; `at` is where the target's config lives.
 */
export function targetConfigIssues(config: PlatformConfig, at: (index: number) => PathSegment[]): ConfigIssue[] {
  return config.targets.flatMap((target, index) => {
    switch (target.cluster.kind) {
      case "existing":
        return [];
      case "aws":
        return awsConfigIssues(target.cluster, config, at(index));
    }
  });
}
