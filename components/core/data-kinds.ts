/** The data services an IM server may bind its cells to. */
export const DATA_KINDS = ["mongodb", "redis", "kafka", "objectStore", "etcd"] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** Ports the in-cluster data services listen on (OpenIM's own defaults where it has them). */
export const DATA_PORTS: Readonly<Record<DataKind, number>> = {
  mongodb: 27017,
  redis: 6379,
  kafka: 9092,
  objectStore: 9000,
  etcd: 2379,
};

/** Namespace of a data set: the pooled one of shared tenants, or a VIP tenant's dedicated one. */
export function dataNamespace(pooledNamespace: string, dataSet: string, pooledSet: string): string {
  return dataSet === pooledSet ? pooledNamespace : `${pooledNamespace}-${dataSet}`;
}

/** Partitions of each cell topic: the ceiling of a consumer group's useful replicas. */
export const KAFKA_PARTITIONS = 8;
