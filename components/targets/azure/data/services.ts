import type * as keyvault from "@pulumi/azure-native/keyvault";
import type { Provider } from "@pulumi/azure-native/provider";
import type * as pulumi from "@pulumi/pulumi";
import type {
  DataServices,
  ManagedCellData,
  ManagedDataKind,
  ManagedDataNetwork,
  ManagedDataSet,
  ManagedDataSetRequest,
} from "../../capabilities";
import type { ManagedDataFacts } from "../../managed-data-facts";
import type { AzureScope } from "../scope";
import type { DataZones } from "./dns";
import { createDataIdentity, type DataKey } from "./identity";
import { createCellKafka, KAFKA_PORT } from "./kafka";
import { createDataSetMongo, MONGODB_PORT } from "./mongodb";
import { dataServiceName } from "./names";
import { createCellRedis, REDIS_PORT } from "./redis";
import { maxPartitions, type AzureDataSettings } from "./settings";

/** What Azure runs managed. No object store: OpenIM has no Blob engine, so MinIO stays in the cluster on CMK disks. */
export const AZURE_DATA_KINDS = ["redis", "kafka", "mongodb"] as const satisfies readonly ManagedDataKind[];

/** The managed data services' facts, known before anything is built. */
export function azureDataFacts(settings: AzureDataSettings): ManagedDataFacts {
  return {
    kinds: AZURE_DATA_KINDS,
    redisTlsOnly: true,
    maxPartitions: maxPartitions(settings.kafka),
    sharedAccess: {
      mongodb: "Cosmos DB for MongoDB vCore gives its users cluster-wide roles only (readWriteAnyDatabase)",
    },
  };
}

const PORTS: Readonly<Partial<Record<ManagedDataKind, number>>> = {
  redis: REDIS_PORT,
  kafka: KAFKA_PORT,
  mongodb: MONGODB_PORT,
};

/** What the target built that the data services stand on. */
export interface AzureDataContext {
  /** The cluster's name: the stem of every data service's name. */
  readonly baseName: string;
  /** Subscription and resource group: makes the global names unique to this stack's scope. */
  readonly salt: string;
  /** Resource group, location, and the tags (environment included) of every data resource. */
  readonly scope: AzureScope;
  readonly settings: AzureDataSettings;
  readonly subnetId: pulumi.Input<string>;
  readonly subnetCidr: string;
  readonly zones: DataZones;
  /** The platform's data key, for data sets and cells without a tenant key. */
  readonly platformKey: keyvault.Key;
  readonly tenantKeys: Readonly<Record<string, keyvault.Key>>;
  /** Every Azure resource goes through the target's provider: its subscription, no other. */
  readonly provider: Provider;
}

function keyOf(context: AzureDataContext, tenant: string | undefined, who: string): DataKey {
  if (tenant === undefined) return { owner: "platform", key: context.platformKey };
  const key = context.tenantKeys[tenant];
  if (!key)
    throw new Error(
      `${who} asks for tenant ${tenant}'s own key, but the Azure target made none; give the tenant dedicatedKey: true`,
    );
  return { owner: tenant, key };
}

function provision(
  context: AzureDataContext,
  request: ManagedDataSetRequest,
  options: pulumi.CustomResourceOptions,
): ManagedDataSet {
  const opts = { ...options, provider: context.provider };
  const kinds = new Set(request.kinds);
  const offered = kinds.has("objectStore") ? ["objectStore"] : [];
  if (offered.length > 0)
    throw new Error(
      `data set ${request.dataSet} asks Azure for a managed ${offered.join(", ")}, which it does not offer (OpenIM has no Blob engine); keep it in the cluster`,
    );
  const { settings, scope, salt, baseName } = context;
  const limit = maxPartitions(settings.kafka);
  if (kinds.has("kafka") && request.partitions > limit)
    throw new Error(
      `data set ${request.dataSet} asks for ${request.partitions} partitions per topic; Event Hubs ${settings.kafka.sku} (capacity ${settings.kafka.capacity}) gives at most ${limit}`,
    );

  const cellKeys = request.cells.map((cell) => keyOf(context, cell.keyTenant, `cell ${cell.cell}`));
  const encrypts = kinds.has("redis") || (kinds.has("kafka") && settings.kafka.sku === "Premium");
  const identity = encrypts
    ? createDataIdentity(
        request.name,
        dataServiceName(`${baseName}-${request.dataSet}-data`, salt, 120),
        scope,
        cellKeys,
        opts,
      )
    : undefined;
  const resources: pulumi.Resource[] = identity ? [identity.identity, ...identity.grants] : [];

  const mongo = kinds.has("mongodb")
    ? createDataSetMongo(
        request.name,
        scope,
        {
          // Cluster names are 3-40 characters and global (`<name>.mongocluster.cosmos.azure.com`).
          clusterName: dataServiceName(`${baseName}-${request.dataSet}`, salt, 40),
          settings: settings.mongodb,
          deleteLock: settings.deleteLocks,
          adminPassword: request.mongodbAdminPassword,
          subnetId: context.subnetId,
          zones: context.zones,
        },
        opts,
      )
    : undefined;
  if (mongo) resources.push(...mongo.resources);

  const cells = new Map<string, ManagedCellData>();
  request.cells.forEach((cell, index) => {
    const key = cellKeys[index] as DataKey;
    const name = `${request.name}-${cell.cell}`;
    const shared = { subnetId: context.subnetId, zones: context.zones, deleteLock: settings.deleteLocks, key };
    const redis =
      kinds.has("redis") && identity
        ? createCellRedis(
            name,
            scope,
            {
              ...shared,
              // Redis names are 1-60 characters and global (`<name>.<region>.redis.azure.net`).
              clusterName: dataServiceName(`${baseName}-${cell.cell}`, salt, 60),
              settings: settings.redis,
              identity,
            },
            opts,
          )
        : undefined;
    const kafka = kinds.has("kafka")
      ? createCellKafka(
          name,
          scope,
          {
            ...shared,
            // Namespace names are 6-50 characters and global (`<name>.servicebus.windows.net`).
            namespaceName: dataServiceName(`${baseName}-${cell.cell}`, salt, 50),
            settings: settings.kafka,
            topics: cell.topics,
            partitions: request.partitions,
            ...(identity ? { identity } : {}),
          },
          opts,
        )
      : undefined;
    if (redis) resources.push(...redis.resources);
    if (kafka) resources.push(...kafka.resources);
    cells.set(cell.cell, { ...(redis ? { redis: redis.redis } : {}), ...(kafka ? { kafka: kafka.kafka } : {}) });
  });

  return {
    resources,
    ...(mongo ? { mongodb: mongo.mongodb } : {}),
    cell(id) {
      const found = cells.get(id);
      if (!found) throw new Error(`cell ${id} is not in data set ${request.dataSet}`);
      return found;
    },
  };
}

/**
 * The Azure target's `data` capability: every service behind a private endpoint in the data
 * subnet, which is all a cell's egress needs to reach. Nothing is plaintext on the wire: Redis
 * speaks TLS only, and OpenIM's plaintext Redis leg stays in the cell's namespace, inside the
 * kit's TLS proxy.
 */
export function azureDataServices(context: AzureDataContext): DataServices {
  return {
    kinds: AZURE_DATA_KINDS,
    plaintext: {},
    network(kind): ManagedDataNetwork {
      const port = PORTS[kind];
      if (port === undefined) throw new Error(`the Azure target runs no managed ${kind}`);
      return { cidrs: [context.subnetCidr], ports: [port] };
    },
    provision: (request, opts) => provision(context, request, opts),
  };
}
