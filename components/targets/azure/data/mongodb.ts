import * as mongocluster from "@pulumi/azure-native/mongocluster";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedMongo } from "../../capabilities";
import type { AzureScope } from "../scope";
import type { DataZones } from "./dns";
import { createDataEndpoint } from "./endpoint";
import { createDeleteLock } from "./lock";
import type { AzureDataSettings } from "./settings";

/** The port a vCore cluster's nodes answer on (learn.microsoft.com/azure/cosmos-db/mongodb/vcore/troubleshoot-common-issues). */
export const MONGODB_PORT = 10260;

/**
 * The options of the cluster's own connection string (tls, SCRAM-SHA-256, no retryable writes,
 * idle connections closed at 120 s), plus authSource=admin: vCore keeps every native user in
 * `admin`, so a URI naming a cell's database must still authenticate there.
 */
export const MONGODB_URI_OPTIONS: Readonly<Record<string, string>> = {
  tls: "true",
  authMechanism: "SCRAM-SHA-256",
  retrywrites: "false",
  maxIdleTimeMS: "120000",
  authSource: "admin",
};

/**
 * Native users on vCore get cluster-wide roles only: full read-write is readWriteAnyDatabase with
 * clusterAdmin, "roles can't be assigned separately" (learn.microsoft.com/azure/cosmos-db/mongodb/vcore/secondary-users).
 * A cell's user can therefore reach every database of its data set.
 */
export const MONGODB_CELL_ROLES = ["readWriteAnyDatabase", "clusterAdmin"] as const;

export interface DataSetMongoArgs {
  readonly clusterName: string;
  readonly settings: AzureDataSettings["mongodb"];
  readonly deleteLock: boolean;
  readonly adminPassword: pulumi.Output<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly zones: DataZones;
}

export interface DataSetMongo {
  readonly resources: pulumi.Resource[];
  readonly mongodb: ManagedMongo;
}

/**
 * The `host:port` of each node the private endpoint reaches. The cluster's own name carries only
 * SRV records (its connection string is mongodb+srv), so the hosts are the nodes' public names
 * that the endpoint's zone group registered (`<node>.privatelink.mongocluster...` is the private
 * alias of `<node>.mongocluster...`, the name the TLS certificate carries).
 */
export function nodeHosts(
  configs: ReadonlyArray<{ readonly recordSets?: ReadonlyArray<{ readonly fqdn?: string }> }> | undefined,
): string[] {
  const names = (configs ?? []).flatMap((config) => (config.recordSets ?? []).map((set) => set.fqdn ?? ""));
  return [
    ...new Set(
      names
        .filter((fqdn) => fqdn.length > 0)
        .map((fqdn) => `${fqdn.replace(/\.$/, "").replace(".privatelink.", ".")}:${MONGODB_PORT}`),
    ),
  ].sort();
}

/**
 * A data set's Cosmos DB for MongoDB vCore cluster: no public access, a private endpoint in the
 * data subnet, a standby in another zone in prod. Backups are the service's own (continuous, not
 * configurable in API 2024-07-01). Its API has no customer-managed key: the security pack's
 * exception says so.
 */
export function createDataSetMongo(
  name: string,
  scope: AzureScope,
  args: DataSetMongoArgs,
  opts: pulumi.CustomResourceOptions,
): DataSetMongo {
  const cluster = new mongocluster.MongoCluster(
    `${name}-mongodb`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      tags: scope.tags,
      mongoClusterName: args.clusterName,
      properties: {
        createMode: "Default",
        serverVersion: args.settings.serverVersion,
        administrator: { userName: args.settings.administratorLogin, password: args.adminPassword },
        compute: { tier: args.settings.tier },
        storage: { sizeGb: args.settings.storageGb },
        sharding: { shardCount: 1 },
        highAvailability: { targetMode: args.settings.highAvailability ? "ZoneRedundantPreferred" : "Disabled" },
        publicNetworkAccess: "Disabled",
      },
    },
    opts,
  );
  const { endpoint, dns } = createDataEndpoint(
    `${name}-mongodb`,
    scope,
    {
      endpointName: `${args.clusterName}-endpoint`,
      subnetId: args.subnetId,
      serviceId: cluster.id,
      groupId: "MongoCluster",
      zone: args.zones.mongodb,
    },
    opts,
  );
  const resources: pulumi.Resource[] = [cluster, endpoint, dns];
  if (args.deleteLock)
    resources.push(createDeleteLock(`${name}-mongodb`, cluster.id, `MongoDB of ${args.clusterName}`, opts));
  return {
    resources,
    mongodb: {
      hosts: dns.privateDnsZoneConfigs.apply((configs) => nodeHosts(configs)),
      adminUsername: args.settings.administratorLogin,
      uriOptions: MONGODB_URI_OPTIONS,
      // Public CA chain: no bundle.
      cellRoles: [...MONGODB_CELL_ROLES],
    },
  };
}
