import { stringify } from "yaml";
import { BINDING_SECRET_KEYS, CELL_DATA_CA, DATA_CA_FILES } from "../../../core/bindings";
import type { CellBindings } from "../../../core/bindings";
import type { RenderedConfig } from "../../definition";
import { OPENIM_PORTS, RPC_NAMES } from "../ports";
import { notificationFile } from "./notification";
import { webhooksFile } from "./webhooks";

/** Admin user of each instance; its credential is the cell's own server secret. */
export const ADMIN_USER_ID = "imAdmin";

/**
 * The topics of OpenIM's message path (msg -> toRedis -> msgtransfer -> toMongo / toPush -> push
 * -> toOfflinePush); it refuses to start while one is missing. Each cell has its own four.
 */
export const OPENIM_QUEUES = ["toRedis", "toMongo", "toPush", "toOfflinePush"] as const;

/** A cell's topics, by the kafka.yml key that names them. */
export function cellTopics(prefix: string): Record<string, string> {
  return Object.fromEntries(OPENIM_QUEUES.map((queue) => [`${queue}Topic`, `${prefix}${queue}`]));
}

/** The consumer groups of the message path, by the kafka.yml key that names them; each cell has its own. */
const OPENIM_GROUP_KEYS = {
  toRedisGroupID: "redis",
  toMongoGroupID: "mongo",
  toPushGroupID: "push",
  toOfflinePushGroupID: "offlinePush",
} as const;
export const OPENIM_CONSUMER_GROUPS: readonly string[] = Object.values(OPENIM_GROUP_KEYS);

function cellGroups(prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(OPENIM_GROUP_KEYS).map(([key, group]) => [key, `${prefix}${group}`]));
}

const rpcServer = (port: number | readonly number[]) => ({
  registerIP: "",
  listenIP: "0.0.0.0",
  autoSetPorts: false,
  ports: typeof port === "number" ? [port] : [...port],
});
const prometheus = (port: number | readonly number[]) => ({
  enable: true,
  ports: typeof port === "number" ? [port] : [...port],
});
/** The fields OpenIM's oss and kodo object engines share. */
const KEYED_ENGINE_FIELDS = ["endpoint", "bucket", "bucketURL", "accessKeyID", "accessKeySecret", "sessionToken"];
const emptyObjectEngine = (fields: readonly string[]) =>
  Object.fromEntries([...fields.map((field) => [field, ""]), ["publicRead", false]]);

/**
 * The rpc-third object settings: OpenIM's own engine for S3 (`aws`) and OSS (`oss`), else `minio`
 * for any S3-compatible API. Keys come from the environment (OPENIM_SECRET_ENV).
 */
function objectSettings(objectStore: CellBindings["objectStore"]): Record<string, unknown> {
  const aws = emptyObjectEngine(["region", "bucket", "accessKeyID", "secretAccessKey", "sessionToken"]);
  const oss = emptyObjectEngine(KEYED_ENGINE_FIELDS);
  if (objectStore.engine === "aws")
    Object.assign(aws, { region: objectStore.region ?? "", bucket: objectStore.bucket });
  if (objectStore.engine === "oss") {
    Object.assign(oss, {
      endpoint: objectStore.endpoint ?? "",
      bucket: objectStore.bucket,
      bucketURL: objectStore.externalAddress,
    });
  }
  return {
    enable: objectStore.engine,
    cos: emptyObjectEngine(["bucketURL", "secretID", "secretKey", "sessionToken"]),
    oss,
    kodo: emptyObjectEngine(KEYED_ENGINE_FIELDS),
    aws,
  };
}

/** The config files as objects, in the shape OpenIM v3.8.3 reads them; secrets come from the environment. */
export function openImConfigFiles(bindings: CellBindings): Record<string, Record<string, unknown>> {
  const { mongodb, redis, kafka, objectStore, etcd } = bindings;
  const rpcFiles = Object.fromEntries(
    RPC_NAMES.map((name) => {
      const [rpcPort, metricsPort] = OPENIM_PORTS.rpc[name];
      const extra: Record<string, unknown> = {
        auth: { tokenPolicy: { expire: 90 } },
        friend: {},
        group: { enableHistoryForNewMembers: true },
        msg: { friendVerify: false },
        conversation: {},
        third: { object: objectSettings(objectStore) },
        user: {},
      }[name];
      return [`openim-rpc-${name}.yml`, { rpc: rpcServer(rpcPort), prometheus: prometheus(metricsPort), ...extra }];
    }),
  );
  return {
    "share.yml": {
      secret: "",
      rpcRegisterName: {
        user: "user",
        friend: "friend",
        msg: "msg",
        push: "push",
        messageGateway: "messageGateway",
        group: "group",
        auth: "auth",
        conversation: "conversation",
        third: "third",
      },
      imAdminUserID: [ADMIN_USER_ID],
      multiLogin: { policy: 1, maxNumOneEnd: 30 },
    },
    "discovery.yml": {
      enable: "etcd",
      etcd: { rootDirectory: etcd.rootDirectory, address: [...etcd.addresses], username: etcd.username, password: "" },
    },
    "mongodb.yml": {
      uri: "",
      address: [...mongodb.addresses],
      database: mongodb.database,
      username: mongodb.username,
      password: "",
      authSource: mongodb.uriOptions?.authSource ?? mongodb.database,
      maxPoolSize: 100,
      maxRetry: 10,
    },
    "redis.yml": {
      address: [...redis.addresses],
      username: "",
      password: "",
      clusterMode: false,
      db: redis.db,
      maxRetry: 10,
      poolSize: 100,
    },
    "kafka.yml": {
      username: kafka.username,
      password: "",
      producerAck: "",
      compressType: "none",
      address: [...kafka.addresses],
      ...cellTopics(kafka.topicPrefix),
      ...cellGroups(kafka.topicPrefix),
      tls: {
        enableTLS: kafka.tls,
        // Empty: the system roots; a managed broker's own CA is mounted where it needs one.
        caCrt: kafka.caBundle !== undefined ? `${CELL_DATA_CA.mountPath}/${DATA_CA_FILES.kafka}` : "",
        clientCrt: "",
        clientKey: "",
        clientKeyPwd: "",
        insecureSkipVerify: false,
      },
    },
    "minio.yml": {
      bucket: objectStore.bucket,
      accessKeyID: "",
      secretAccessKey: "",
      sessionToken: "",
      // v3.8.3 reads the scheme from the address, plain http without one (config.go, Minio.Build).
      internalAddress: `${objectStore.useTls ? "https://" : ""}${objectStore.internalAddress}`,
      externalAddress: objectStore.externalAddress,
      publicRead: false,
    },
    // Logs go to stdout as JSON for the cluster's collector; the file copy lands on the pod's /tmp.
    "log.yml": {
      storageLocation: "/tmp/openim-logs/",
      rotationTime: 24,
      remainRotationCount: 2,
      remainLogLevel: 6,
      isStdout: true,
      isJson: true,
      isSimplify: true,
    },
    "local-cache.yml": Object.fromEntries(
      ["user", "group", "friend", "conversation"].map((name) => [
        name,
        {
          topic: `DELETE_CACHE_${name.toUpperCase()}`,
          slotNum: 100,
          slotSize: 2000,
          successExpire: 300,
          failedExpire: 5,
        },
      ]),
    ),
    "notification.yml": notificationFile(),
    "webhooks.yml": webhooksFile(),
    "openim-api.yml": {
      api: { listenIP: "0.0.0.0", ports: [OPENIM_PORTS.api], compressionLevel: 0 },
      prometheus: { enable: true, autoSetPorts: false, ports: [OPENIM_PORTS.apiMetrics], grafanaURL: "" },
    },
    "openim-msggateway.yml": {
      rpc: { registerIP: "", autoSetPorts: false, ports: [OPENIM_PORTS.gatewayRpc] },
      prometheus: prometheus(OPENIM_PORTS.gatewayMetrics),
      listenIP: "0.0.0.0",
      longConnSvr: {
        ports: [OPENIM_PORTS.gatewayClient],
        websocketMaxConnNum: 100000,
        websocketMaxMsgLen: 4096,
        websocketTimeout: 10,
      },
    },
    "openim-msgtransfer.yml": {
      prometheus: { enable: true, autoSetPorts: false, ports: [...OPENIM_PORTS.transferMetrics] },
    },
    "openim-push.yml": {
      rpc: rpcServer(OPENIM_PORTS.pushRpc),
      prometheus: prometheus(OPENIM_PORTS.pushMetrics),
      maxConcurrentWorkers: 3,
      // No offline push provider until the operator configures one (any other value is a dummy pusher).
      enable: "none",
      geTui: { pushUrl: "", masterSecret: "", appKey: "", intent: "", channelID: "", channelName: "" },
      fcm: { filePath: "", authURL: "" },
      jpush: { appKey: "", masterSecret: "", pushURL: "", pushIntent: "" },
      iosPush: { pushSound: "xxx", badgeCount: true, production: false },
      fullUserCache: true,
    },
    "openim-crontask.yml": {
      cronExecuteTime: "0 2 * * *",
      retainChatRecords: 365,
      fileExpireTime: 180,
      deleteObjectType: ["msg-picture", "msg-file", "msg-voice", "msg-video", "msg-video-snapshot", "sdklog"],
    },
    ...rpcFiles,
  };
}

/**
 * Secrets reach OpenIM as `IMENV_<FILE>_<KEY>` variables, which its loader lays over the file's
 * keys (pkg/common/config/load_config.go at v3.8.3), so the ConfigMap never holds one.
 */
export const OPENIM_SECRET_ENV: Readonly<Record<string, string>> = {
  IMENV_SHARE_SECRET: BINDING_SECRET_KEYS.serverSecret,
  IMENV_MONGODB_URI: BINDING_SECRET_KEYS.mongodbUri,
  IMENV_MONGODB_PASSWORD: BINDING_SECRET_KEYS.mongodbPassword,
  IMENV_REDIS_PASSWORD: BINDING_SECRET_KEYS.redisPassword,
  IMENV_KAFKA_PASSWORD: BINDING_SECRET_KEYS.kafkaPassword,
  IMENV_MINIO_ACCESSKEYID: BINDING_SECRET_KEYS.objectStoreAccessKey,
  IMENV_MINIO_SECRETACCESSKEY: BINDING_SECRET_KEYS.objectStoreSecretKey,
  // The same keys for OpenIM's S3 and OSS engines, whichever the cell's store uses.
  IMENV_OPENIM_RPC_THIRD_OBJECT_AWS_ACCESSKEYID: BINDING_SECRET_KEYS.objectStoreAccessKey,
  IMENV_OPENIM_RPC_THIRD_OBJECT_AWS_SECRETACCESSKEY: BINDING_SECRET_KEYS.objectStoreSecretKey,
  IMENV_OPENIM_RPC_THIRD_OBJECT_OSS_ACCESSKEYID: BINDING_SECRET_KEYS.objectStoreAccessKey,
  IMENV_OPENIM_RPC_THIRD_OBJECT_OSS_ACCESSKEYSECRET: BINDING_SECRET_KEYS.objectStoreSecretKey,
  IMENV_DISCOVERY_ETCD_PASSWORD: BINDING_SECRET_KEYS.etcdPassword,
};

export function renderOpenImConfig(bindings: CellBindings): RenderedConfig {
  const files = Object.fromEntries(
    Object.entries(openImConfigFiles(bindings)).map(([file, content]) => [file, stringify(content)]),
  );
  return { files, secretEnv: OPENIM_SECRET_ENV };
}
