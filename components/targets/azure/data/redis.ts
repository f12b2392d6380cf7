import * as redisenterprise from "@pulumi/azure-native/redisenterprise";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedRedis } from "../../capabilities";
import type { AzureScope } from "../scope";
import type { DataZones } from "./dns";
import { createDataEndpoint } from "./endpoint";
import type { DataIdentity, DataKey } from "./identity";
import { createDeleteLock } from "./lock";
import type { AzureDataSettings } from "./settings";

/** The database port: fixed, so the cells' egress names it (Azure Managed Redis listens on 10000 by convention). */
export const REDIS_PORT = 10000;
/** Azure Managed Redis has one database per instance, named "default". */
const DATABASE_NAME = "default";

export interface CellRedisArgs {
  readonly clusterName: string;
  readonly settings: AzureDataSettings["redis"];
  readonly deleteLock: boolean;
  readonly key: DataKey;
  readonly identity: DataIdentity;
  readonly subnetId: pulumi.Input<string>;
  readonly zones: DataZones;
}

export interface CellRedis {
  readonly resources: pulumi.Resource[];
  readonly redis: ManagedRedis;
}

function persistence(mode: AzureDataSettings["redis"]["persistence"]): redisenterprise.DatabaseArgs["persistence"] {
  if (mode === "aof") return { aofEnabled: true, aofFrequency: "1s", rdbEnabled: false };
  if (mode === "rdb") return { rdbEnabled: true, rdbFrequency: "1h", aofEnabled: false };
  return { aofEnabled: false, rdbEnabled: false };
}

/**
 * One cell's Azure Managed Redis: its own instance (OpenIM's keys carry no prefix to share one),
 * encrypted with the cell's key through the data set's identity, TLS 1.2 only, no public access,
 * reached through a private endpoint. One endpoint (EnterpriseCluster) so OpenIM v3.8's
 * standalone client works; no eviction (sequences and sessions must not vanish); access-key
 * AUTH, the key being the password the kit's TLS proxy presents on OpenIM's behalf.
 */
export function createCellRedis(
  name: string,
  scope: AzureScope,
  args: CellRedisArgs,
  opts: pulumi.CustomResourceOptions,
): CellRedis {
  const cluster = new redisenterprise.RedisEnterprise(
    `${name}-redis`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      tags: scope.tags,
      clusterName: args.clusterName,
      sku: { name: args.settings.sku },
      highAvailability: args.settings.highAvailability ? "Enabled" : "Disabled",
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      identity: { type: "UserAssigned", userAssignedIdentities: [args.identity.identity.id] },
      encryption: {
        customerManagedKeyEncryption: {
          keyEncryptionKeyIdentity: {
            identityType: "userAssignedIdentity",
            userAssignedIdentityResourceId: args.identity.identity.id,
          },
          // Versioned only: the service does not follow rotation on its own (see the note).
          keyEncryptionKeyUrl: args.key.key.keyUriWithVersion,
        },
      },
    },
    { ...opts, dependsOn: [...args.identity.grants] },
  );
  const database = new redisenterprise.Database(
    `${name}-redis-db`,
    {
      resourceGroupName: scope.resourceGroupName,
      clusterName: cluster.name,
      databaseName: DATABASE_NAME,
      port: REDIS_PORT,
      clientProtocol: "Encrypted",
      clusteringPolicy: "EnterpriseCluster",
      evictionPolicy: "NoEviction",
      accessKeysAuthentication: "Enabled",
      persistence: persistence(args.settings.persistence),
    },
    opts,
  );
  // The endpoint waits for the database: the service refuses a connection to a cluster without one.
  const { endpoint, dns } = createDataEndpoint(
    `${name}-redis`,
    scope,
    {
      endpointName: `${args.clusterName}-endpoint`,
      subnetId: args.subnetId,
      serviceId: cluster.id,
      groupId: "redisEnterprise",
      zone: args.zones.redis,
    },
    { ...opts, dependsOn: [database] },
  );
  const resources: pulumi.Resource[] = [cluster, database, endpoint, dns];
  if (args.deleteLock)
    resources.push(createDeleteLock(`${name}-redis`, cluster.id, `Redis of ${args.clusterName}`, opts));

  const keys = redisenterprise.listDatabaseKeysOutput(
    { resourceGroupName: scope.resourceGroupName, clusterName: cluster.name, databaseName: database.name },
    { parent: opts.parent, provider: opts.provider },
  );
  return {
    resources,
    redis: {
      addresses: pulumi.output(cluster.hostName).apply((host) => [`${host}:${REDIS_PORT}`]),
      // Azure's certificates chain to public roots (DigiCert Global Root G2): the system bundle suffices.
      tls: true,
      password: pulumi.secret(keys.primaryKey),
    },
  };
}
