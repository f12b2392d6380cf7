/** Fixtures of the GCP managed data rules (IMS315-IMS320): compliant resources and one violating case each. */
import { DATA_TYPES } from "../../components/targets/gcp/conventions";
import type { Props } from "../../policies/rules/types";
import { patched, type RuleCase } from "./helpers";

const KEY = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/managed-data";
const ACCOUNT = "serviceAccount:imc-main-acme@p.iam.gserviceaccount.com";

/** A prod Memorystore instance every GCP rule accepts: plaintext only with its named exception. */
const redis = (): Props => ({
  tier: "STANDARD_HA",
  authEnabled: true,
  authorizedNetwork: "projects/p/global/networks/main-cluster-vpc",
  connectMode: "PRIVATE_SERVICE_ACCESS",
  transitEncryptionMode: "DISABLED",
  customerManagedKey: KEY,
  persistenceConfig: { persistenceMode: "RDB", rdbSnapshotPeriod: "SIX_HOURS" },
  maintenancePolicy: { weeklyMaintenanceWindows: [{ day: "SUNDAY", startTime: { hours: 3 } }] },
  deletionProtection: true,
  labels: { environment: "prod", "plaintext-exception": "openim-redis-client-has-no-tls" },
});
const kafkaCluster = (): Props => ({
  clusterId: "im-main-pooled",
  gcpConfig: { accessConfig: { networkConfigs: [{ subnet: "projects/p/regions/r/subnetworks/s" }] }, kmsKey: KEY },
  deletionPolicy: "PREVENT",
  labels: { environment: "prod" },
});
const topic = (): Props => ({ topicId: "acme.toRedis", partitionCount: 6, replicationFactor: 3 });
const bucket = (): Props => ({
  name: "openim-acme-0a1b2c",
  uniformBucketLevelAccess: true,
  publicAccessPrevention: "enforced",
  encryption: { defaultKmsKeyName: KEY },
  versioning: { enabled: true },
  deletionPolicy: "PREVENT",
  labels: { environment: "prod" },
});
const bucketMember = (): Props => ({
  bucket: "openim-acme-0a1b2c",
  role: "roles/storage.objectAdmin",
  member: ACCOUNT,
});

/** Compliant managed data resources; `gcp.test.ts` also reads the cases, so every GCP rule has one. */
export const gcpDataCompliant: Array<[string, () => Props]> = [
  [DATA_TYPES.redis, redis],
  [DATA_TYPES.kafkaCluster, kafkaCluster],
  [DATA_TYPES.kafkaTopic, topic],
  [DATA_TYPES.bucket, bucket],
  [DATA_TYPES.bucketMember, bucketMember],
];

export const gcpDataCases: RuleCase[] = [
  {
    policy: "gcp-data-cmek",
    title: "Redis on a Google-managed key",
    type: DATA_TYPES.redis,
    props: patched(redis, { customerManagedKey: undefined }),
    expected: /customerManagedKey is unset/,
  },
  {
    policy: "gcp-data-cmek",
    title: "Kafka on a Google-managed key",
    type: DATA_TYPES.kafkaCluster,
    props: patched(kafkaCluster, { gcpConfig: { accessConfig: {} } }),
    expected: /gcpConfig.kmsKey is unset/,
  },
  {
    policy: "gcp-data-cmek",
    title: "a bucket on a Google-managed key",
    type: DATA_TYPES.bucket,
    props: patched(bucket, { encryption: undefined }),
    expected: /defaultKmsKeyName is unset/,
  },
  {
    policy: "gcp-redis-auth-private",
    title: "Redis without AUTH on the default network",
    type: DATA_TYPES.redis,
    props: patched(redis, { authEnabled: false, authorizedNetwork: undefined }),
    expected: /authEnabled is not true/,
  },
  {
    policy: "gcp-redis-transit-encryption",
    title: "plaintext Redis without a named exception",
    type: DATA_TYPES.redis,
    props: patched(redis, { labels: { environment: "prod" } }),
    expected: /no named exception/,
  },
  {
    policy: "gcp-redis-transit-encryption",
    title: "plaintext Redis with an exception nobody accepted",
    type: DATA_TYPES.redis,
    props: patched(redis, { labels: { environment: "prod", "plaintext-exception": "it-was-easier" } }),
    expected: /no named exception/,
  },
  {
    policy: "gcp-data-prod-resilience",
    title: "prod Redis on the Basic tier without snapshots or protection",
    type: DATA_TYPES.redis,
    props: patched(redis, {
      tier: "BASIC",
      persistenceConfig: { persistenceMode: "DISABLED" },
      deletionProtection: false,
      maintenancePolicy: undefined,
    }),
    expected: /tier is not STANDARD_HA/,
  },
  {
    policy: "gcp-data-prod-resilience",
    title: "unlabelled Kafka cluster a destroy deletes",
    type: DATA_TYPES.kafkaCluster,
    props: patched(kafkaCluster, { deletionPolicy: "DELETE", labels: undefined }),
    expected: /deletionPolicy is not "PREVENT"/,
  },
  {
    policy: "gcp-data-prod-resilience",
    title: "prod bucket without versions",
    type: DATA_TYPES.bucket,
    props: patched(bucket, { versioning: { enabled: false } }),
    expected: /versioning is off/,
  },
  {
    policy: "gcp-bucket-private",
    title: "a bucket with object ACLs and no public access prevention",
    type: DATA_TYPES.bucket,
    props: patched(bucket, { uniformBucketLevelAccess: false, publicAccessPrevention: "inherited" }),
    expected: /uniformBucketLevelAccess is not true/,
  },
  {
    policy: "gcp-bucket-private",
    title: "a bucket readable by anyone",
    type: DATA_TYPES.bucketMember,
    props: patched(bucketMember, { role: "roles/storage.objectViewer", member: "allUsers" }),
    expected: /the bucket is public/,
  },
  {
    policy: "gcp-kafka-topic-replication",
    title: "a topic with one replica",
    type: DATA_TYPES.kafkaTopic,
    props: patched(topic, { replicationFactor: 1 }),
    expected: /replicationFactor is 1/,
  },
];

export { redis as redisFixture };
