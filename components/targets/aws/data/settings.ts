import type { AwsDataConfig } from "./schema";

/** MSK spreads brokers over 2 or 3 zones' subnets; a cluster spanning more zones uses its first three. */
export const MSK_MAX_ZONES = 3;

export interface AwsRedisSettings {
  readonly engineVersion: string;
  readonly nodeType: string;
  readonly replicas: number;
  readonly snapshotRetentionDays: number;
}

export interface AwsKafkaSettings {
  readonly version: string;
  readonly instanceType: string;
  /** Zones (and client subnets) the brokers spread over. */
  readonly zones: number;
  readonly brokers: number;
  readonly volumeGiB: number;
  readonly retentionHours: number;
  /** Replicas of each topic: 3 where there are 3 brokers, else every broker. */
  readonly replicationFactor: number;
  /** Replicas that must have a write before it is acknowledged: one fewer than the replicas, at least 1. */
  readonly minInsyncReplicas: number;
}

export interface AwsMongoSettings {
  readonly engineVersion: string;
  /** DocumentDB's parameter group family for the engine ("docdb5.0"). */
  readonly family: string;
  readonly instanceClass: string;
  readonly instances: number;
  readonly masterUsername: string;
  readonly backupRetentionDays: number;
}

export interface AwsObjectStoreSettings {
  readonly corsOrigins: readonly string[];
  readonly versioning: boolean;
  readonly noncurrentVersionDays: number;
}

/** Every size, version and switch of the managed data services, with the environment's defaults applied. */
export interface AwsDataSettings {
  readonly prod: boolean;
  readonly redis: AwsRedisSettings;
  readonly kafka: AwsKafkaSettings;
  readonly mongodb: AwsMongoSettings;
  readonly objectStore: AwsObjectStoreSettings;
  readonly maintenanceWindow: string;
  readonly backupWindow: string;
  /** Refuse deletion, and take a final snapshot when a cluster goes (prod). */
  readonly deletionProtection: boolean;
}

/** The one place the managed data services' environment-dependent defaults live. */
export function awsDataSettings(data: AwsDataConfig, environment: string, zones: number): AwsDataSettings {
  const prod = environment === "prod";
  const kafkaZones = Math.min(zones, MSK_MAX_ZONES);
  const brokers = data.kafka.brokersPerZone * kafkaZones;
  const replicationFactor = Math.min(3, brokers);
  return {
    prod,
    redis: {
      engineVersion: data.redis.engineVersion,
      nodeType: data.redis.nodeType ?? (prod ? "cache.m7g.large" : "cache.t4g.small"),
      replicas: data.redis.replicas ?? (prod ? 1 : 0),
      snapshotRetentionDays: data.redis.snapshotRetentionDays ?? (prod ? 7 : 0),
    },
    kafka: {
      version: data.kafka.version,
      instanceType: data.kafka.instanceType ?? (prod ? "kafka.m7g.large" : "kafka.t3.small"),
      zones: kafkaZones,
      brokers,
      volumeGiB: data.kafka.volumeGiB ?? (prod ? 100 : 20),
      retentionHours: data.kafka.retentionHours ?? (prod ? 168 : 24),
      replicationFactor,
      minInsyncReplicas: Math.max(1, replicationFactor - 1),
    },
    mongodb: {
      engineVersion: data.mongodb.engineVersion,
      family: `docdb${data.mongodb.engineVersion.split(".").slice(0, 2).join(".")}`,
      instanceClass: data.mongodb.instanceClass ?? (prod ? "db.r6g.large" : "db.t4g.medium"),
      instances: data.mongodb.instances ?? (prod ? 3 : 1),
      masterUsername: data.mongodb.masterUsername,
      backupRetentionDays: data.mongodb.backupRetentionDays ?? (prod ? 7 : 1),
    },
    objectStore: {
      corsOrigins: data.objectStore.corsOrigins,
      versioning: data.objectStore.versioning ?? prod,
      noncurrentVersionDays: data.objectStore.noncurrentVersionDays,
    },
    maintenanceWindow: data.maintenanceWindow,
    backupWindow: data.backupWindow,
    deletionProtection: prod,
  };
}
