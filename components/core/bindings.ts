import type { DataKind } from "./data-kinds";

/** Keys of a cell's data Secret; the values are generated per cell and kept as Pulumi secrets. */
export const BINDING_SECRET_KEYS = {
  mongodbUri: "mongodb-uri",
  mongodbPassword: "mongodb-password",
  redisPassword: "redis-password",
  kafkaUsername: "kafka-username",
  kafkaPassword: "kafka-password",
  objectStoreAccessKey: "object-store-access-key",
  objectStoreSecretKey: "object-store-secret-key",
  etcdPassword: "etcd-password",
  serverSecret: "server-secret",
} as const;
export type BindingSecretKey = (typeof BINDING_SECRET_KEYS)[keyof typeof BINDING_SECRET_KEYS];

/**
 * CA bundles of a cell's managed services, where the system roots lack them: a ConfigMap in the
 * cell's namespace, mounted at the same path in every pod of a cell with managed data.
 */
export const CELL_DATA_CA = { configMap: "cell-data-ca", mountPath: "/etc/im-platform/data-ca" } as const;
export const DATA_CA_FILES = { mongodb: "mongodb.pem", kafka: "kafka.pem" } as const;

/** Keys of the data Secret that name an identity rather than hold a secret: the same name may recur elsewhere. */
export const BINDING_IDENTITY_KEYS: readonly BindingSecretKey[] = [
  BINDING_SECRET_KEYS.kafkaUsername,
  BINDING_SECRET_KEYS.objectStoreAccessKey,
];

/** Where one cell's traffic to a data service may go: the egress its NetworkPolicy admits. */
export interface BindingNetwork {
  readonly kind: DataKind;
  /** A namespace in the cluster that runs the service, or ranges of a service outside it. */
  readonly namespace?: string;
  readonly cidrs: readonly string[];
  readonly ports: readonly number[];
  /** Pod labels of the service inside `namespace`, so a cell reaches that service and nothing else there. */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/**
 * What one cell may use of the data tier: endpoints, the names that isolate it (database, Redis
 * instance and db, topic prefix, bucket, discovery root) and its user names. Secrets are not here:
 * they live in the cell's data Secret under BINDING_SECRET_KEYS.
 */
export interface CellBindings {
  readonly cell: string;
  /** The services the target's cloud runs for this cell (`data.mode: managed`); the rest run in the cluster or are external. */
  readonly managed: readonly DataKind[];
  /** The data set serving the cell: the pooled one, or the VIP tenant's dedicated one. */
  readonly dataSet: string;
  readonly mongodb: {
    readonly addresses: readonly string[];
    readonly database: string;
    readonly username: string;
    readonly replicaSet?: string;
    readonly tls: boolean;
    /** Further URI options the service needs (a managed service's `retryWrites=false`, say). */
    readonly uriOptions?: Readonly<Record<string, string>>;
    /** PEM bundle the client verifies the server with, where the system roots lack its CA. */
    readonly caBundle?: string;
  };
  readonly redis: { readonly addresses: readonly string[]; readonly db: number; readonly instance: string };
  readonly kafka: {
    readonly addresses: readonly string[];
    readonly topicPrefix: string;
    readonly username: string;
    readonly tls: boolean;
    readonly caBundle?: string;
  };
  readonly objectStore: {
    /** Which of the server's object engines talks to the store: an S3-compatible API, S3 itself, or OSS. */
    readonly engine: "minio" | "aws" | "oss";
    /** The store's region (S3). */
    readonly region?: string;
    /** The endpoint the server calls (OSS). */
    readonly endpoint?: string;
    readonly internalAddress: string;
    /** The address clients fetch objects from: OpenIM signs its URLs with it. */
    readonly externalAddress: string;
    readonly bucket: string;
    readonly useTls: boolean;
  };
  readonly etcd: { readonly addresses: readonly string[]; readonly rootDirectory: string; readonly username: string };
  readonly network: readonly BindingNetwork[];
}
