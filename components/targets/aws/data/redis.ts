import * as elasticache from "@pulumi/aws/elasticache";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedCellRequest, ManagedRedis } from "../../capabilities";
import { dataTags, keyFor, serviceSecurityGroup, type AwsDataContext } from "./context";
import { elasticacheToken, physicalName } from "./names";

export const REDIS_PORT = 6379;

/** What every cell's Redis of one data set shares: its subnets and its security group. */
export interface RedisPlacement {
  readonly subnetGroup: elasticache.SubnetGroup;
  readonly securityGroupId: pulumi.Input<string>;
}

export function redisPlacement(
  name: string,
  context: AwsDataContext,
  dataSet: string,
  opts: pulumi.CustomResourceOptions,
): RedisPlacement {
  const subnetGroup = new elasticache.SubnetGroup(
    `${name}-redis`,
    {
      name: physicalName(context.clusterName, [dataSet, "redis"], 255),
      description: `Private subnets of the cells' Redis of data set ${dataSet}`,
      subnetIds: [...context.subnetIds],
      tags: dataTags(context, dataSet),
    },
    opts,
  );
  const group = serviceSecurityGroup(`${name}-redis`, { context, dataSet, service: "redis", port: REDIS_PORT }, opts);
  return { subnetGroup, securityGroupId: group.id };
}

/**
 * One cell's own Valkey replication group. ElastiCache takes an AUTH token only with TLS, so
 * transit encryption is required and the kit's TLS proxy in the cell carries OpenIM's plaintext
 * client there. At rest it is encrypted with the cell's key. prod: a replica in another zone,
 * automatic failover, daily snapshots and a final one on deletion.
 */
export function cellRedis(
  name: string,
  args: { context: AwsDataContext; dataSet: string; cell: ManagedCellRequest; placement: RedisPlacement },
  opts: pulumi.CustomResourceOptions,
): { group: elasticache.ReplicationGroup; binding: ManagedRedis } {
  const { context, cell, placement } = args;
  const settings = context.settings.redis;
  const id = physicalName(context.clusterName, [cell.cell, "redis"], 40);
  const failover = settings.replicas > 0;
  // The token ElastiCache accepts, derived from the kit's password; the cell must use this one.
  const token = pulumi.secret(cell.redisPassword.apply(elasticacheToken));
  const group = new elasticache.ReplicationGroup(
    name,
    {
      replicationGroupId: id,
      description: `OpenIM cell ${cell.cell} (data set ${args.dataSet})`,
      engine: "valkey",
      engineVersion: settings.engineVersion,
      // OpenIM v3.8's client treats one address as a standalone server: no cluster mode.
      clusterMode: "disabled",
      nodeType: settings.nodeType,
      port: REDIS_PORT,
      numCacheClusters: 1 + settings.replicas,
      automaticFailoverEnabled: failover,
      multiAzEnabled: failover,
      atRestEncryptionEnabled: true,
      kmsKeyId: keyFor(context, cell.keyTenant),
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      authToken: token,
      subnetGroupName: placement.subnetGroup.name,
      securityGroupIds: [placement.securityGroupId],
      snapshotRetentionLimit: settings.snapshotRetentionDays,
      snapshotWindow: context.settings.backupWindow,
      maintenanceWindow: context.settings.maintenanceWindow,
      finalSnapshotIdentifier: context.settings.deletionProtection ? `${id}-final` : undefined,
      autoMinorVersionUpgrade: true,
      tags: dataTags(context, args.dataSet, { "im-platform-cell": cell.cell }),
    },
    opts,
  );
  return {
    group,
    binding: {
      addresses: group.primaryEndpointAddress.apply((host) => [`${host}:${REDIS_PORT}`]),
      tls: true,
      password: token,
      // Server certificates chain to Amazon Trust Services' public roots: the system bundle trusts them.
    },
  };
}
