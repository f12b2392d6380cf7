import { PRIVATE_IPV4_RANGES } from "../../core/cidr";
import { KAFKA_PARTITIONS } from "../../core/data-kinds";
import type { CatalogueEntry } from "../definition";
import { OPENIM_CAPACITY } from "./capacity";
import { OPENIM_SECRET_ENV } from "./config/files";
import { OPENIM_PORTS, type RpcName } from "./ports";

export const OPENIM_VERSION = "v3.8.3";
/** Where each cell's rendered config is mounted; v3.8.3 reads it from the `-c` flag alone. */
export const OPENIM_CONFIG_DIR = "/config";

/** Requests and limits of OpenIM's small RPC services; they are I/O bound. */
const rpcResources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };
/** The HTTP API and the Kafka consumers: moderate CPU, bursting to a core. */
const serviceResources = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } };

/** What every per-service pod shares: its config folder, its secrets, the per-service profile. */
const wiring: Pick<CatalogueEntry, "profile" | "args" | "configMountPath" | "secretEnv"> = {
  profile: "services",
  args: ["-c", OPENIM_CONFIG_DIR],
  configMountPath: OPENIM_CONFIG_DIR,
  secretEnv: { ...OPENIM_SECRET_ENV },
};

/** A Kafka consumer group scaled on lag; the group and topic carry the cell's prefix at deploy time. */
function kafkaTrigger(consumerGroup: string, topic: string, lagThreshold: number) {
  return {
    type: "kafka",
    metadata: { consumerGroup, topic, lagThreshold: String(lagThreshold) },
    partitions: KAFKA_PARTITIONS,
  };
}

function rpcService(name: RpcName): CatalogueEntry {
  const [rpcPort, metricsPort] = OPENIM_PORTS.rpc[name];
  // Every message passes rpc-msg; the other RPC services follow user actions, not message volume.
  const capacity = name === "msg" ? { capacity: { ...OPENIM_CAPACITY.messageRpc } } : {};
  return {
    ...capacity,
    ...wiring,
    name: `rpc-${name}`,
    role: "api",
    image: `openim/openim-rpc-${name}:${OPENIM_VERSION}`,
    ports: [
      { name: "rpc", port: rpcPort, purpose: "rpc" },
      { name: "metrics", port: metricsPort, purpose: "metrics" },
    ],
    resources: rpcResources,
    replicas: { min: 2, max: 10 },
    exposure: "internal",
  };
}

/**
 * OpenIM Server's per-service images: each pod runs one service, reads the cell's config from
 * `-c /config` and finds its peers through etcd, so every service may autoscale behind the edge.
 */
export const openImServices: readonly CatalogueEntry[] = [
  {
    ...wiring,
    name: "msggateway",
    role: "gateway",
    image: `openim/openim-msggateway:${OPENIM_VERSION}`,
    ports: [
      { name: "ws", port: OPENIM_PORTS.gatewayClient, purpose: "client" },
      { name: "rpc", port: OPENIM_PORTS.gatewayRpc, purpose: "rpc" },
      { name: "metrics", port: OPENIM_PORTS.gatewayMetrics, purpose: "metrics" },
    ],
    resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } },
    replicas: { min: 2, max: 20 },
    capacity: { ...OPENIM_CAPACITY.gateway },
    exposure: "public",
  },
  {
    ...wiring,
    name: "api",
    role: "api",
    image: `openim/openim-api:${OPENIM_VERSION}`,
    ports: [
      { name: "http", port: OPENIM_PORTS.api, purpose: "http" },
      { name: "metrics", port: OPENIM_PORTS.apiMetrics, purpose: "metrics" },
    ],
    resources: serviceResources,
    replicas: { min: 2, max: 10 },
    exposure: "public",
  },
  {
    ...wiring,
    name: "msgtransfer",
    role: "worker",
    image: `openim/openim-msgtransfer:${OPENIM_VERSION}`,
    ports: [{ name: "metrics", port: OPENIM_PORTS.transferMetrics[0], purpose: "metrics" }],
    resources: serviceResources,
    replicas: { min: 2, max: 8 },
    capacity: { ...OPENIM_CAPACITY.transfer },
    keda: [kafkaTrigger("redis", "toRedis", 1000)],
  },
  {
    ...wiring,
    name: "push",
    role: "worker",
    image: `openim/openim-push:${OPENIM_VERSION}`,
    ports: [
      { name: "rpc", port: OPENIM_PORTS.pushRpc[0], purpose: "rpc" },
      { name: "metrics", port: OPENIM_PORTS.pushMetrics[0], purpose: "metrics" },
    ],
    resources: serviceResources,
    replicas: { min: 2, max: 8 },
    capacity: { ...OPENIM_CAPACITY.push },
    keda: [kafkaTrigger("push", "toPush", 500)],
    // Offline push goes to APNs (443, 2197) and FCM (443) on the internet, never to private ranges.
    egress: [{ name: "push-providers", cidrs: ["0.0.0.0/0"], except: PRIVATE_IPV4_RANGES, ports: [443, 2197] }],
  },
  rpcService("user"),
  rpcService("auth"),
  rpcService("friend"),
  rpcService("group"),
  rpcService("msg"),
  rpcService("conversation"),
  rpcService("third"),
  {
    ...wiring,
    name: "crontask",
    role: "singleton",
    image: `openim/openim-crontask:${OPENIM_VERSION}`,
    ports: [],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    replicas: { fixed: 1 },
  },
];
