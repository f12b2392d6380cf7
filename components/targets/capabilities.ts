import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { AlertReceiver, AlertRoute, ReceiverKind, RouteAudience } from "../config/monitoring-schema";
import type { RuleGroup } from "../core/prometheus-rules";

type NetworkPolicyPeer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** Customer-managed keys a target created for VIP tenants that asked for their own. */
export interface TenantKeys {
  /** Tenants with a key of their own on this target. */
  readonly tenants: readonly string[];
  /** The key's id (ARN, resource id) for a tenant, or undefined when the tenant has none. */
  forTenant(tenant: string): pulumi.Output<string> | undefined;
}

/** StorageClasses the target provides, encrypted with its keys. */
export interface StorageClasses {
  /** The class for volumes of cells without a key of their own. */
  readonly defaultClass: string;
  /** The class a cell's volumes use: its tenant's own where that tenant has a key, else the default. */
  classFor(tenant: string): string;
}

/** The data services a target can run as managed cloud services (etcd, OpenIM's discovery, stays in the cluster). */
export const MANAGED_DATA_KINDS = ["redis", "kafka", "mongodb", "objectStore"] as const;
export type ManagedDataKind = (typeof MANAGED_DATA_KINDS)[number];

/** One cell of a managed data set: what the kit decided for it before the cloud creates anything. */
export interface ManagedCellRequest {
  readonly cell: string;
  /** Tenant whose own key encrypts the cell's per-cell resources (its Redis, its bucket); absent: the target's key. */
  readonly keyTenant?: string;
  /** The Redis AUTH password the kit generated for the cell (a Pulumi secret). */
  readonly redisPassword: pulumi.Output<string>;
  /** A Kafka password the kit generated for the cell, for services whose users the target creates (a Pulumi secret). */
  readonly kafkaPassword: pulumi.Output<string>;
  /** The cell's Kafka topics (full names, prefix included), each with `partitions` partitions. */
  readonly topics: readonly string[];
  /** The cell's consumer groups (full names), for services that authorise groups. */
  readonly consumerGroups: readonly string[];
  /** The cell's bucket name, unique to the cell and the stack. */
  readonly bucket: string;
}

/** One data set (the pooled one, or a VIP tenant's dedicated one) to run on managed services. */
export interface ManagedDataSetRequest {
  /** Prefix of the Pulumi names of what it creates; unique in the stack. */
  readonly name: string;
  readonly dataSet: string;
  /** Tenant whose own key encrypts the data set's shared resources (a dedicated data set with `dedicatedKey`). */
  readonly keyTenant?: string;
  /** The kinds to run managed; the rest run in the cluster. */
  readonly kinds: readonly ManagedDataKind[];
  readonly cells: readonly ManagedCellRequest[];
  /** Partitions of each topic: the ceiling of a consumer group's useful replicas. */
  readonly partitions: number;
  /** The MongoDB administrator's password the kit generated for the data set (a Pulumi secret). */
  readonly mongodbAdminPassword: pulumi.Output<string>;
}

/** A managed MongoDB-compatible cluster: the kit creates each cell's database user through it. */
export interface ManagedMongo {
  /** `host:port` of the cluster's endpoint(s). */
  readonly hosts: pulumi.Output<string[]>;
  readonly adminUsername: string;
  /** URI options every client needs (tls, retryWrites, authMechanism...). */
  readonly uriOptions: Readonly<Record<string, string>>;
  /** PEM bundle of the CAs its TLS certificate chains to, where the system roots lack them. */
  readonly caBundle?: string;
  /** Roles a cell's user gets on its own database (`readWrite` where the service scopes roles to a database). */
  readonly cellRoles: readonly string[];
}

/** One cell's managed Kafka: OpenIM's sarama client speaks PLAINTEXT, TLS, mTLS and SASL/PLAIN only. */
export interface ManagedKafka {
  readonly addresses: pulumi.Output<string[]>;
  readonly tls: boolean;
  /** SASL/PLAIN user and password; none where the service admits the cell by network alone. */
  readonly username?: pulumi.Input<string>;
  readonly password?: pulumi.Input<string>;
  /** PEM bundle of the broker's CAs, where the system roots lack them. */
  readonly caBundle?: string;
}

/** Where and how a cell's files are kept, in the shape of one of OpenIM's object engines. */
export type ManagedObjectStore =
  | {
      readonly engine: "aws";
      readonly region: string;
      readonly bucket: string;
      readonly accessKeyId: pulumi.Output<string>;
      readonly secretAccessKey: pulumi.Output<string>;
    }
  | {
      readonly engine: "oss";
      /** The endpoint OpenIM calls (the region's VPC endpoint). */
      readonly endpoint: string;
      readonly bucket: string;
      /** The URL clients fetch files from. */
      readonly bucketUrl: string;
      readonly accessKeyId: pulumi.Output<string>;
      readonly secretAccessKey: pulumi.Output<string>;
    }
  | {
      /** An S3-compatible API (GCS interoperability, say), through OpenIM's minio engine. */
      readonly engine: "minio";
      /** `host:port` of the API. */
      readonly address: string;
      readonly useTls: boolean;
      /** The URL clients fetch files from; OpenIM signs its links with it. */
      readonly externalAddress: string;
      readonly bucket: string;
      readonly accessKeyId: pulumi.Output<string>;
      readonly secretAccessKey: pulumi.Output<string>;
    };

/** One cell's own managed Redis (one instance per cell: OpenIM's keys carry no prefix to share one). */
export interface ManagedRedis {
  /** `host:port` of its primary endpoint. */
  readonly addresses: pulumi.Output<string[]>;
  /**
   * The endpoint speaks TLS only. OpenIM v3.8's Redis client has no TLS, so the kit puts a TLS
   * proxy in the cell's namespace and the plaintext leg never leaves it.
   */
  readonly tls: boolean;
  /** The AUTH password where the service generates it; else the request's `redisPassword` is the password. */
  readonly password?: pulumi.Output<string>;
  /** PEM bundle of the endpoint's CAs, for the proxy, where the system roots lack them. */
  readonly caBundle?: pulumi.Input<string>;
}

/** What one cell is bound to on the managed services of its data set. */
export interface ManagedCellData {
  readonly redis?: ManagedRedis;
  readonly kafka?: ManagedKafka;
  readonly objectStore?: ManagedObjectStore;
}

/** A data set as the target created it. */
export interface ManagedDataSet {
  readonly resources: readonly pulumi.Resource[];
  readonly mongodb?: ManagedMongo;
  cell(cell: string): ManagedCellData;
}

/** Where a cell's traffic to one managed service goes: the ranges and ports its egress admits. */
export interface ManagedDataNetwork {
  readonly cidrs: readonly string[];
  readonly ports: readonly number[];
}

/**
 * Managed data services a target runs for its cells: encrypted with its keys, reachable from
 * its cluster's private network alone.
 */
export interface DataServices {
  /** The kinds this target can run managed. */
  readonly kinds: readonly ManagedDataKind[];
  /** Why a kind's client traffic is plaintext on this target, for each kind that is (Redis: OpenIM has no Redis TLS). */
  readonly plaintext: Readonly<Partial<Record<ManagedDataKind, string>>>;
  network(kind: ManagedDataKind): ManagedDataNetwork;
  provision(request: ManagedDataSetRequest, opts: pulumi.CustomResourceOptions): ManagedDataSet;
}

/** One cell's pods as the collector scrapes them. */
export interface CellScrape {
  readonly cell: string;
  readonly namespace: string;
  /** Labels of the scrape object itself. */
  readonly labels: Readonly<Record<string, string>>;
  /** Pod labels every pod of the cell carries, and no other pod. */
  readonly selector: Readonly<Record<string, string>>;
  /** The cell's services with metrics ports, each with the names of those ports. */
  readonly services: ReadonlyArray<{ readonly name: string; readonly ports: readonly string[] }>;
  readonly intervalSeconds: number;
  /** Pod label -> metric label: what relabelling copies onto every series of the cell. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Labels with one value for every series of the cell (the target's name). */
  readonly staticLabels: Readonly<Record<string, string>>;
}

/** Rule groups for the collector's rule engine: the platform's, or one cell's. */
export interface RuleSet {
  /** Name of the object (or cloud resource) that carries them. */
  readonly name: string;
  /** The cell's namespace for a cell's rules, the system namespace for the platform's. */
  readonly namespace: string;
  /** "cell": every rule reads only that cell's series; "cluster": rules read across namespaces. */
  readonly scope: "cell" | "cluster";
  readonly labels: Readonly<Record<string, string>>;
  readonly groups: readonly RuleGroup[];
}

/** Where alerts go, by the labels the kit's alerts carry (`audience`, `severity`). */
export interface AlertRouting {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly receivers: readonly AlertReceiver[];
  readonly routes: Readonly<Partial<Record<RouteAudience, AlertRoute>>>;
}

/** How KEDA reaches the collector's PromQL endpoint. */
export interface MetricsQuery {
  readonly serverAddress: pulumi.Input<string>;
  /** KEDA's pod identity provider for a managed endpoint ("aws", "gcp", "azure-workload"); none in the cluster. */
  readonly podIdentityProvider?: "aws" | "gcp" | "azure-workload";
  /** Further trigger metadata the endpoint needs (AMP: `awsRegion`, the region KEDA signs its queries for). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The identity KEDA queries as, where it is not the operator's default (an Azure workload identity's client id). */
  readonly identityId?: pulumi.Input<string>;
}

/**
 * The target's metrics collection: what scrapes the cells, evaluates the rules and routes the
 * alerts (a Prometheus Operator in the cluster, or the cloud's managed Prometheus).
 */
export interface MetricsCollector {
  /** What collects, for people: "prometheus-operator", "amazon-managed-prometheus", ... */
  readonly kind: string;
  /** Who scrapes the cells: each cell's NetworkPolicy admits exactly these to its metrics ports. */
  readonly scrapers: readonly NetworkPolicyPeer[];
  /** The receiver kinds its alert routing can deliver to. */
  readonly receiverKinds: readonly ReceiverKind[];
  /** Where autoscalers read PromQL; absent where the collector serves no query endpoint to the cluster. */
  readonly query?: MetricsQuery;
  /** Collects one cell's metrics ports, labelled with its tenant, tier, cell and target. */
  scrapeCell(name: string, scrape: CellScrape, opts: pulumi.CustomResourceOptions): pulumi.Resource;
  /** Loads rule groups into the collector's rule engine. */
  loadRules(name: string, rules: RuleSet, opts: pulumi.CustomResourceOptions): pulumi.Resource;
  /** Routes the kit's alerts to the receivers. */
  routeAlerts(name: string, routing: AlertRouting, opts: pulumi.CustomResourceOptions): readonly pulumi.Resource[];
}

/** One target's edge behind a tenant hostname. */
export interface TrafficEndpoint {
  /** The serving target's name in the stack. */
  readonly target: string;
  /** The address of the cell's edge Service on that target. */
  readonly address: pulumi.Input<string>;
  readonly addressKind: "ip" | "hostname";
  /** `primary`/`secondary` for a failover record; `weighted` with `weight` for a spread one. */
  readonly role: "primary" | "secondary" | "weighted";
  /** Share of the hostname's answers (0-100), for `weighted`. */
  readonly weight: number;
}

/** How a publisher probes each endpoint: the cell's own edge, on the listener's port. */
export interface TrafficHealthCheck {
  readonly protocol: "TCP" | "HTTP" | "HTTPS";
  readonly port: number;
  /** Request path, for HTTP(S). */
  readonly path?: string;
  readonly intervalSeconds: number;
  /** Failed probes in a row before the endpoint is taken out of answers. */
  readonly failureThreshold: number;
  readonly timeoutSeconds: number;
}

/** One tenant hostname (its gateway's or its API's) as global, health-checked DNS. */
export interface TrafficRecord {
  /** Prefix of the Pulumi names of what publishing it creates; unique in the stack. */
  readonly name: string;
  /** Fully qualified, inside the publisher's zone. */
  readonly hostname: string;
  readonly tenant: string;
  readonly role: "gateway" | "api";
  /** `failover`: primary while healthy, else secondary. `weighted`: endpoints by weight, healthy ones only. */
  readonly routing: "failover" | "weighted";
  readonly ttlSeconds: number;
  readonly healthCheck: TrafficHealthCheck;
  readonly endpoints: readonly TrafficEndpoint[];
}

/**
 * Global traffic: a DNS zone the target publishes tenant hostnames in, each endpoint behind a
 * health check of its own, so clients move off an unhealthy target without anyone acting.
 */
export interface GlobalTraffic {
  /** The zone's name, e.g. "im.example.com". */
  readonly zone: string;
  /** Creates the record(s) and health checks of one hostname. */
  publish(record: TrafficRecord, opts: pulumi.CustomResourceOptions): readonly pulumi.Resource[];
}

/**
 * What a target may offer beyond the core. An absent capability is a fact a consumer checks
 * (the compiler makes it), not a runtime surprise.
 */
export interface TargetCapabilities {
  readonly keys?: TenantKeys;
  readonly storage?: StorageClasses;
  readonly data?: DataServices;
  readonly monitoring?: MetricsCollector;
  readonly dns?: GlobalTraffic;
}

export type CapabilityName = keyof TargetCapabilities;

/** The capability, or an error that names the target, the capability and who needed it. */
export function requireCapability<Name extends CapabilityName>(
  target: TargetCapabilities & { readonly name: string },
  capability: Name,
  neededBy: string,
): NonNullable<TargetCapabilities[Name]> {
  const value = target[capability];
  if (value === undefined) {
    throw new Error(
      `target "${target.name}" has no ${capability} capability, which ${neededBy} needs; choose a target kind that provides it or turn ${neededBy} off`,
    );
  }
  return value as NonNullable<TargetCapabilities[Name]>;
}

/** Keys by tenant as a capability, from the map a target built. */
export function tenantKeysFrom(keys: Readonly<Record<string, pulumi.Output<string>>>): TenantKeys {
  return { tenants: Object.keys(keys), forTenant: (tenant) => keys[tenant] };
}

/** StorageClasses as a capability: a default class and one per tenant with its own key. */
export function storageClassesFrom(
  defaultClass: string,
  tenantClass: (tenant: string) => string,
  keyTenants: readonly string[],
): StorageClasses {
  return { defaultClass, classFor: (tenant) => (keyTenants.includes(tenant) ? tenantClass(tenant) : defaultClass) };
}
