import { z } from "zod";
import { cidr, strictObject } from "../../../config/fields";
import type { Environment } from "../../../config/types";
import { WORLD_CIDRS } from "../../../core/ranges";

/** A one-hour window in UTC as the data services spell it ("18:00Z-19:00Z"). */
const HOUR = z.int().min(0).max(23);
const ORIGIN = /^(\*|https?:\/\/[a-z0-9*.-]+(:\d+)?)$/;

/** Tair memory-optimized (`tair.rdb.*`): the only Redis-compatible class with TDE under a KMS key. */
const TAIR_CLASS = /^tair\.rdb\.[a-z0-9.]+$/;
const MONGO_CLASS = /^(mdb|dds)\.[a-z0-9.]+$/;
const KAFKA_SPEC = /^alikafka\.(hw|hr)\.\d*xlarge$/;

/**
 * The target's `data:` section: sizes, versions and windows of the managed services cells bind
 * to when `data.mode` is managed. Defaults that depend on the environment are resolved in
 * `resolveDataSettings`, nowhere else.
 */
export const alibabaDataSchema = strictObject({
  redis: strictObject({
    engineVersion: z
      .enum(["6.0", "7.0"])
      .default("7.0")
      .meta({ description: "Redis compatibility of each cell's Tair instance; TDE needs 6.0 or later." }),
    instanceClass: z
      .string()
      .regex(TAIR_CLASS, {
        error:
          'is not a Tair memory-optimized class; use forms like "tair.rdb.1g": only Tair memory-optimized instances encrypt their data with a KMS key (TDE)',
      })
      .optional()
      .meta({
        description: "Tair memory-optimized class of each cell's instance (one per cell).",
        defaultText: 'dev "tair.rdb.1g", prod "tair.rdb.2g"',
      }),
  })
    .prefault({})
    .meta({
      description: "One Tair (Redis OSS-compatible) instance per cell, AUTH required, TDE with the cell's key.",
    }),
  kafka: strictObject({
    specType: z
      .enum(["professional", "professionalForHighRead"], {
        error:
          "must be professional or professionalForHighRead: the Standard (normal) edition has no ACLs, so every cell would share the unauthenticated endpoint",
      })
      .default("professional")
      .meta({
        description:
          "ApsaraMQ for Kafka edition. Professional only: the Standard edition has no ACLs, so cells could not get users of their own.",
      }),
    ioMaxSpec: z
      .string()
      .regex(KAFKA_SPEC, { error: 'is not a traffic specification; use forms like "alikafka.hw.2xlarge"' })
      .optional()
      .meta({
        description: "Traffic specification of each data set's instance.",
        defaultText: 'dev "alikafka.hw.2xlarge", prod "alikafka.hw.6xlarge"',
      }),
    diskSizeGb: z.int().min(500).max(96000).optional().meta({
      description: "SSD size of each data set's instance (it can only grow).",
      defaultText: "dev 500, prod 1000",
    }),
    retentionHours: z
      .int()
      .min(24)
      .max(480)
      .default(72)
      .meta({ description: "Hours the brokers keep messages (`kafka.log.retention.hours`)." }),
  })
    .prefault({})
    .meta({ description: "One ApsaraMQ for Kafka instance per data set: VPC only, ACLs on, disks under the key." }),
  mongodb: strictObject({
    engineVersion: z
      .enum(["5.0", "6.0", "7.0", "8.0"])
      .default("7.0")
      .meta({ description: "MongoDB version of each data set's replica set." }),
    instanceClass: z
      .string()
      .regex(MONGO_CLASS, { error: 'is not an ApsaraDB for MongoDB class; use forms like "mdb.shard.2x.xlarge.d"' })
      .optional()
      .meta({
        description: "Node class of each data set's replica set.",
        defaultText: 'dev "mdb.shard.2x.xlarge.d", prod "mdb.shard.4x.xlarge.d"',
      }),
    storageGb: z
      .int()
      .min(20)
      .max(3000)
      .multipleOf(10, { error: "must be a multiple of 10 GB" })
      .optional()
      .meta({ description: "ESSD storage of each replica set.", defaultText: "dev 20, prod 100" }),
    backupRetentionDays: z.int().min(7).max(730).optional().meta({
      description: "Days full backups (and, in prod, the log backups for point-in-time restore) are kept.",
      defaultText: "dev 7, prod 30",
    }),
  })
    .prefault({})
    .meta({ description: "One ApsaraDB for MongoDB replica set per data set, on ESSDs encrypted with the key." }),
  objectStore: strictObject({
    corsOrigins: z
      .array(z.string().regex(ORIGIN, { error: 'is not an origin; use forms like "https://im.example.com" or "*"' }))
      .default(["*"])
      .meta({
        description:
          "Origins browsers may upload from with OpenIM's presigned URLs. The signature, not the origin, grants access.",
      }),
    internalCidrs: z
      .array(
        cidr.refine((range) => !WORLD_CIDRS.includes(range), {
          error:
            "admits the whole internet; OSS's internal endpoint answers inside 100.64.0.0/10, name that or narrower",
        }),
      )
      .min(1)
      .default(["100.64.0.0/10"])
      .meta({
        description:
          "Where the region's OSS internal endpoint answers: Alibaba Cloud reserves 100.64.0.0/10 for its services' private addresses. Narrow it to the region's published OSS VIP ranges if you like.",
      }),
  })
    .prefault({})
    .meta({ description: "One OSS bucket per cell, private, KMS-encrypted, with a RAM user limited to it." }),
  backupHourUtc: HOUR.default(18).meta({
    description: "Hour (UTC) the daily backups of Redis and MongoDB start (02:00 in UTC+8 by default).",
  }),
  maintenanceHourUtc: HOUR.default(19).meta({
    description: "Hour (UTC) of the one-hour maintenance window of Redis and MongoDB.",
  }),
  deletionProtection: z.boolean().optional().meta({
    description: "Refuse to release the Redis, MongoDB instances; keep versions of every object.",
    defaultText: "true in prod, else false",
  }),
})
  .prefault({})
  .meta({
    description:
      "Managed data services (Tair, ApsaraMQ for Kafka, ApsaraDB for MongoDB, OSS) when `data.mode` is managed.",
  });

export type AlibabaDataConfig = z.infer<typeof alibabaDataSchema>;

/** Every choice the data services make, the environment's defaults applied. */
export interface AlibabaDataSettings {
  readonly prod: boolean;
  readonly deletionProtection: boolean;
  readonly redis: { readonly engineVersion: string; readonly instanceClass: string };
  readonly kafka: {
    readonly specType: string;
    readonly ioMaxSpec: string;
    readonly diskSizeGb: number;
    readonly retentionHours: number;
  };
  readonly mongodb: {
    readonly engineVersion: string;
    readonly instanceClass: string;
    readonly storageGb: number;
    readonly backupRetentionDays: number;
    /** Log backups for point-in-time restore. */
    readonly pointInTime: boolean;
  };
  readonly objectStore: {
    readonly corsOrigins: readonly string[];
    readonly internalCidrs: readonly string[];
    readonly versioning: boolean;
  };
  /** "HH:mmZ-HH:mmZ", one hour. */
  readonly backupWindow: string;
  readonly maintenance: { readonly start: string; readonly end: string };
  /** Weekdays backups run: every day. */
  readonly backupDays: readonly string[];
}

const hourText = (hour: number) => `${String(hour % 24).padStart(2, "0")}:00Z`;
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export function resolveDataSettings(data: AlibabaDataConfig, environment: Environment): AlibabaDataSettings {
  const prod = environment === "prod";
  return {
    prod,
    deletionProtection: data.deletionProtection ?? prod,
    redis: {
      engineVersion: data.redis.engineVersion,
      instanceClass: data.redis.instanceClass ?? (prod ? "tair.rdb.2g" : "tair.rdb.1g"),
    },
    kafka: {
      specType: data.kafka.specType,
      ioMaxSpec: data.kafka.ioMaxSpec ?? (prod ? "alikafka.hw.6xlarge" : "alikafka.hw.2xlarge"),
      diskSizeGb: data.kafka.diskSizeGb ?? (prod ? 1000 : 500),
      retentionHours: data.kafka.retentionHours,
    },
    mongodb: {
      engineVersion: data.mongodb.engineVersion,
      instanceClass: data.mongodb.instanceClass ?? (prod ? "mdb.shard.4x.xlarge.d" : "mdb.shard.2x.xlarge.d"),
      storageGb: data.mongodb.storageGb ?? (prod ? 100 : 20),
      backupRetentionDays: data.mongodb.backupRetentionDays ?? (prod ? 30 : 7),
      pointInTime: prod,
    },
    objectStore: {
      corsOrigins: data.objectStore.corsOrigins,
      internalCidrs: data.objectStore.internalCidrs,
      versioning: prod,
    },
    backupWindow: `${hourText(data.backupHourUtc)}-${hourText(data.backupHourUtc + 1)}`,
    maintenance: { start: hourText(data.maintenanceHourUtc), end: hourText(data.maintenanceHourUtc + 1) },
    backupDays: WEEKDAYS,
  };
}
