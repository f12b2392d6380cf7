import type { ConfigIssue, PathSegment } from "../config/errors";
import type { PlatformConfig } from "../config/types";
import { awsConfigIssues } from "./aws/fit";
import { azurePlatformIssues } from "./azure/fit";
import { gcpPlatformIssues } from "./gcp/settings";

/**
 * What a target can only check against the rest of the config (environment, tenants, edge),
 * run by config validation with everything else, so a bad stack registers nothing on any
 * target. `at` is where the target's config lives.
 */
export function targetPlatformIssues(platform: PlatformConfig, at: (index: number) => PathSegment[]): ConfigIssue[] {
  return platform.targets.flatMap((target, index) => {
    const { cluster } = target;
    switch (cluster.kind) {
      case "existing":
        return [];
      case "aws":
        return awsConfigIssues(cluster, platform, at(index));
      case "azure":
        return azurePlatformIssues(cluster, platform, at(index));
      case "gcp":
        return gcpPlatformIssues(cluster, platform, at(index));
    }
  });
}
