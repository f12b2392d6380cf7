import type { ConfigIssue, PathSegment } from "../../../config/errors";
import { issueAt } from "../../../config/issues";
import type { PlatformConfig } from "../../../config/types";
import type { AzureTargetConfig } from "../schema";
import { EVENT_HUBS_LIMITS, resolveDataSettings } from "./settings";

/** Prod's bar for the managed data services: what a prod stack may not turn off. */
function prodIssues(cluster: AzureTargetConfig, at: readonly PathSegment[]): ConfigIssue[] {
  const { redis, kafka, mongodb } = cluster.data;
  const issues: ConfigIssue[] = [];
  if (redis.highAvailability === false)
    issues.push(
      issueAt(
        [...at, "redis", "highAvailability"],
        false,
        "is refused in prod: an unreplicated Redis loses the cell's sessions and sequences with one node; remove it",
      ),
    );
  if (redis.persistence === "none")
    issues.push(
      issueAt(
        [...at, "redis", "persistence"],
        "none",
        'is refused in prod: a restart would empty the cell\'s Redis; use "aof" or "rdb", or remove it',
      ),
    );
  if (kafka.sku === "Standard")
    issues.push(
      issueAt(
        [...at, "kafka", "sku"],
        "Standard",
        'is refused in prod: Event Hubs Standard cannot encrypt with a customer-managed key; use "Premium", or remove it',
      ),
    );
  if (kafka.zoneRedundant === false)
    issues.push(issueAt([...at, "kafka", "zoneRedundant"], false, "is refused in prod: remove it"));
  if (mongodb.highAvailability === false)
    issues.push(
      issueAt(
        [...at, "mongodb", "highAvailability"],
        false,
        "is refused in prod: without a standby a zone outage stops every cell of the data set; remove it",
      ),
    );
  return issues;
}

/**
 * Checks of the `data` section against the rest of the stack, run when `data.mode` is `managed`:
 * prod's bar, and the Event Hubs tier's limits the schema cannot see without the tier.
 */
export function azureDataIssues(
  cluster: AzureTargetConfig,
  platform: PlatformConfig,
  at: readonly PathSegment[],
): ConfigIssue[] {
  if (platform.data.mode !== "managed") return [];
  const path = [...at, "data"];
  const settings = resolveDataSettings(cluster.data, platform.environment);
  const limits = EVENT_HUBS_LIMITS[settings.kafka.sku];
  const issues = platform.environment === "prod" ? prodIssues(cluster, path) : [];
  if (!(limits.capacities as readonly number[]).includes(settings.kafka.capacity))
    issues.push(
      issueAt(
        [...path, "kafka", "capacity"],
        settings.kafka.capacity,
        `is not a capacity of Event Hubs ${settings.kafka.sku}; use one of ${limits.capacities.join(", ")}`,
      ),
    );
  if (settings.kafka.retentionDays > limits.retentionDays)
    issues.push(
      issueAt(
        [...path, "kafka", "retentionDays"],
        settings.kafka.retentionDays,
        `exceeds Event Hubs ${settings.kafka.sku}'s ${limits.retentionDays} days; lower it${settings.kafka.sku === "Standard" ? ' or use sku "Premium"' : ""}`,
      ),
    );
  return issues;
}
