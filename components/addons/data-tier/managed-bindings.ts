import * as pulumi from "@pulumi/pulumi";
import type { CellBindings } from "../../core/bindings";
import type { ManagedCellData, ManagedDataSet, ManagedObjectStore } from "../../targets/capabilities";

const noAddresses = pulumi.output<string[]>([]);

function objectStoreBindings(
  pure: CellBindings["objectStore"],
  store: ManagedObjectStore | undefined,
): CellBindings["objectStore"] {
  if (!store) return pure;
  switch (store.engine) {
    case "aws":
      return {
        ...pure,
        engine: "aws",
        region: store.region,
        bucket: store.bucket,
        internalAddress: "",
        externalAddress: "",
        useTls: true,
      };
    case "oss":
      return {
        ...pure,
        engine: "oss",
        endpoint: store.endpoint,
        bucket: store.bucket,
        internalAddress: "",
        externalAddress: pure.externalAddress || store.bucketUrl,
        useTls: true,
      };
    case "minio":
      return {
        ...pure,
        engine: "minio",
        internalAddress: store.address,
        externalAddress: pure.externalAddress || store.externalAddress,
        bucket: store.bucket,
        useTls: store.useTls,
      };
  }
}

/**
 * A cell's bindings with its managed services filled in, once their cloud created them: their
 * addresses, TLS and CAs, and the object engine. A TLS-only Redis keeps the address of its
 * proxy, which the pure bindings already hold.
 */
export function deployedBindings(pure: CellBindings, dataSet: ManagedDataSet | undefined): pulumi.Output<CellBindings> {
  const cell: ManagedCellData = dataSet?.cell(pure.cell) ?? {};
  const mongo = dataSet?.mongodb;
  const directRedis = cell.redis && !cell.redis.tls ? cell.redis : undefined;
  return pulumi
    .all([
      directRedis?.addresses ?? noAddresses,
      cell.kafka?.addresses ?? noAddresses,
      mongo?.hosts ?? noAddresses,
      cell.kafka?.username ?? "",
    ])
    .apply(([redisAddresses, kafkaAddresses, mongoHosts, kafkaUsername]) => ({
      ...pure,
      redis: directRedis ? { ...pure.redis, addresses: redisAddresses } : pure.redis,
      kafka: cell.kafka
        ? {
            ...pure.kafka,
            addresses: kafkaAddresses,
            username: kafkaUsername,
            tls: cell.kafka.tls,
            caBundle: cell.kafka.caBundle,
          }
        : pure.kafka,
      mongodb: mongo
        ? {
            ...pure.mongodb,
            addresses: mongoHosts,
            tls: mongo.uriOptions.tls === "true" || mongo.uriOptions.ssl === "true",
            uriOptions: mongo.uriOptions,
            caBundle: mongo.caBundle,
          }
        : pure.mongodb,
      objectStore: objectStoreBindings(pure.objectStore, cell.objectStore),
    }));
}
