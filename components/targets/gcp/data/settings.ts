import { z } from "zod";
import type { Environment } from "../../../config/types";
import { cidr, strictObject } from "../../../config/fields";
import { overlapIssues, parseBoundedRanges, type RangeIssue } from "../../range-checks";

/** Memorystore for Redis versions OpenIM v3.8.3 can use (it is run with Redis 7.0 in the cluster). */
export const REDIS_VERSIONS = ["REDIS_6_X", "REDIS_7_0", "REDIS_7_2"] as const;
export const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;
export const SNAPSHOT_PERIODS = ["ONE_HOUR", "SIX_HOURS", "TWELVE_HOURS", "TWENTY_FOUR_HOURS"] as const;

/** Managed Service for Apache Kafka: 1 to 8 GiB of memory per vCPU, at least 3 vCPUs (provider docs). */
export const KAFKA_MIN_VCPUS = 3;
export const KAFKA_GIB_PER_VCPU = { min: 1, max: 8 } as const;

const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { error: 'must be "host:port"' });

/**
 * The `data` section of a GCP target: sizes and choices of the managed services it runs with
 * `data.mode: managed` (Memorystore for Redis per cell, Managed Service for Apache Kafka per
 * data set, a Cloud Storage bucket per cell). Defaults that depend on the environment are
 * resolved in `resolveGcpDataSettings`, nowhere else.
 */
export const gcpDataSchema = strictObject({
  privateServiceAccessCidr: cidr.default("10.30.0.0/20").meta({
    description:
      "Range allocated to private services access on the cluster's VPC (between /16 and /24): Memorystore instances take their addresses from it, and the cells' egress to Redis admits it. It must not overlap the cluster's ranges.",
  }),
  deletionProtection: z.boolean().optional().meta({
    description: "Refuse to delete the Redis instances, Kafka clusters and buckets on destroy.",
    defaultText: "true in prod, else false",
  }),
  redis: strictObject({
    memorySizeGb: z.int().min(1).max(300).default(1).meta({ description: "Memory of each cell's instance, in GiB." }),
    version: z.enum(REDIS_VERSIONS).default("REDIS_7_0").meta({ description: "Redis version of every instance." }),
    tier: z.enum(["BASIC", "STANDARD_HA"]).optional().meta({
      description: "`STANDARD_HA`: a replica in a second zone with automatic failover. `BASIC`: one node, no failover.",
      defaultText: '"STANDARD_HA" in prod, else "BASIC"',
    }),
    persistence: z.enum(["RDB", "DISABLED"]).optional().meta({
      description: "`RDB`: periodic snapshots the instance restores from after a restart.",
      defaultText: '"RDB" in prod, else "DISABLED"',
    }),
    snapshotPeriod: z
      .enum(SNAPSHOT_PERIODS)
      .default("SIX_HOURS")
      .meta({ description: "How often an RDB snapshot is taken, when persistence is `RDB`." }),
    maintenanceWindow: strictObject({
      day: z.enum(WEEKDAYS).default("SUNDAY").meta({ description: "Day of the weekly maintenance window (UTC)." }),
      hour: z.int().min(0).max(23).default(3).meta({ description: "Hour the one-hour window starts (UTC)." }),
    })
      .prefault({})
      .meta({ description: "When Google may update the instances." }),
  })
    .prefault({})
    .meta({ description: "Memorystore for Redis: one instance per cell, AUTH on, on private services access." }),
  kafka: strictObject({
    vcpuCount: z
      .int()
      .min(KAFKA_MIN_VCPUS, { error: `must be at least ${KAFKA_MIN_VCPUS}: the service's smallest cluster` })
      .max(1000)
      .default(3)
      .meta({ description: "vCPUs of each data set's cluster." }),
    memoryGib: z.int().min(1).max(8000).optional().meta({
      description: "Memory of each data set's cluster, in GiB: 1 to 8 per vCPU.",
      defaultText: "1 GiB per vCPU, 4 in prod",
    }),
    rebalance: z
      .enum(["NO_REBALANCE", "AUTO_REBALANCE_ON_SCALE_UP"])
      .default("AUTO_REBALANCE_ON_SCALE_UP")
      .meta({ description: "Whether partitions move to new brokers when the cluster grows." }),
    bootstrapAddresses: z.record(z.string(), hostPort).default({}).meta({
      description:
        'The bootstrap "host:port" by data set ("pooled", or a tenant id), where the cluster\'s address is not the legacy `bootstrap.<cluster>.<region>.managedkafka.<project>.cloud.goog:9092` (newer clusters answer on a generated `*.managedkafka.s.cloud.goog` name, which the pinned provider does not report; read it with `gcloud managed-kafka clusters describe`).',
    }),
  })
    .prefault({})
    .meta({ description: "Managed Service for Apache Kafka: one cluster per data set, SASL/PLAIN over TLS." }),
  objectStore: strictObject({
    versioning: z.boolean().optional().meta({
      description: "Keep overwritten and deleted objects as noncurrent versions.",
      defaultText: "true in prod, else false",
    }),
    corsOrigins: z.array(z.string().min(1)).min(1).default(["*"]).meta({
      description:
        "Origins browsers may upload to and download from with OpenIM's signed URLs (the signature, not the origin, grants access).",
    }),
  })
    .prefault({})
    .meta({ description: "Cloud Storage: a bucket per cell, reached through its S3-compatible XML API." }),
})
  .superRefine((data, ctx) => {
    const memory = data.kafka.memoryGib;
    const { vcpuCount } = data.kafka;
    if (
      memory !== undefined &&
      (memory < vcpuCount * KAFKA_GIB_PER_VCPU.min || memory > vcpuCount * KAFKA_GIB_PER_VCPU.max)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["kafka", "memoryGib"],
        input: memory,
        message: `must be ${KAFKA_GIB_PER_VCPU.min} to ${KAFKA_GIB_PER_VCPU.max} GiB per vCPU: between ${vcpuCount * KAFKA_GIB_PER_VCPU.min} and ${vcpuCount * KAFKA_GIB_PER_VCPU.max} for ${vcpuCount} vCPUs`,
      });
    }
  })
  .prefault({});

export type GcpDataConfig = z.infer<typeof gcpDataSchema>;

/** The data section with the environment's defaults applied. */
export interface GcpDataSettings {
  readonly privateServiceAccessCidr: string;
  readonly deletionProtection: boolean;
  readonly redis: {
    readonly memorySizeGb: number;
    readonly version: (typeof REDIS_VERSIONS)[number];
    readonly tier: "BASIC" | "STANDARD_HA";
    readonly persistence: "RDB" | "DISABLED";
    readonly snapshotPeriod: (typeof SNAPSHOT_PERIODS)[number];
    readonly maintenanceWindow: { readonly day: (typeof WEEKDAYS)[number]; readonly hour: number };
  };
  readonly kafka: {
    readonly vcpuCount: number;
    readonly memoryGib: number;
    readonly rebalance: "NO_REBALANCE" | "AUTO_REBALANCE_ON_SCALE_UP";
    readonly bootstrapAddresses: Readonly<Record<string, string>>;
  };
  readonly objectStore: { readonly versioning: boolean; readonly corsOrigins: readonly string[] };
}

/** Prod: zone-redundant Redis with snapshots, roomier Kafka brokers, versioned buckets, deletion protection. */
export function resolveGcpDataSettings(data: GcpDataConfig, environment: Environment): GcpDataSettings {
  const prod = environment === "prod";
  return {
    privateServiceAccessCidr: data.privateServiceAccessCidr,
    deletionProtection: data.deletionProtection ?? prod,
    redis: {
      ...data.redis,
      tier: data.redis.tier ?? (prod ? "STANDARD_HA" : "BASIC"),
      persistence: data.redis.persistence ?? (prod ? "RDB" : "DISABLED"),
    },
    kafka: {
      ...data.kafka,
      memoryGib: data.kafka.memoryGib ?? data.kafka.vcpuCount * (prod ? 4 : KAFKA_GIB_PER_VCPU.min),
    },
    objectStore: { ...data.objectStore, versioning: data.objectStore.versioning ?? prod },
  };
}

/** Private services access ranges: Google asks for a /24 or larger; /16 leaves room for other services. */
const PSA_BOUNDS = { min: 16, max: 24 } as const;

type RangeField = "nodesCidr" | "podsCidr" | "servicesCidr" | "masterCidr" | "privateServiceAccessCidr";

/** The private services access range: its size, and no overlap with the cluster's own ranges. */
export function privateServiceAccessIssues(
  network: Readonly<Record<Exclude<RangeField, "privateServiceAccessCidr">, string>>,
  privateServiceAccessCidr: string,
): RangeIssue<"privateServiceAccessCidr">[] {
  const ranges: Record<RangeField, string> = { ...network, privateServiceAccessCidr };
  const bounds = { min: 0, max: 32 };
  const { parsed, issues } = parseBoundedRanges(ranges, {
    nodesCidr: bounds,
    podsCidr: bounds,
    servicesCidr: bounds,
    masterCidr: bounds,
    privateServiceAccessCidr: PSA_BOUNDS,
  });
  const fields: RangeField[] = ["nodesCidr", "podsCidr", "servicesCidr", "masterCidr", "privateServiceAccessCidr"];
  const overlaps = overlapIssues(ranges, parsed, fields, (field) => `network.${field}`);
  return [...issues, ...overlaps].filter(
    (issue): issue is RangeIssue<"privateServiceAccessCidr"> => issue.field === "privateServiceAccessCidr",
  );
}
