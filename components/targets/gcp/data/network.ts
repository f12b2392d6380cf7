import * as compute from "@pulumi/gcp/compute";
import * as servicenetworking from "@pulumi/gcp/servicenetworking";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedDataKind, ManagedDataNetwork } from "../../capabilities";
import type { GcpTargetConfig } from "../schema";
import { privateServiceAccessRangeName } from "./names";

/** Memorystore for Redis without in-transit encryption answers on 6379 (6378 is its TLS port). */
export const REDIS_PORT = 6379;
/** Managed Kafka's TLS listener (SASL over TLS); 9094 is its mTLS listener, which OpenIM does not use. */
export const KAFKA_PORT = 9092;
/** Cloud Storage's XML (S3-compatible) API. */
export const STORAGE_HOST = "storage.googleapis.com";
export const STORAGE_PORT = 443;

export interface PrivateServiceAccess {
  /** The allocated range; Memorystore instances take their /29 (or /28) from it. */
  readonly range: compute.GlobalAddress;
  readonly connection: servicenetworking.Connection;
}

/**
 * Private services access on the cluster's VPC: an allocated range peered to Google's service
 * producers, so Memorystore answers on private addresses only. Peering exchanges the subnet's
 * secondary ranges too, so pods (VPC-native) reach it directly.
 */
export function createPrivateServiceAccess(
  name: string,
  targetName: string,
  cluster: GcpTargetConfig,
  network: pulumi.Input<string>,
  cidr: string,
  opts: pulumi.CustomResourceOptions,
): PrivateServiceAccess {
  const [address = "", prefix = "0"] = cidr.split("/");
  const range = new compute.GlobalAddress(
    `${name}-private-services`,
    {
      project: cluster.project,
      name: privateServiceAccessRangeName(targetName),
      description: "im-platform: private services access (Memorystore for Redis)",
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      address,
      prefixLength: Number(prefix),
      network,
    },
    opts,
  );
  const connection = new servicenetworking.Connection(
    `${name}-private-services`,
    {
      network,
      service: "servicenetworking.googleapis.com",
      reservedPeeringRanges: [range.name],
      // Removing the peering fails while any producer still uses it; destroy leaves it to the VPC's deletion.
      deletionPolicy: "ABANDON",
    },
    opts,
  );
  return { range, connection };
}

/**
 * Where a cell's traffic to each managed service goes. Redis: the private services access range.
 * Kafka: the node subnet, where the cluster's Private Service Connect endpoints (bootstrap and
 * brokers) take their addresses. The object store: Cloud Storage's public API on 443, the one
 * world-wide destination: Google APIs answer on public VIPs (Private Google Access keeps the
 * traffic on Google's network, and the bucket admits only its cell's HMAC key).
 */
export function gcpDataNetwork(
  cluster: GcpTargetConfig,
  privateServiceAccessCidr: string,
): (kind: ManagedDataKind) => ManagedDataNetwork {
  return (kind) => {
    switch (kind) {
      case "redis":
        return { cidrs: [privateServiceAccessCidr], ports: [REDIS_PORT] };
      case "kafka":
        return { cidrs: [cluster.network.nodesCidr], ports: [KAFKA_PORT] };
      case "objectStore":
        return { cidrs: ["0.0.0.0/0"], ports: [STORAGE_PORT] };
      case "mongodb":
        throw new Error(
          "the GCP target runs no managed MongoDB (Google has no first-party MongoDB); keep it in the cluster",
        );
    }
  };
}
