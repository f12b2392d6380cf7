import { PRIVATE_IPV4_RANGES } from "../../core/cidr";
import type { CatalogueEntry } from "../definition";
import { OPENIM_CAPACITY } from "./capacity";
import { OPENIM_SECRET_ENV } from "./config/files";
import { OPENIM_PORTS } from "./ports";
import { OPENIM_VERSION } from "./services";

/** The all-in-one image's working directory (its Dockerfile at v3.8.3); it reads `config/` below it. */
const SERVER_DIR = "/openim-server";

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
