import type { ConfigIssue, PathSegment } from "../../config/errors";
import { issueAt } from "../../config/issues";
import type { PlatformConfig } from "../../config/types";
import { dedicatedNodePools } from "../node-pools";
import type { ExistingTargetConfig } from "./schema";

/**
 * Where the operator declares the cluster's pools, a VIP tenant placed here with
 * `dedicatedNodePool: true` needs its pool among them: the kit cannot build nodes on a cluster it
 * does not own, and its pods would never schedule.
 */
export function undeclaredDedicatedPoolIssues(
  cluster: ExistingTargetConfig,
  platform: PlatformConfig,
  at: readonly PathSegment[],
): ConfigIssue[] {
  const { system, shared, dedicated } = cluster.nodePools;
  if (!system && !shared && Object.keys(dedicated).length === 0) return [];
  return dedicatedNodePools(platform)
    .map((pool) => pool.tenant!)
    .filter((tenant) => dedicated[tenant] === undefined)
    .map((tenant) =>
      issueAt(
        [...at, "nodePools", "dedicated", tenant],
        undefined,
        `is missing: VIP tenant "${tenant}" runs here with dedicatedNodePool: true, and this cluster's declared pools have none for it; declare the pool its nodes form, place the tenant on another target, or set dedicatedNodePool: false`,
      ),
    );
}
