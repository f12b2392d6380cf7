import * as redis from "@pulumi/gcp/redis";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedRedis } from "../../capabilities";
import type { GcpTargetConfig } from "../schema";
import { dataLabels, PLAINTEXT_EXCEPTION_LABEL, REDIS_PLAINTEXT_EXCEPTION, redisInstanceId } from "./names";
import type { GcpDataSettings } from "./settings";

export interface CellRedisArgs {
  readonly targetName: string;
  readonly environment: string;
  readonly dataSet: string;
  readonly cell: string;
  readonly network: pulumi.Input<string>;
  /** The allocated private services access range's name: the instance takes its addresses there. */
  readonly reservedRange: pulumi.Input<string>;
  readonly key: pulumi.Input<string>;
}

/**
 * One cell's Memorystore for Redis instance. OpenIM v3.8.3's Redis client has no TLS, so the
 * instance runs without in-transit encryption (a TLS instance would also need its per-instance
 * CA in a proxy); what protects it instead: private services access only, AUTH with a string
 * the service generates, and the cell's egress policy. At rest it is encrypted with the
 * tenant's key or the platform's data key.
 */
export function createCellRedis(
  name: string,
  cluster: GcpTargetConfig,
  settings: GcpDataSettings,
  args: CellRedisArgs,
  opts: pulumi.CustomResourceOptions,
): { instance: redis.Instance; binding: ManagedRedis } {
  const { redis: config } = settings;
  const ha = config.tier === "STANDARD_HA";
  const [primaryZone, secondZone] = cluster.zones;
  const instance = new redis.Instance(
    name,
    {
      project: cluster.project,
      region: cluster.region,
      name: redisInstanceId(args.targetName, args.cell),
      displayName: `im-platform ${args.cell}`,
      tier: config.tier,
      memorySizeGb: config.memorySizeGb,
      redisVersion: config.version,
      // Standard tier keeps a replica in another zone and fails over to it on its own.
      ...(ha && primaryZone && secondZone ? { locationId: primaryZone, alternativeLocationId: secondZone } : {}),
      connectMode: "PRIVATE_SERVICE_ACCESS",
      authorizedNetwork: args.network,
      reservedIpRange: args.reservedRange,
      authEnabled: true,
      transitEncryptionMode: "DISABLED",
      customerManagedKey: args.key,
      persistenceConfig:
        config.persistence === "RDB"
          ? { persistenceMode: "RDB", rdbSnapshotPeriod: config.snapshotPeriod }
          : { persistenceMode: "DISABLED" },
      maintenancePolicy: {
        weeklyMaintenanceWindows: [
          {
            day: config.maintenanceWindow.day,
            startTime: { hours: config.maintenanceWindow.hour, minutes: 0, seconds: 0, nanos: 0 },
          },
        ],
      },
      deletionProtection: settings.deletionProtection,
      labels: {
        ...dataLabels(args.environment, args.dataSet, args.cell),
        [PLAINTEXT_EXCEPTION_LABEL]: REDIS_PLAINTEXT_EXCEPTION,
      },
    },
    opts,
  );
  const binding: ManagedRedis = {
    addresses: pulumi.all([instance.host, instance.port]).apply(([host, port]) => [`${host}:${port}`]),
    tls: false,
    password: instance.authString,
  };
  return { instance, binding };
}
