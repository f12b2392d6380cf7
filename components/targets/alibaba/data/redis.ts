import * as kvstore from "@pulumi/alicloud/kvstore";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedCellRequest, ManagedRedis } from "../../capabilities";
import { slug, type DataContext } from "./context";
import { REDIS_PORT } from "./network";

/** Why a cell's Redis traffic is plaintext: the kit names this exception wherever it checks TLS. */
export const REDIS_PLAINTEXT_REASON =
  "OpenIM v3.8's Redis client has no TLS; Tair's TLS is off and AUTH is required, inside the VPC and only from the pod vSwitches";

/**
 * One Tair memory-optimized instance for one cell (OpenIM's keys carry no prefix to share one):
 * in the cluster's VPC, whitelisting the pod vSwitches alone, AUTH with the cell's password even
 * inside the VPC, TDE under the cell's key, daily backups; prod adds a replica in a second zone
 * (automatic failover) and release protection.
 */
export function createRedis(
  name: string,
  ctx: DataContext,
  cell: ManagedCellRequest,
  opts: pulumi.CustomResourceOptions,
): { instance: kvstore.Instance; binding: ManagedRedis } {
  const { settings } = ctx;
  const instance = new kvstore.Instance(
    `${name}-redis-${cell.cell}`,
    {
      dbInstanceName: `${ctx.baseName}-${slug(cell.cell)}`,
      instanceType: "Redis",
      engineVersion: settings.redis.engineVersion,
      instanceClass: settings.redis.instanceClass,
      paymentType: "PostPaid",
      zoneId: ctx.zones[0],
      vswitchId: ctx.switchIds[0],
      // Master in the first zone, replica in the second: a zone's loss fails over.
      secondaryZoneId: settings.prod ? ctx.zones[1] : undefined,
      password: cell.redisPassword,
      vpcAuthMode: "Open",
      sslEnable: "Disable",
      securityIpGroupName: "cells",
      securityIps: [...ctx.clientCidrs],
      tdeStatus: "Enabled",
      encryptionKey: ctx.keyFor(cell.keyTenant),
      backupPeriods: [...settings.backupDays],
      backupTime: settings.backupWindow,
      maintainStartTime: settings.maintenance.start,
      maintainEndTime: settings.maintenance.end,
      instanceReleaseProtection: settings.deletionProtection,
      tags: { ...ctx.tags, cell: cell.cell, ...(cell.keyTenant ? { tenant: cell.keyTenant } : {}) },
    },
    { ...opts, additionalSecretOutputs: ["password"] },
  );
  return {
    instance,
    binding: {
      addresses: instance.connectionDomain.apply((host) => [`${host}:${REDIS_PORT}`]),
      tls: false,
    },
  };
}
