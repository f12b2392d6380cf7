import type { ConfigIssue, PathSegment } from "../config/errors";
import type { PlatformConfig } from "../config/types";
import { gcpPlatformIssues } from "./gcp/settings";

/** Config path of a target: `target` in a single-cluster stack, `targets[i].cluster` in a hybrid one. */
export function targetConfigPath(targetName: string, platform: PlatformConfig): PathSegment[] {
  const index = platform.targets.findIndex((target) => target.name === targetName);
  return platform.targets.length === 1 && targetName === "main" ? ["target"] : ["targets", index, "cluster"];
}

/**
 * What a target can only check against the whole platform (tenant count, edge TLS), run by config
 * validation with everything else, so a bad stack registers nothing on any target.
 */
export function targetPlatformIssues(platform: PlatformConfig): ConfigIssue[] {
  return platform.targets.flatMap((target) => {
    const path = targetConfigPath(target.name, platform);
    const { cluster } = target;
    switch (cluster.kind) {
      case "existing":
        return [];
      case "gcp":
        return gcpPlatformIssues(cluster, platform, path);
    }
  });
}
