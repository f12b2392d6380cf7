import { z } from "zod";
import { strictObject } from "../../../config/fields";

/** `ddd:hh24:mi-ddd:hh24:mi`, the weekly window ElastiCache and DocumentDB take for maintenance. */
const WEEKLY_WINDOW =
  /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/;
/** `hh24:mi-hh24:mi`, the daily window they take for backups (UTC). */
const DAILY_WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

const redisSchema = strictObject({
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+$/, { error: 'is not a Valkey major.minor version; use a form like "8.0"' })
    .default("8.0")
    .meta({ description: "Valkey version of each cell's ElastiCache replication group." }),
  nodeType: z
    .string()
    .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, {
      error: 'is not an ElastiCache node type; use a name like "cache.m7g.large"',
    })
    .optional()
    .meta({
      description: "ElastiCache node type of each cell's nodes.",
      defaultText: '"cache.m7g.large" in prod, "cache.t4g.small" elsewhere',
    }),
  replicas: z.int().min(0).max(5).optional().meta({
    description:
      "Read replicas beside each cell's primary, in other zones; at least 1 gives automatic failover (required in prod).",
    defaultText: "1 in prod, 0 elsewhere",
  }),
  snapshotRetentionDays: z.int().min(0).max(35).optional().meta({
    description: "Days ElastiCache keeps each cell's daily snapshots; 0 turns them off (refused in prod).",
    defaultText: "7 in prod, 0 elsewhere",
  }),
})
  .prefault({})
  .meta({
    description:
      "Each cell's own Valkey on Amazon ElastiCache: TLS only, an AUTH token, encrypted at rest with the cell's key.",
  });

const kafkaSchema = strictObject({
  version: z
    .string()
    .regex(/^\d+\.\d+\.(\d+|x)(\.tiered)?$/, { error: 'is not an MSK Kafka version; use a form like "3.8.x"' })
    .default("3.8.x")
    .meta({ description: "Apache Kafka version of each data set's MSK cluster." }),
  instanceType: z
    .string()
    .regex(/^kafka\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'is not an MSK broker type; use a name like "kafka.m7g.large"' })
    .optional()
    .meta({
      description: "MSK broker instance type.",
      defaultText: '"kafka.m7g.large" in prod, "kafka.t3.small" elsewhere',
    }),
  brokersPerZone: z.int().min(1).max(10).default(1).meta({
    description: "Brokers in each zone the cluster spans (its first 2 or 3 zones); MSK wants a multiple of the zones.",
  }),
  volumeGiB: z.int().min(1).max(16384).optional().meta({
    description: "EBS data volume of each broker.",
    defaultText: "100 in prod, 20 elsewhere",
  }),
  retentionHours: z.int().min(1).max(8760).optional().meta({
    description:
      "Hours a topic keeps messages (OpenIM's consumers read them within seconds; this is the replay margin).",
    defaultText: "168 in prod, 24 elsewhere",
  }),
})
  .prefault({})
  .meta({
    description:
      "Each data set's Amazon MSK cluster: TLS between clients and brokers, admitted by security group, topics made by the kit.",
  });

const mongodbSchema = strictObject({
  engineVersion: z.enum(["5.0.0", "8.0.0"]).default("5.0.0").meta({
    description: "Amazon DocumentDB engine version (its parameter group family follows it).",
  }),
  instanceClass: z
    .string()
    .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, {
      error: 'is not a DocumentDB instance class; use a name like "db.r6g.large"',
    })
    .optional()
    .meta({
      description: "DocumentDB instance class.",
      defaultText: '"db.r6g.large" in prod, "db.t4g.medium" elsewhere',
    }),
  instances: z.int().min(1).max(16).optional().meta({
    description:
      "Instances of each data set's cluster (one primary, the rest replicas that take over); at least 2 in prod.",
    defaultText: "3 in prod, 1 elsewhere",
  }),
  masterUsername: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9]{0,62}$/, { error: "must start with a letter and hold at most 63 letters or digits" })
    .refine((name) => !["admin", "root", "serviceadmin"].includes(name.toLowerCase()), {
      error: "is a name DocumentDB reserves; pick another, e.g. openimadmin",
    })
    .default("openimadmin")
    .meta({ description: "The cluster's administrator, through which the kit creates each cell's user." }),
  backupRetentionDays: z.int().min(1).max(35).optional().meta({
    description: "Days of continuous backup (point-in-time restore); at least 7 in prod.",
    defaultText: "7 in prod, 1 elsewhere",
  }),
})
  .prefault({})
  .meta({
    description:
      "Each data set's Amazon DocumentDB cluster: TLS, encrypted storage, audit and profiler logs to CloudWatch.",
  });

const objectStoreSchema = strictObject({
  corsOrigins: z.array(z.string().min(1)).min(1).default(["*"]).meta({
    description:
      "Origins allowed to PUT and GET each cell's bucket from a browser (presigned uploads); the signature, not the origin, authorises a request.",
  }),
  versioning: z.boolean().optional().meta({
    description: "Keep earlier versions of overwritten or deleted objects.",
    defaultText: "true in prod, false elsewhere",
  }),
  noncurrentVersionDays: z.int().min(1).max(3650).default(30).meta({
    description: "Days an earlier version is kept once versioning is on.",
  }),
})
  .prefault({})
  .meta({
    description:
      "Each cell's own S3 bucket: private, KMS-encrypted, reached with a per-cell IAM user's keys (OpenIM's aws engine takes static keys only).",
  });

/** The AWS target's managed data services (`im-platform:data.mode: managed`). */
export const awsDataSchema = strictObject({
  redis: redisSchema,
  kafka: kafkaSchema,
  mongodb: mongodbSchema,
  objectStore: objectStoreSchema,
  maintenanceWindow: z
    .string()
    .regex(WEEKLY_WINDOW, { error: 'is not a weekly window; use the form "sun:03:00-sun:04:00" (UTC)' })
    .default("sun:03:00-sun:04:00")
    .meta({ description: "Weekly maintenance window of the ElastiCache and DocumentDB clusters (UTC)." }),
  backupWindow: z
    .string()
    .regex(DAILY_WINDOW, { error: 'is not a daily window; use the form "01:00-02:00" (UTC)' })
    .default("01:00-02:00")
    .meta({
      description:
        "Daily backup window of the ElastiCache and DocumentDB clusters (UTC), outside the maintenance window.",
    }),
})
  .prefault({})
  .meta({
    description:
      "Sizes and versions of the managed data services (ElastiCache, MSK, DocumentDB, S3) when im-platform:data.mode is managed.",
  });

export type AwsDataConfig = z.infer<typeof awsDataSchema>;
