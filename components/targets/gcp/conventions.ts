/** Type tokens of the GCP resources the rules read. */
export const GCP_TYPES = {
  cluster: "gcp:container/cluster:Cluster",
  nodePool: "gcp:container/nodePool:NodePool",
  firewall: "gcp:compute/firewall:Firewall",
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  cryptoKey: "gcp:kms/cryptoKey:CryptoKey",
} as const;

/** Cloud DNS and Compute types of the stack's global traffic, which the health-check rule reads. */
export const TRAFFIC_TYPES = {
  recordSet: "gcp:dns/recordSet:RecordSet",
  healthCheck: "gcp:compute/healthCheck:HealthCheck",
} as const;

/** Regions Cloud DNS probes public endpoints from when the target names none: three continents. */
export const DEFAULT_PROBE_REGIONS = ["us-east4", "europe-west1", "asia-southeast1"] as const;

/** Managed data resources the data rules read. */
export const DATA_TYPES = {
  redis: "gcp:redis/instance:Instance",
  kafkaCluster: "gcp:managedkafka/cluster:Cluster",
  kafkaTopic: "gcp:managedkafka/topic:Topic",
  bucket: "gcp:storage/bucket:Bucket",
  bucketMember: "gcp:storage/bucketIAMMember:BucketIAMMember",
} as const;
