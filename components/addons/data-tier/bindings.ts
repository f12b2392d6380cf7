import { POOLED_DATA_SET, type CellLayout } from "../../config/cells";
import type { DataConfig, DataCredentials, ExternalService } from "../../config/data-schema";
import type { BindingNetwork, CellBindings } from "../../core/bindings";
import { dataNamespace, DATA_PORTS, type DataKind } from "../../core/data-kinds";
import { labelKeys } from "../../core/labels";
import type { DataServices, ManagedDataKind } from "../../targets/capabilities";

/** The managed side of a target as the bindings see it: which kinds its cloud runs, and where they answer. */
export interface ManagedPlacement {
  readonly kinds: readonly ManagedDataKind[];
  readonly network: DataServices["network"];
  /**
   * A managed Redis that speaks TLS only is reached through a TLS proxy that stands where the
   * cell's in-cluster Redis would (same name, address and ingress policy), OpenIM's client having no TLS.
   */
  readonly redisProxied: boolean;
}

/** Object names of the in-cluster data services, the same in every data namespace. */
export const DATA_SERVICE_NAMES = {
  mongodb: "mongodb",
  kafka: "kafka",
  objectStore: "object-store",
  etcd: "etcd",
} as const;
export const REPLICA_SET = "rs0";

/** The user a cell is on the services the kit runs (MongoDB, Kafka, the object store, etcd). */
export function cellUser(cell: string): string {
  return `im-${cell}`;
}

/** The in-cluster Redis of one cell, in its data set's namespace. */
export function redisName(cell: string): string {
  return `redis-${cell}`;
}

export function dataSetNamespace(data: DataConfig, dataSet: string): string {
  return dataNamespace(data.namespace, dataSet, POOLED_DATA_SET);
}

/** Stable network identity of a StatefulSet pod behind its headless Service. */
function podAddress(name: string, ordinal: number, namespace: string, port: number): string {
  return `${name}-${ordinal}.${name}.${namespace}.svc:${port}`;
}

function inClusterNetwork(kind: DataKind, namespace: string, podName: string): BindingNetwork {
  return { kind, namespace, cidrs: [], ports: [DATA_PORTS[kind]], podLabels: { [labelKeys.name]: podName } };
}

function managedNetwork(kind: ManagedDataKind, managed: ManagedPlacement): BindingNetwork {
  const { cidrs, ports } = managed.network(kind);
  return { kind, cidrs, ports };
}

function externalNetwork(kind: DataKind, service: ExternalService): BindingNetwork {
  const ports = [...new Set(service.addresses.map((address) => Number(address.split(":").at(-1))))];
  return { kind, cidrs: service.cidrs, ports };
}

/**
 * What one cell may use of the data tier. Every isolating name (database and its user, Redis
 * instance, topic prefix, bucket, discovery root) carries the cell id, so no two cells share one;
 * a standby's discovery root also carries its target (`standbyTarget`). A managed service's
 * addresses are known once its cloud created it: they are empty here and filled at deploy
 * (`deployedBindings`).
 */
export function cellBindings(
  data: DataConfig,
  cell: Pick<CellLayout, "cell" | "dataSet">,
  standbyTarget?: string,
  managed: ManagedPlacement = { kinds: [], network: () => ({ cidrs: [], ports: [] }), redisProxied: false },
): CellBindings {
  const namespace = dataSetNamespace(data, cell.dataSet);
  const external = data.mode === "external" ? data.external : {};
  const isManaged = (kind: DataKind): kind is ManagedDataKind => (managed.kinds as readonly string[]).includes(kind);
  const user = cellUser(cell.cell);
  const redisDirect = isManaged("redis") && !managed.redisProxied;
  const network: BindingNetwork[] = [
    // Redis runs per cell, in the cluster or managed: OpenIM's client has no key prefix to share one.
    redisDirect ? managedNetwork("redis", managed) : inClusterNetwork("redis", namespace, redisName(cell.cell)),
  ];
  const mongoMembers = Array.from({ length: data.mongodbMembers }, (_, ordinal) =>
    podAddress(DATA_SERVICE_NAMES.mongodb, ordinal, namespace, DATA_PORTS.mongodb),
  );
  const pick = (kind: Exclude<DataKind, "redis">, inCluster: readonly string[]): readonly string[] => {
    if (isManaged(kind)) {
      network.push(managedNetwork(kind, managed));
      return [];
    }
    const service = external[kind];
    network.push(
      service ? externalNetwork(kind, service) : inClusterNetwork(kind, namespace, DATA_SERVICE_NAMES[kind]),
    );
    return service ? service.addresses : inCluster;
  };
  const mongoAddresses = pick("mongodb", mongoMembers);
  const kafkaAddresses = pick("kafka", [podAddress(DATA_SERVICE_NAMES.kafka, 0, namespace, DATA_PORTS.kafka)]);
  const objectAddress = pick("objectStore", [
    `${DATA_SERVICE_NAMES.objectStore}.${namespace}.svc:${DATA_PORTS.objectStore}`,
  ])[0];
  const etcdAddresses = pick("etcd", [podAddress(DATA_SERVICE_NAMES.etcd, 0, namespace, DATA_PORTS.etcd)]);
  const objectTls = external.objectStore?.tls ?? false;
  return {
    cell: cell.cell,
    managed: [...managed.kinds],
    dataSet: cell.dataSet,
    mongodb: {
      addresses: mongoAddresses,
      database: `openim_${cell.cell.replace(/-/g, "_")}`,
      username: external.mongodb ? usernameOf(external.mongodb, cell.cell) : user,
      replicaSet: external.mongodb || isManaged("mongodb") ? undefined : REPLICA_SET,
      tls: external.mongodb?.tls ?? false,
    },
    redis: {
      addresses: redisDirect ? [] : [`${redisName(cell.cell)}.${namespace}.svc:${DATA_PORTS.redis}`],
      db: 0,
      instance: redisName(cell.cell),
    },
    kafka: {
      addresses: kafkaAddresses,
      topicPrefix: `${cell.cell}.`,
      username: external.kafka ? usernameOf(external.kafka, cell.cell) : user,
      tls: external.kafka?.tls ?? false,
    },
    objectStore: {
      engine: "minio",
      internalAddress: objectAddress ?? "",
      // A managed store's own URL is filled at deploy, unless the operator fronts it with a domain.
      externalAddress:
        data.objectStore.externalAddress ??
        (isManaged("objectStore") ? "" : `${objectTls ? "https" : "http"}://${objectAddress ?? ""}`),
      bucket: `openim-${cell.cell}`,
      useTls: objectTls,
    },
    etcd: {
      addresses: etcdAddresses,
      rootDirectory: standbyTarget === undefined ? `openim-${cell.cell}` : `openim-${cell.cell}-${standbyTarget}`,
      username: external.etcd ? usernameOf(external.etcd, cell.cell) : user,
    },
    network,
  };
}

/** The credentials one cell uses on an external service: its own, or the service's default set. */
export function credentialsFor(service: ExternalService, cell: string): DataCredentials | undefined {
  return service.cellCredentials[cell] ?? service.credentials;
}

function usernameOf(service: ExternalService, cell: string): string {
  return credentialsFor(service, cell)?.username ?? "";
}
