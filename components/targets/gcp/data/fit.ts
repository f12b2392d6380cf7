import { POOLED_DATA_SET } from "../../../config/cells";
import type { ConfigIssue, PathSegment } from "../../../config/errors";
import { issueAt } from "../../../config/issues";
import type { PlatformConfig } from "../../../config/types";
import type { GcpTargetConfig } from "../schema";

/** The data sets a stack has: the pooled one, and one per VIP tenant with `dedicatedData`. */
export function dataSetIds(platform: PlatformConfig): string[] {
  return [POOLED_DATA_SET, ...platform.tenants.filter((tenant) => tenant.dedicatedData).map((tenant) => tenant.id)];
}

/**
 * Checks of the `data` section against the rest of the stack: a bootstrap address given for a
 * data set the stack does not have is a typo that would leave the real one on the default.
 */
export function gcpDataIssues(
  cluster: GcpTargetConfig,
  platform: PlatformConfig,
  targetPath: readonly PathSegment[],
): ConfigIssue[] {
  const known = dataSetIds(platform);
  return Object.keys(cluster.data.kafka.bootstrapAddresses)
    .filter((dataSet) => !known.includes(dataSet))
    .map((dataSet) =>
      issueAt(
        [...targetPath, "data", "kafka", "bootstrapAddresses", dataSet],
        dataSet,
        `names no data set of this stack; use one of ${known.map((id) => `"${id}"`).join(", ")} ("pooled", or a tenant with dedicatedData)`,
      ),
    );
}
