import type { Environment } from "../../../config/types";
import type { AzureDataConfig, EVENT_HUBS_SKUS, REDIS_PERSISTENCE } from "./schema";

/** The managed data services' sizes and switches, every environment default resolved here and nowhere else. */
export interface AzureDataSettings {
  readonly environment: Environment;
  readonly redis: {
    readonly sku: string;
    readonly highAvailability: boolean;
    readonly persistence: (typeof REDIS_PERSISTENCE)[number];
  };
  readonly kafka: {
    readonly sku: (typeof EVENT_HUBS_SKUS)[number];
    readonly capacity: number;
    readonly retentionDays: number;
    readonly zoneRedundant: boolean;
  };
  readonly mongodb: {
    readonly tier: string;
    readonly storageGb: number;
    readonly highAvailability: boolean;
    readonly serverVersion: string;
    readonly administratorLogin: string;
  };
  /** CanNotDelete locks on every data resource (Azure's deletion protection). */
  readonly deleteLocks: boolean;
}

export function resolveDataSettings(data: AzureDataConfig, environment: Environment): AzureDataSettings {
  const prod = environment === "prod";
  return {
    environment,
    redis: {
      sku: data.redis.sku ?? (prod ? "Balanced_B1" : "Balanced_B0"),
      highAvailability: data.redis.highAvailability ?? prod,
      persistence: data.redis.persistence ?? (prod ? "aof" : "none"),
    },
    kafka: {
      sku: data.kafka.sku ?? (prod ? "Premium" : "Standard"),
      capacity: data.kafka.capacity,
      retentionDays: data.kafka.retentionDays,
      zoneRedundant: data.kafka.zoneRedundant ?? prod,
    },
    mongodb: {
      tier: data.mongodb.tier ?? (prod ? "M30" : "M10"),
      storageGb: data.mongodb.storageGb ?? (prod ? 128 : 32),
      highAvailability: data.mongodb.highAvailability ?? prod,
      serverVersion: data.mongodb.serverVersion,
      administratorLogin: data.mongodb.administratorLogin,
    },
    deleteLocks: prod,
  };
}

/**
 * OpenIM's four topics per cell (toRedis, toMongo, toPush, toOfflinePush), all in the cell's own
 * namespace: what a Premium namespace's partition budget is shared by.
 */
export const TOPICS_PER_CELL = 4;

/**
 * Event Hubs quotas (learn.microsoft.com/azure/event-hubs/event-hubs-quotas): partitions per
 * event hub (Standard 32, Premium 100), Premium's 200 partitions per processing unit across the
 * namespace, and the most retention days per tier.
 */
export const EVENT_HUBS_LIMITS = {
  Standard: { partitionsPerHub: 32, retentionDays: 7, capacities: [...Array(20).keys()].map((i) => i + 1) },
  Premium: { partitionsPerHub: 100, retentionDays: 90, capacities: [1, 2, 4, 8, 16] },
} as const;
export const PREMIUM_PARTITIONS_PER_UNIT = 200;

/** The most partitions one cell's topic may have on its namespace. */
export function maxPartitions(kafka: AzureDataSettings["kafka"]): number {
  const perHub = EVENT_HUBS_LIMITS[kafka.sku].partitionsPerHub;
  if (kafka.sku === "Standard") return perHub;
  return Math.min(perHub, Math.floor((PREMIUM_PARTITIONS_PER_UNIT * kafka.capacity) / TOPICS_PER_CELL));
}
