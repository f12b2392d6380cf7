import { list, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { DATA_TYPES } from "../conventions";
import { PLAINTEXT_EXCEPTION_LABEL, REDIS_PLAINTEXT_EXCEPTION } from "../data/names";
import { TOPIC_REPLICATION_FACTOR } from "../data/kafka";

/** Plaintext exceptions the rules accept, each naming why TLS cannot be on. */
export const NAMED_PLAINTEXT_EXCEPTIONS: readonly string[] = [REDIS_PLAINTEXT_EXCEPTION];
/** Members that would make a bucket readable by anyone. */
const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];

/** A resource labelled with another environment is held to that one's bar; unlabelled, to prod's. */
const isProd = (props: Props): boolean => (stringMap(props["labels"])["environment"] ?? "prod") === "prod";

/** IMS315: Memorystore, Managed Kafka and Cloud Storage encrypt with a customer-managed Cloud KMS key. */
export function checkDataCmek(type: string, props: Props): string[] {
  switch (type) {
    case DATA_TYPES.redis:
      return text(props["customerManagedKey"])
        ? []
        : ["customerManagedKey is unset: the instance is encrypted with a Google-managed key"];
    case DATA_TYPES.kafkaCluster:
      return text(record(props["gcpConfig"])?.["kmsKey"])
        ? []
        : ["gcpConfig.kmsKey is unset: the cluster is encrypted with a Google-managed key"];
    case DATA_TYPES.bucket:
      return text(record(props["encryption"])?.["defaultKmsKeyName"])
        ? []
        : ["encryption.defaultKmsKeyName is unset: objects are encrypted with a Google-managed key"];
    default:
      return [];
  }
}

/** IMS316: a Memorystore instance requires AUTH and is attached to a named VPC, never the default network. */
export function checkRedisAuthPrivate(type: string, props: Props): string[] {
  if (type !== DATA_TYPES.redis) return [];
  const messages: string[] = [];
  if (props["authEnabled"] !== true)
    messages.push("authEnabled is not true: any client in the VPC may use the instance");
  if (!text(props["authorizedNetwork"]))
    messages.push("authorizedNetwork is unset: the instance joins the project's default network");
  return messages;
}

/**
 * IMS317: Memorystore encrypts client traffic (`SERVER_AUTHENTICATION`), or carries a named
 * exception saying why it cannot: OpenIM v3.8.3's Redis client has no TLS.
 */
export function checkRedisTransit(type: string, props: Props): string[] {
  if (type !== DATA_TYPES.redis) return [];
  if (text(props["transitEncryptionMode"]) === "SERVER_AUTHENTICATION") return [];
  const exception = stringMap(props["labels"])[PLAINTEXT_EXCEPTION_LABEL];
  if (exception && NAMED_PLAINTEXT_EXCEPTIONS.includes(exception)) return [];
  return [
    `transitEncryptionMode is not SERVER_AUTHENTICATION and the instance has no named exception (label ${PLAINTEXT_EXCEPTION_LABEL}: one of ${NAMED_PLAINTEXT_EXCEPTIONS.join(", ")})`,
  ];
}

/**
 * IMS318: in prod, data survives a zone, a restart and a careless destroy: Redis on the Standard
 * tier with RDB snapshots, a maintenance window and deletion protection; Kafka clusters and
 * buckets that the engine refuses to delete, buckets that keep noncurrent versions.
 */
export function checkDataProdResilience(type: string, props: Props): string[] {
  if (!isProd(props)) return [];
  const messages: string[] = [];
  switch (type) {
    case DATA_TYPES.redis: {
      if (text(props["tier"]) !== "STANDARD_HA")
        messages.push("tier is not STANDARD_HA: no replica in a second zone, no automatic failover");
      if (text(record(props["persistenceConfig"])?.["persistenceMode"]) !== "RDB")
        messages.push("persistenceConfig.persistenceMode is not RDB: a restart loses every key");
      if (props["deletionProtection"] !== true) messages.push("deletionProtection is not true");
      if (list(record(props["maintenancePolicy"])?.["weeklyMaintenanceWindows"]).length === 0)
        messages.push("maintenancePolicy has no weekly window: updates may come at any hour");
      return messages;
    }
    case DATA_TYPES.kafkaCluster:
      return text(props["deletionPolicy"]) === "PREVENT"
        ? []
        : ['deletionPolicy is not "PREVENT": a destroy deletes the cluster and every topic'];
    case DATA_TYPES.bucket:
      if (record(props["versioning"])?.["enabled"] !== true)
        messages.push("versioning is off: an overwritten or deleted file cannot be restored");
      if (text(props["deletionPolicy"]) !== "PREVENT")
        messages.push('deletionPolicy is not "PREVENT": a destroy deletes the bucket');
      return messages;
    default:
      return [];
  }
}

/** IMS319: buckets are never public: uniform bucket-level access, public access prevention enforced, no public members. */
export function checkBucketPrivate(type: string, props: Props): string[] {
  if (type === DATA_TYPES.bucketMember) {
    const member = text(props["member"]) ?? "";
    return PUBLIC_MEMBERS.includes(member)
      ? [`grants ${text(props["role"]) ?? "a role"} to ${member}: the bucket is public`]
      : [];
  }
  if (type !== DATA_TYPES.bucket) return [];
  const messages: string[] = [];
  if (props["uniformBucketLevelAccess"] !== true)
    messages.push("uniformBucketLevelAccess is not true: object ACLs may grant access past IAM");
  if (text(props["publicAccessPrevention"]) !== "enforced")
    messages.push('publicAccessPrevention is not "enforced": the bucket may be made public');
  return messages;
}

/** IMS320: every Managed Kafka topic keeps a replica in each of three zones. */
export function checkTopicReplication(type: string, props: Props): string[] {
  if (type !== DATA_TYPES.kafkaTopic) return [];
  const factor = Number(props["replicationFactor"] ?? 0);
  return factor >= TOPIC_REPLICATION_FACTOR
    ? []
    : [`replicationFactor is ${factor}: a broker's loss loses messages; use ${TOPIC_REPLICATION_FACTOR}`];
}
