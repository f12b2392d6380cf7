import * as mongodb from "@pulumi/alicloud/mongodb";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedDataSetRequest, ManagedMongo } from "../../capabilities";
import { slug, type DataContext } from "./context";

/** Why cells' MongoDB traffic is plaintext: its TLS chains to a CA the kit cannot ship. */
export const MONGODB_PLAINTEXT_REASON =
  "ApsaraDB for MongoDB's SSL certificate chains to a CA downloaded per instance from the console, which the kit cannot bundle before the instance exists; traffic stays in the VPC, from the pod vSwitches only, with a user per cell";

/** The administrator ApsaraDB for MongoDB creates with `accountPassword`. */
export const MONGODB_ADMIN = "root";

/**
 * One ApsaraDB for MongoDB replica set per data set, three nodes on ESSDs encrypted with the data
 * set's key (cloud-disk encryption: TDE is for local-disk instances), in the cluster's VPC,
 * whitelisting the pod vSwitches alone, daily backups. Prod puts the secondary and hidden nodes
 * in the second and third zones (a zone's loss fails over), keeps log backups for point-in-time
 * restore and protects the instance from release.
 */
export function createMongo(
  name: string,
  ctx: DataContext,
  request: ManagedDataSetRequest,
  opts: pulumi.CustomResourceOptions,
): { instance: mongodb.Instance; binding: ManagedMongo } {
  const { settings } = ctx;
  const mongo = settings.mongodb;
  const instance = new mongodb.Instance(
    `${name}-mongodb`,
    {
      name: `${ctx.baseName}-${slug(request.dataSet)}`,
      engineVersion: mongo.engineVersion,
      dbInstanceClass: mongo.instanceClass,
      dbInstanceStorage: mongo.storageGb,
      storageType: "cloud_essd1",
      storageEngine: "WiredTiger",
      replicationFactor: 3,
      instanceChargeType: "PostPaid",
      networkType: "VPC",
      vpcId: ctx.vpcId,
      zoneId: ctx.zones[0],
      vswitchId: ctx.switchIds[0],
      secondaryZoneId: settings.prod ? ctx.zones[1] : undefined,
      hiddenZoneId: settings.prod ? ctx.zones[2] : undefined,
      accountPassword: request.mongodbAdminPassword,
      securityIpLists: [...ctx.clientCidrs],
      encrypted: true,
      cloudDiskEncryptionKey: ctx.keyFor(request.keyTenant),
      backupPeriods: [...settings.backupDays],
      backupTime: settings.backupWindow,
      backupRetentionPeriod: mongo.backupRetentionDays,
      enableBackupLog: mongo.pointInTime ? 1 : 0,
      logBackupRetentionPeriod: mongo.pointInTime ? mongo.backupRetentionDays : undefined,
      maintainStartTime: settings.maintenance.start,
      maintainEndTime: settings.maintenance.end,
      dbInstanceReleaseProtection: settings.deletionProtection,
      tags: { ...ctx.tags, "data-set": request.dataSet },
    },
    { ...opts, additionalSecretOutputs: ["accountPassword"] },
  );
  // Every node's private address: the driver finds the primary (and the set's name) itself.
  const hosts = instance.replicaSets.apply((nodes) =>
    (nodes ?? [])
      .filter((node) => node.networkType === "VPC" && node.replicaSetRole !== "ReadOnly")
      .map((node) => `${node.connectionDomain}:${node.connectionPort}`),
  );
  return {
    instance,
    binding: {
      hosts,
      adminUsername: MONGODB_ADMIN,
      uriOptions: { authSource: "admin" },
      cellRoles: ["readWrite"],
    },
  };
}
