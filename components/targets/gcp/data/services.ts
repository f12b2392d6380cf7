import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../../config/types";
import type {
  DataServices,
  ManagedCellData,
  ManagedDataKind,
  ManagedDataSet,
  ManagedDataSetRequest,
} from "../../capabilities";
import type { ClusterKeys } from "../keys";
import type { GcpTargetConfig } from "../schema";
import { GCP_MANAGED_KINDS } from "./facts";
import { createCellKafkaAccess, createCellTopics, createKafkaCluster } from "./kafka";
import { createDataKeys } from "./keys";
import { cellAccountId } from "./names";
import { createPrivateServiceAccess, gcpDataNetwork } from "./network";
import { createCellBucket } from "./object-store";
import { dependingOn } from "./options";
import { createCellRedis } from "./redis";
import { resolveGcpDataSettings } from "./settings";

/** Why the cells' Redis traffic is plaintext on GCP; the kit records it beside each cell's binding. */
export const REDIS_PLAINTEXT_REASON =
  "OpenIM v3.8.3's Redis client has no TLS, so Memorystore runs without in-transit encryption; the instance has private services access addresses only, requires AUTH with a string the service generates, and only its own cell's egress admits it";

/** The kinds this stack runs managed on the target: with `data.mode: managed`, what GCP offers less what stays in the cluster. */
export function gcpManagedKinds(platform: PlatformConfig): ManagedDataKind[] {
  if (platform.data.mode !== "managed") return [];
  return GCP_MANAGED_KINDS.filter((kind) => !platform.data.managed.keepInCluster.includes(kind));
}

export interface GcpDataArgs {
  readonly targetName: string;
  readonly cluster: GcpTargetConfig;
  readonly platform: PlatformConfig;
  readonly network: pulumi.Input<string>;
  readonly subnet: pulumi.Input<string>;
  readonly keys: ClusterKeys;
}

/**
 * The `data` capability: with `data.mode: managed`, the target's data key and the service agents'
 * grants, private services access for Memorystore, and per data set a Kafka cluster, per cell a
 * Redis instance, a bucket and a service account with only its own topics, groups and bucket.
 * Without managed data the target offers none and creates nothing of it.
 */
export function createGcpDataServices(
  name: string,
  args: GcpDataArgs,
  opts: pulumi.CustomResourceOptions,
): DataServices | undefined {
  const { cluster, platform, targetName } = args;
  if (platform.data.mode !== "managed") return undefined;
  const prepared = gcpManagedKinds(platform);
  const settings = resolveGcpDataSettings(cluster.data, platform.environment);
  const keys = prepared.length > 0 ? createDataKeys(name, cluster, args.keys, prepared, opts) : undefined;
  const privateServices = prepared.includes("redis")
    ? createPrivateServiceAccess(name, targetName, cluster, args.network, settings.privateServiceAccessCidr, opts)
    : undefined;
  const ready: pulumi.Resource[] = [...(keys?.grants ?? []), ...(privateServices ? [privateServices.connection] : [])];
  const environment = platform.environment;

  const provision = (request: ManagedDataSetRequest, requestOpts: pulumi.CustomResourceOptions): ManagedDataSet => {
    const unprepared = request.kinds.filter((kind) => !prepared.includes(kind));
    if (unprepared.length > 0 || !keys) {
      throw new Error(
        `data set "${request.dataSet}" asks the GCP target "${targetName}" for ${unprepared.join(", ") || "managed data"}, which it does not run managed (it runs: ${prepared.join(", ") || "none"})`,
      );
    }
    const o = dependingOn(requestOpts, ready);
    const wants = (kind: ManagedDataKind) => request.kinds.includes(kind);
    const resources: pulumi.Resource[] = [];
    const kafka = wants("kafka")
      ? createKafkaCluster(
          `${request.name}-kafka`,
          cluster,
          settings,
          {
            targetName,
            environment,
            dataSet: request.dataSet,
            subnet: args.subnet,
            key: keys.forTenant(request.keyTenant).id,
          },
          o,
        )
      : undefined;
    if (kafka) resources.push(kafka.cluster);

    const cells = new Map<string, ManagedCellData>();
    for (const cell of request.cells) {
      const cellName = `${request.name}-${cell.cell}`;
      const key = keys.forTenant(cell.keyTenant).id;
      const labels = { environment, dataSet: request.dataSet, cell: cell.cell };
      const data: { -readonly [K in keyof ManagedCellData]: ManagedCellData[K] } = {};
      if (wants("redis") && privateServices) {
        const redis = createCellRedis(
          `${cellName}-redis`,
          cluster,
          settings,
          {
            targetName,
            ...labels,
            network: args.network,
            reservedRange: privateServices.range.name,
            key,
          },
          o,
        );
        resources.push(redis.instance);
        data.redis = redis.binding;
      }
      // One service account per cell for Kafka and its bucket: projects hold 100 by default.
      const account =
        kafka || wants("objectStore")
          ? new serviceaccount.Account(
              `${cellName}-identity`,
              {
                project: cluster.project,
                accountId: cellAccountId(targetName, cell.cell),
                displayName: `im-platform cell ${cell.cell} (${targetName})`,
              },
              o,
            )
          : undefined;
      if (account) resources.push(account);
      if (kafka && account) {
        const topics = createCellTopics(`${request.name}-kafka`, cluster, kafka, cell, request.partitions, o);
        const access = createCellKafkaAccess(`${cellName}-kafka`, cluster, kafka, cell, account, topics, o);
        resources.push(...topics, ...access.resources);
        data.kafka = access.binding;
      }
      if (wants("objectStore") && account) {
        const store = createCellBucket(
          `${cellName}-bucket`,
          cluster,
          settings,
          { ...labels, bucket: cell.bucket, key, account },
          o,
        );
        resources.push(...store.resources);
        data.objectStore = store.binding;
      }
      cells.set(cell.cell, data);
    }
    return {
      resources,
      cell: (id) => {
        const data = cells.get(id);
        if (!data) throw new Error(`data set "${request.dataSet}" has no cell "${id}"`);
        return data;
      },
    };
  };

  return {
    kinds: GCP_MANAGED_KINDS,
    plaintext: { redis: REDIS_PLAINTEXT_REASON },
    network: gcpDataNetwork(cluster, settings.privateServiceAccessCidr),
    provision,
  };
}
