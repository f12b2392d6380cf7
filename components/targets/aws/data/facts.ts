import type { ConfigIssue, PathSegment } from "../../../config/errors";
import { issueAt } from "../../../config/issues";
import type { PlatformConfig } from "../../../config/types";
import { MANAGED_DATA_KINDS, type ManagedDataKind } from "../../capabilities";
import type { ManagedDataFacts } from "../../managed-data-facts";
import type { AwsTargetConfig } from "../schema";
import { awsDataSettings } from "./settings";

/**
 * All four run managed on AWS. No partition cap: an MSK topic takes any count; MSK's limit is
 * partitions per broker (a recommendation that blocks updates above it), which sizing owns.
 */
export function awsManagedDataFacts(): ManagedDataFacts {
  return {
    kinds: [...MANAGED_DATA_KINDS],
    // ElastiCache takes an AUTH token only with TLS on.
    redisTlsOnly: true,
    // OpenIM cannot do SCRAM or IAM, so MSK admits clients by network alone: no per-cell ACLs.
    sharedAccess: {
      kafka:
        "MSK admits OpenIM without client authentication (it cannot do SCRAM or IAM), so there are no per-cell ACLs",
    },
  };
}

/** The kinds this stack runs on AWS's managed services: none unless `data.mode` is managed. */
export function managedKindsOf(platform: PlatformConfig): ManagedDataKind[] {
  if (platform.data.mode !== "managed") return [];
  return MANAGED_DATA_KINDS.filter((kind) => !platform.data.managed.keepInCluster.includes(kind));
}

/** Checks of the `data` section against the environment and the zones, which its schema cannot see. */
export function awsDataIssues(
  cluster: AwsTargetConfig,
  platform: PlatformConfig,
  at: readonly PathSegment[],
): ConfigIssue[] {
  const kinds = managedKindsOf(platform);
  if (kinds.length === 0) return [];
  const issues: ConfigIssue[] = [];
  const add = (path: readonly PathSegment[], value: unknown, rule: string) =>
    issues.push(issueAt([...at, "data", ...path], value, rule));
  const zones = cluster.availabilityZones.length;
  const settings = awsDataSettings(cluster.data, platform.environment, zones);
  const keep = "or keep it in the cluster (im-platform:data.managed.keepInCluster)";

  // MSK takes client subnets in 2 or 3 zones; a DocumentDB subnet group must span at least 2.
  for (const kind of ["kafka", "mongodb"] as const) {
    if (kinds.includes(kind) && zones < 2) {
      issues.push(
        issueAt(
          [...at, "availabilityZones"],
          cluster.availabilityZones,
          `lists ${zones} zone; managed ${kind === "kafka" ? "Kafka (MSK)" : "MongoDB (DocumentDB)"} needs subnets in at least 2 zones: list 2 or more, ${keep}`,
        ),
      );
    }
  }
  if (settings.prod) {
    if (kinds.includes("redis") && settings.redis.replicas < 1)
      add(
        ["redis", "replicas"],
        settings.redis.replicas,
        `is refused in prod: a cell's Redis needs at least 1 replica in another zone for automatic failover; set 1 or more, ${keep}`,
      );
    if (kinds.includes("redis") && settings.redis.snapshotRetentionDays < 1)
      add(
        ["redis", "snapshotRetentionDays"],
        settings.redis.snapshotRetentionDays,
        "is refused in prod: daily snapshots are the cells' Redis backups; set 1 to 35",
      );
    if (kinds.includes("mongodb") && settings.mongodb.instances < 2)
      add(
        ["mongodb", "instances"],
        settings.mongodb.instances,
        "is refused in prod: a replica must be there to take over from the primary; set 2 or more",
      );
    if (kinds.includes("mongodb") && settings.mongodb.backupRetentionDays < 7)
      add(
        ["mongodb", "backupRetentionDays"],
        settings.mongodb.backupRetentionDays,
        "is below 7, prod's least point-in-time restore window; set 7 to 35",
      );
    if (kinds.includes("kafka") && settings.kafka.brokers < 3)
      add(
        ["kafka", "brokersPerZone"],
        cluster.data.kafka.brokersPerZone,
        `gives ${settings.kafka.brokers} broker(s); prod topics keep 3 replicas, so give at least 3 brokers`,
      );
  }
  return issues;
}
