import type { ManagedDataKind, ManagedDataNetwork } from "../../capabilities";

/** Redis's port on Tair's private endpoint. */
export const REDIS_PORT = 6379;
/** ApsaraMQ for Kafka's VPC SASL endpoint (SASL_PLAINTEXT); 9092 is the unauthenticated default endpoint. */
export const KAFKA_SASL_PORT = 9094;
/** ApsaraDB for MongoDB's port on every replica set node. */
export const MONGODB_PORT = 3717;
export const HTTPS_PORT = 443;

/**
 * Where a cell's traffic to each service goes: Redis, Kafka and MongoDB answer in the node
 * vSwitches (their endpoints take addresses there); OSS's internal endpoint answers on Alibaba
 * Cloud's reserved service range, over HTTPS, never on the internet.
 */
export function dataNetwork(
  kind: ManagedDataKind,
  endpointCidrs: readonly string[],
  objectStoreCidrs: readonly string[],
): ManagedDataNetwork {
  switch (kind) {
    case "redis":
      return { cidrs: endpointCidrs, ports: [REDIS_PORT] };
    case "kafka":
      return { cidrs: endpointCidrs, ports: [KAFKA_SASL_PORT] };
    case "mongodb":
      return { cidrs: endpointCidrs, ports: [MONGODB_PORT] };
    case "objectStore":
      return { cidrs: objectStoreCidrs, ports: [HTTPS_PORT] };
  }
}
