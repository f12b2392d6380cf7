import type { z } from "zod";
import type { serviceSchema } from "../config/service-schema";
import { PRIVATE_IPV4_RANGES } from "../core/cidr";

type CatalogueEntry = z.input<typeof serviceSchema>;

const VERSION = "v3.8.3";

/** Requests and limits of OpenIM's small RPC services; they are I/O bound. */
const rpcResources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };
/** The HTTP API and the Kafka consumers: moderate CPU, bursting to a core. */
const serviceResources = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } };
const openImEnv = { CONFIG_PATH: "/config" };

/** A Kafka consumer group scaled on lag; `partitions` caps useful replicas. */
function kafkaTrigger(consumerGroup: string, topic: string, lagThreshold: number) {
  return {
    type: "kafka",
    metadata: { bootstrapServers: "kafka.im-data.svc:9094", consumerGroup, topic, lagThreshold: String(lagThreshold) },
    partitions: 8,
  };
}

function rpcService(name: string, rpcPort: number, metricsPort: number): CatalogueEntry {
  return {
    name: `rpc-${name}`,
    role: "api",
    image: `openim/openim-rpc-${name}:${VERSION}`,
    ports: [
      { name: "rpc", port: rpcPort, purpose: "rpc" },
      { name: "metrics", port: metricsPort, purpose: "metrics" },
    ],
    resources: rpcResources,
    replicas: { min: 2, max: 10 },
    exposure: "internal",
    kubernetesApi: true,
    env: openImEnv,
  };
}

/**
 * OpenIM Server (openimsdk/open-im-server) as its own Kubernetes manifests deploy it: image names,
 * ports and roles follow its deployments/deploy files and config. Its services find each other
 * through the Kubernetes API (discovery: kubernetes), hence kubernetesApi on every service.
 */
export const openImCatalogue: readonly CatalogueEntry[] = [
  {
    name: "msggateway",
    role: "gateway",
    image: `openim/openim-msggateway:${VERSION}`,
    ports: [
      { name: "ws", port: 10001, purpose: "client" },
      { name: "rpc", port: 10140, purpose: "rpc" },
      { name: "metrics", port: 12140, purpose: "metrics" },
    ],
    resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } },
    replicas: { min: 2, max: 20 },
    exposure: "public",
    kubernetesApi: true,
    env: openImEnv,
  },
  {
    name: "api",
    role: "api",
    image: `openim/openim-api:${VERSION}`,
    ports: [
      { name: "http", port: 10002, purpose: "http" },
      { name: "metrics", port: 12002, purpose: "metrics" },
    ],
    resources: serviceResources,
    replicas: { min: 2, max: 10 },
    exposure: "public",
    kubernetesApi: true,
    env: openImEnv,
  },
  {
    name: "msgtransfer",
    role: "worker",
    image: `openim/openim-msgtransfer:${VERSION}`,
    ports: [{ name: "metrics", port: 12020, purpose: "metrics" }],
    resources: serviceResources,
    replicas: { min: 2, max: 8 },
    kubernetesApi: true,
    env: openImEnv,
    keda: [kafkaTrigger("redis", "toRedis", 1000)],
  },
  {
    name: "push",
    role: "worker",
    image: `openim/openim-push:${VERSION}`,
    ports: [
      { name: "rpc", port: 10170, purpose: "rpc" },
      { name: "metrics", port: 12170, purpose: "metrics" },
    ],
    resources: serviceResources,
    replicas: { min: 2, max: 8 },
    kubernetesApi: true,
    env: openImEnv,
    keda: [kafkaTrigger("push", "toPush", 500)],
    // Offline push goes to APNs (443, 2197) and FCM (443) on the internet, never to private ranges.
    egress: [{ name: "push-providers", cidrs: ["0.0.0.0/0"], except: PRIVATE_IPV4_RANGES, ports: [443, 2197] }],
  },
  rpcService("user", 10320, 12320),
  rpcService("auth", 10200, 12200),
  rpcService("friend", 10240, 12240),
  rpcService("group", 10260, 12260),
  rpcService("msg", 10280, 12280),
  rpcService("conversation", 10220, 12220),
  rpcService("third", 10300, 12300),
  {
    name: "crontask",
    role: "singleton",
    image: `openim/openim-crontask:${VERSION}`,
    ports: [],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    replicas: { fixed: 1 },
    kubernetesApi: true,
    env: openImEnv,
  },
];

export const CATALOGUES = { openim: openImCatalogue, none: [] as readonly CatalogueEntry[] } as const;
export type CatalogueName = keyof typeof CATALOGUES;
