import type * as pulumi from "@pulumi/pulumi";
import {
  MANAGED_DATA_KINDS,
  type DataServices,
  type ManagedCellData,
  type ManagedDataSet,
  type ManagedDataSetRequest,
} from "../../capabilities";
import type { DataContext } from "./context";
import { createKafka, KAFKA_PLAINTEXT_REASON } from "./kafka";
import { createMongo, MONGODB_PLAINTEXT_REASON } from "./mongodb";
import { dataNetwork } from "./network";
import { createBucket } from "./object-store";
import { createRedis, REDIS_PLAINTEXT_REASON } from "./redis";

/** Why each kind's client traffic is plaintext on Alibaba Cloud; OSS is reached over HTTPS. */
export const ALIBABA_PLAINTEXT = {
  redis: REDIS_PLAINTEXT_REASON,
  kafka: KAFKA_PLAINTEXT_REASON,
  mongodb: MONGODB_PLAINTEXT_REASON,
} as const;

/**
 * The `data` capability: Tair per cell, ApsaraMQ for Kafka and ApsaraDB for MongoDB per data set,
 * an OSS bucket per cell; each in the cluster's VPC, encrypted with the target's keys, admitting
 * the pod vSwitches only. Every cloud resource goes through the target's Alibaba Cloud provider.
 */
export function alibabaDataServices(ctx: DataContext, provider: pulumi.ProviderResource): DataServices {
  return {
    kinds: MANAGED_DATA_KINDS,
    plaintext: ALIBABA_PLAINTEXT,
    network: (kind) => dataNetwork(kind, ctx.endpointCidrs, ctx.settings.objectStore.internalCidrs),
    provision: (request, opts) => provisionDataSet(ctx, request, { ...opts, provider }),
  };
}

function provisionDataSet(
  ctx: DataContext,
  request: ManagedDataSetRequest,
  opts: pulumi.CustomResourceOptions,
): ManagedDataSet {
  const wants = (kind: (typeof MANAGED_DATA_KINDS)[number]) => request.kinds.includes(kind);
  const resources: pulumi.Resource[] = [];
  const cells = new Map<string, ManagedCellData>();
  for (const cell of request.cells) {
    if (cells.has(cell.cell)) throw new Error(`data set ${request.dataSet} lists cell ${cell.cell} twice`);
    const redis = wants("redis") ? createRedis(request.name, ctx, cell, opts) : undefined;
    const bucket = wants("objectStore") ? createBucket(request.name, ctx, cell, opts) : undefined;
    if (redis) resources.push(redis.instance);
    if (bucket) resources.push(...bucket.resources);
    cells.set(cell.cell, { redis: redis?.binding, objectStore: bucket?.binding });
  }
  const kafka = wants("kafka") ? createKafka(request.name, ctx, request, opts) : undefined;
  if (kafka) resources.push(...kafka.resources);
  const mongo = wants("mongodb") ? createMongo(request.name, ctx, request, opts) : undefined;
  if (mongo) resources.push(mongo.instance);
  return {
    resources,
    mongodb: mongo?.binding,
    cell: (id) => {
      const data = cells.get(id);
      if (!data) throw new Error(`data set ${request.dataSet} has no cell ${id}`);
      return { ...data, kafka: kafka?.cell(id) };
    },
  };
}
