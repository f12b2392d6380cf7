import { PRIVATE_IPV4_RANGES } from "../../core/cidr";
import type { CatalogueEntry } from "../definition";
import { OPENIM_CAPACITY } from "./capacity";
import { OPENIM_SECRET_ENV } from "./config/files";
import { COMPACT_PROCESSES, OPENIM_PORTS, RPC_NAMES } from "./ports";
import { OPENIM_VERSION } from "./services";

/** The all-in-one image's working directory (its Dockerfile at v3.8.3); it reads `config/` below it. */
const SERVER_DIR = "/openim-server";

/**
 * Every process of the all-in-one server serves its own metrics port: the collector scrapes them
 * all, so a compact cell's tenant is measured like a services cell's (users, logins, messages, push).
 */
function compactMetricsPorts(): CatalogueEntry["ports"] {
  const port = (name: string, number: number) => ({ name, port: number, purpose: "metrics" as const });
  return [
    port("m-gateway", OPENIM_PORTS.gatewayMetrics),
    ...RPC_NAMES.map((name) => port(`m-${name}`, OPENIM_PORTS.rpc[name][1])),
    ...OPENIM_PORTS.pushMetrics
      .slice(0, COMPACT_PROCESSES.push)
      .map((number, index) => port(`m-push-${index}`, number)),
    ...OPENIM_PORTS.transferMetrics
      .slice(0, COMPACT_PROCESSES.msgtransfer)
      .map((number, index) => port(`m-transfer-${index}`, number)),
  ];
}

/**
 * The compact profile: OpenIM's all-in-one image runs every service in one pod, for a small
 * tenant that needs a working instance more than it needs each service to scale on its own.
 * Its entry point starts the services with the config folder under its working directory and
 * writes logs and process files there, so those paths get writable volumes.
 */
export const openImCompact: readonly CatalogueEntry[] = [
  {
    profile: "compact",
    name: "openim-server",
    role: "gateway",
    image: `openim/openim-server:${OPENIM_VERSION}`,
    configMountPath: `${SERVER_DIR}/config`,
    secretEnv: { ...OPENIM_SECRET_ENV },
    writablePaths: [`${SERVER_DIR}/_output/logs`, `${SERVER_DIR}/logs`],
    // Its entry point compiles its start script on first run: a home and build cache it may write.
    env: { HOME: "/tmp", GOCACHE: "/tmp/go-cache" },
    ports: [
      { name: "ws", port: OPENIM_PORTS.gatewayClient, purpose: "client" },
      { name: "http", port: OPENIM_PORTS.api, purpose: "http" },
      { name: "metrics", port: OPENIM_PORTS.apiMetrics, purpose: "metrics" },
      ...compactMetricsPorts(),
    ],
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
    // Every service runs once in the pod and crontask must not run twice: one replica, never scaled.
    replicas: { fixed: 1 },
    capacity: { ...OPENIM_CAPACITY.compact },
    exposure: "public",
    // The services profile's edge names: moving a tenant between profiles updates its load
    // balancers in place, so they keep their addresses (and the quota never sees four).
    edgeNames: { gateway: "msggateway-edge", api: "api-edge" },
    egress: [{ name: "push-providers", cidrs: ["0.0.0.0/0"], except: PRIVATE_IPV4_RANGES, ports: [443, 2197] }],
  },
];
