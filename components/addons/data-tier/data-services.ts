import type * as k8s from "@pulumi/kubernetes";
import type { DataConfig } from "../../config/data-schema";
import { DATA_PORTS } from "../../core/data-kinds";
import { DATA_SERVICE_NAMES, REPLICA_SET } from "./bindings";
import { derivedBytes, seedScope } from "./secrets";
import { dataResources, restrictedContainer, type DataStatefulSpec } from "./stateful";

/** Keys of a data set's admin Secret, read by its services and its bootstrap jobs only. */
export const ADMIN_SECRET = "im-data-admin";
export const ADMIN_KEYS = {
  mongodbRootPassword: "mongodb-root-password",
  mongodbKeyfile: "mongodb-keyfile",
  kafkaAdminPassword: "kafka-admin-password",
  kafkaUsers: "kafka-users",
  kafkaPasswords: "kafka-passwords",
  objectStoreRootPassword: "object-store-root-password",
  etcdRootPassword: "etcd-root-password",
} as const;
export const MONGODB_ROOT_USER = "root";
export const KAFKA_ADMIN_USER = "admin";
export const OBJECT_STORE_ROOT_USER = "im-root";

/** The images' own users (their Dockerfiles), so each can write its volume. */
const USERS = { mongodb: 999, redis: 999, kafka: 1001, objectStore: 1000, etcd: 1000 } as const;

const secretEnv = (name: string, key: string): k8s.types.input.core.v1.EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: ADMIN_SECRET, key } },
});
const mounts = (...extra: k8s.types.input.core.v1.VolumeMount[]) => [{ name: "tmp", mountPath: "/tmp" }, ...extra];

interface DataSetContext {
  readonly data: DataConfig;
  readonly namespace: string;
  readonly dataSet: string;
  readonly seed: string;
  readonly storageClassName?: string;
  readonly skipAwait: boolean;
}

type Spec = Omit<DataStatefulSpec, "resourceName" | "namespace" | "dataSet" | "storageClassName" | "skipAwait">;

/** A 16-byte id in base64url, as KRaft wants its cluster id; stable for the data set. */
export function kraftClusterId(seed: string, dataSet: string): string {
  return derivedBytes(seed, seedScope.dataSet(dataSet), "kafka-cluster-id").subarray(0, 16).toString("base64url");
}

function mongodb(context: DataSetContext): Spec {
  const port = DATA_PORTS.mongodb;
  return {
    name: DATA_SERVICE_NAMES.mongodb,
    replicas: context.data.mongodbMembers,
    user: USERS.mongodb,
    ports: [{ name: "mongodb", port }],
    storage: context.data.storage.mongodb,
    // mongod refuses a key file readable by its group, which a Secret volume always is: copy it out first.
    initContainers: [
      {
        name: "keyfile",
        image: context.data.images.mongodb,
        command: ["sh", "-c", "cp /keyfile-source/key /keyfile/key && chmod 400 /keyfile/key"],
        securityContext: restrictedContainer(USERS.mongodb),
        resources: dataResources("10m", "16Mi", "100m", "64Mi"),
        volumeMounts: [
          { name: "keyfile-source", mountPath: "/keyfile-source", readOnly: true },
          { name: "keyfile", mountPath: "/keyfile" },
        ],
      },
    ],
    containers: [
      {
        name: "mongodb",
        image: context.data.images.mongodb,
        args: ["--replSet", REPLICA_SET, "--bind_ip_all", "--keyFile", "/keyfile/key", "--port", String(port)],
        env: [
          { name: "MONGO_INITDB_ROOT_USERNAME", value: MONGODB_ROOT_USER },
          secretEnv("MONGO_INITDB_ROOT_PASSWORD", ADMIN_KEYS.mongodbRootPassword),
        ],
        ports: [{ name: "mongodb", containerPort: port }],
        securityContext: restrictedContainer(USERS.mongodb),
        resources: dataResources("250m", "512Mi", "2", "2Gi"),
        readinessProbe: { tcpSocket: { port }, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port }, initialDelaySeconds: 30, periodSeconds: 20 },
        volumeMounts: mounts(
          { name: "data", mountPath: "/data/db" },
          { name: "configdb", mountPath: "/data/configdb" },
          { name: "keyfile", mountPath: "/keyfile", readOnly: true },
        ),
      },
    ],
    volumes: [
      { name: "configdb", emptyDir: {} },
      { name: "keyfile", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
      {
        name: "keyfile-source",
        secret: {
          secretName: ADMIN_SECRET,
          items: [{ key: ADMIN_KEYS.mongodbKeyfile, path: "key" }],
          defaultMode: 0o400,
        },
      },
    ],
  };
}

function kafka(context: DataSetContext): Spec {
  const port = DATA_PORTS.kafka;
  const host = `${DATA_SERVICE_NAMES.kafka}-0.${DATA_SERVICE_NAMES.kafka}.${context.namespace}.svc`;
  const settings: Record<string, string> = {
    KAFKA_CFG_NODE_ID: "0",
    KAFKA_CFG_PROCESS_ROLES: "controller,broker",
    KAFKA_CFG_CONTROLLER_QUORUM_VOTERS: `0@${host}:9093`,
    KAFKA_CFG_LISTENERS: `CLIENT://:${port},CONTROLLER://:9093`,
    KAFKA_CFG_ADVERTISED_LISTENERS: `CLIENT://${host}:${port}`,
    KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP: "CLIENT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
    KAFKA_CFG_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
    KAFKA_CFG_INTER_BROKER_LISTENER_NAME: "CLIENT",
    KAFKA_CFG_SASL_ENABLED_MECHANISMS: "PLAIN",
    KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL: "PLAIN",
    KAFKA_INTER_BROKER_USER: KAFKA_ADMIN_USER,
    // Each cell is a SASL user that may touch only its own topics and groups (ACLs by the cell's bootstrap).
    KAFKA_CFG_AUTHORIZER_CLASS_NAME: "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    KAFKA_CFG_SUPER_USERS: `User:${KAFKA_ADMIN_USER}`,
    KAFKA_CFG_ALLOW_EVERYONE_IF_NO_ACL_FOUND: "false",
    // Topics exist before OpenIM starts (it refuses to start without them), so nothing is auto-created.
    KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE: "false",
    KAFKA_KRAFT_CLUSTER_ID: kraftClusterId(context.seed, context.dataSet),
  };
  return {
    name: DATA_SERVICE_NAMES.kafka,
    replicas: 1,
    user: USERS.kafka,
    ports: [
      { name: "client", port },
      { name: "controller", port: 9093 },
    ],
    storage: context.data.storage.kafka,
    // The image renders its settings into its config folder at start: a writable copy of it.
    initContainers: [
      {
        name: "config",
        image: context.data.images.kafka,
        command: ["sh", "-c", "cp -r /opt/bitnami/kafka/config/. /config-copy/"],
        securityContext: restrictedContainer(USERS.kafka),
        resources: dataResources("10m", "16Mi", "100m", "64Mi"),
        volumeMounts: [{ name: "config", mountPath: "/config-copy" }],
      },
    ],
    containers: [
      {
        name: "kafka",
        image: context.data.images.kafka,
        env: [
          ...Object.entries(settings).map(([name, value]) => ({ name, value })),
          secretEnv("KAFKA_INTER_BROKER_PASSWORD", ADMIN_KEYS.kafkaAdminPassword),
          secretEnv("KAFKA_CLIENT_USERS", ADMIN_KEYS.kafkaUsers),
          secretEnv("KAFKA_CLIENT_PASSWORDS", ADMIN_KEYS.kafkaPasswords),
        ],
        ports: [
          { name: "client", containerPort: port },
          { name: "controller", containerPort: 9093 },
        ],
        securityContext: restrictedContainer(USERS.kafka),
        resources: dataResources("250m", "1Gi", "2", "2Gi"),
        readinessProbe: { tcpSocket: { port }, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port }, initialDelaySeconds: 60, periodSeconds: 20 },
        volumeMounts: mounts(
          { name: "data", mountPath: "/bitnami/kafka" },
          { name: "config", mountPath: "/opt/bitnami/kafka/config" },
          { name: "logs", mountPath: "/opt/bitnami/kafka/logs" },
        ),
      },
    ],
    volumes: [
      { name: "config", emptyDir: {} },
      { name: "logs", emptyDir: { sizeLimit: "1Gi" } },
    ],
  };
}

function objectStore(context: DataSetContext): Spec {
  const port = DATA_PORTS.objectStore;
  return {
    name: DATA_SERVICE_NAMES.objectStore,
    replicas: 1,
    user: USERS.objectStore,
    ports: [{ name: "s3", port }],
    storage: context.data.storage.objectStore,
    containers: [
      {
        name: "object-store",
        image: context.data.images.objectStore,
        args: ["server", "/data", "--address", `:${port}`, "--console-address", ":9001"],
        env: [
          { name: "HOME", value: "/tmp" },
          { name: "MINIO_ROOT_USER", value: OBJECT_STORE_ROOT_USER },
          secretEnv("MINIO_ROOT_PASSWORD", ADMIN_KEYS.objectStoreRootPassword),
          { name: "MINIO_BROWSER", value: "off" },
        ],
        ports: [{ name: "s3", containerPort: port }],
        securityContext: restrictedContainer(USERS.objectStore),
        resources: dataResources("100m", "256Mi", "1", "1Gi"),
        readinessProbe: { httpGet: { path: "/minio/health/ready", port }, periodSeconds: 10 },
        livenessProbe: { httpGet: { path: "/minio/health/live", port }, initialDelaySeconds: 10, periodSeconds: 20 },
        volumeMounts: mounts({ name: "data", mountPath: "/data" }),
      },
    ],
  };
}

function etcd(context: DataSetContext): Spec {
  const port = DATA_PORTS.etcd;
  const host = `${DATA_SERVICE_NAMES.etcd}-0.${DATA_SERVICE_NAMES.etcd}.${context.namespace}.svc`;
  return {
    name: DATA_SERVICE_NAMES.etcd,
    replicas: 1,
    user: USERS.etcd,
    ports: [
      { name: "client", port },
      { name: "peer", port: 2380 },
    ],
    storage: context.data.storage.etcd,
    containers: [
      {
        name: "etcd",
        image: context.data.images.etcd,
        command: ["etcd"],
        args: [
          "--name=etcd-0",
          "--data-dir=/var/lib/etcd",
          `--listen-client-urls=http://0.0.0.0:${port}`,
          `--advertise-client-urls=http://${host}:${port}`,
          "--listen-peer-urls=http://0.0.0.0:2380",
          `--initial-advertise-peer-urls=http://${host}:2380`,
          `--initial-cluster=etcd-0=http://${host}:2380`,
          "--initial-cluster-state=new",
        ],
        ports: [
          { name: "client", containerPort: port },
          { name: "peer", containerPort: 2380 },
        ],
        securityContext: restrictedContainer(USERS.etcd),
        resources: dataResources("100m", "128Mi", "1", "512Mi"),
        readinessProbe: { tcpSocket: { port }, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port }, initialDelaySeconds: 15, periodSeconds: 20 },
        volumeMounts: mounts({ name: "data", mountPath: "/var/lib/etcd" }),
      },
    ],
  };
}

/** The pooled (or dedicated) services of one data set; Redis is per cell and comes with the cell. */
export function dataSetServices(context: DataSetContext): Spec[] {
  return [mongodb(context), kafka(context), objectStore(context), etcd(context)];
}

/** One cell's Redis: its own instance and password, persisted so message sequences survive a restart. */
export function cellRedis(data: DataConfig, name: string, passwordSecret: string, passwordKey: string): Spec {
  const port = DATA_PORTS.redis;
  return {
    name,
    replicas: 1,
    user: USERS.redis,
    ports: [{ name: "redis", port }],
    storage: data.storage.redis,
    containers: [
      {
        name: "redis",
        image: data.images.redis,
        args: ["--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--dir", "/data", "--port", String(port)],
        env: [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: passwordSecret, key: passwordKey } } }],
        ports: [{ name: "redis", containerPort: port }],
        securityContext: restrictedContainer(USERS.redis),
        resources: dataResources("50m", "64Mi", "500m", "512Mi"),
        readinessProbe: { tcpSocket: { port }, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port }, initialDelaySeconds: 10, periodSeconds: 20 },
        volumeMounts: mounts({ name: "data", mountPath: "/data" }),
      },
    ],
  };
}
