import { z } from "zod";
import { strictObject } from "../../../config/fields";

/** Azure Managed Redis SKUs (the Balanced, Memory, Compute and Flash optimized families), e.g. "Balanced_B1". */
const REDIS_SKU = /^(Balanced_B|MemoryOptimized_M|ComputeOptimized_X|FlashOptimized_A)\d+$/;
export const REDIS_PERSISTENCE = ["none", "rdb", "aof"] as const;
export const EVENT_HUBS_SKUS = ["Standard", "Premium"] as const;
/** MongoDB versions a vCore cluster offers. */
export const MONGODB_VERSIONS = ["5.0", "6.0", "7.0", "8.0"] as const;

/**
 * The target's managed data services, used when `im-platform:data.mode` is `managed`: one Azure
 * Managed Redis per cell, one Event Hubs namespace (Kafka endpoint) per cell, one Cosmos DB for
 * MongoDB vCore cluster per data set. Unset fields take the environment's default (settings.ts).
 */
export const azureDataSchema = strictObject({
  redis: strictObject({
    sku: z
      .string()
      .regex(REDIS_SKU, { error: 'is not an Azure Managed Redis SKU; use a name like "Balanced_B1"' })
      .optional()
      .meta({
        description: "Azure Managed Redis SKU of each cell's instance.",
        defaultText: '"Balanced_B1" in prod, else "Balanced_B0"',
      }),
    highAvailability: z.boolean().optional().meta({
      description: "Replicate each instance (a replica in another zone where the region has zones).",
      defaultText: "true in prod, else false",
    }),
    persistence: z.enum(REDIS_PERSISTENCE).optional().meta({
      description: "Write each instance to disk: `aof` every second, `rdb` snapshots hourly, or `none`.",
      defaultText: '"aof" in prod, else "none"',
    }),
  })
    .prefault({})
    .meta({ description: "Each cell's Azure Managed Redis (TLS only; the kit's proxy bridges OpenIM's client)." }),
  kafka: strictObject({
    sku: z.enum(EVENT_HUBS_SKUS).optional().meta({
      description:
        "Event Hubs tier of each cell's namespace: Premium encrypts with the customer key (Standard cannot).",
      defaultText: '"Premium" in prod, else "Standard"',
    }),
    capacity: z.int().min(1).max(20).default(1).meta({
      description: "Throughput units (Standard, 1-20) or processing units (Premium: 1, 2, 4, 8 or 16) per namespace.",
    }),
    retentionDays: z
      .int()
      .min(1)
      .max(90)
      .default(1)
      .meta({ description: "Days each topic keeps its events (Standard at most 7, Premium at most 90)." }),
    zoneRedundant: z.boolean().optional().meta({
      description: "Spread each namespace over the region's zones.",
      defaultText: "true in prod, else false",
    }),
  })
    .prefault({})
    .meta({ description: "Each cell's Event Hubs namespace, reached over its Kafka endpoint (SASL PLAIN over TLS)." }),
  mongodb: strictObject({
    tier: z
      .string()
      .regex(/^M\d{2,3}$/, { error: 'is not a vCore compute tier; use a name like "M30"' })
      .optional()
      .meta({ description: "Compute tier of each data set's cluster.", defaultText: '"M30" in prod, else "M10"' }),
    storageGb: z
      .int()
      .min(32)
      .max(16384)
      .optional()
      .meta({ description: "Disk of each data set's cluster, in GiB.", defaultText: "128 in prod, else 32" }),
    highAvailability: z.boolean().optional().meta({
      description: "A standby in another zone with automatic failover.",
      defaultText: "true in prod, else false",
    }),
    serverVersion: z.enum(MONGODB_VERSIONS).default("7.0").meta({ description: "MongoDB version of each cluster." }),
    administratorLogin: z
      .string()
      .regex(/^[a-z][a-z0-9]{2,30}$/, { error: "must be 3-31 lower-case letters or digits, starting with a letter" })
      .default("imadmin")
      .meta({ description: "The cluster's built-in administrator, which creates each cell's user." }),
  })
    .prefault({})
    .meta({ description: "Each data set's Cosmos DB for MongoDB vCore cluster." }),
})
  .prefault({})
  .meta({
    description:
      "Managed data services (`im-platform:data.mode: managed`): Azure Managed Redis per cell, Event Hubs (Kafka) per cell, Cosmos DB for MongoDB vCore per data set; all private to the VNet. The object store stays in the cluster (OpenIM has no Blob engine).",
  });

export type AzureDataConfig = z.infer<typeof azureDataSchema>;
