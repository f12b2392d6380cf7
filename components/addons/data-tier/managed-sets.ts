import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { CatalogueDefinition } from "../../catalogue/definition";
import type { CellLayout } from "../../config/cells";
import type { DataConfig } from "../../config/data-schema";
import { KAFKA_PARTITIONS } from "../../core/data-kinds";
import { requireCapability, type ManagedDataSet } from "../../targets/capabilities";
import type { ClusterTarget } from "../../targets/cluster-target";
import { cellBindings, type ManagedPlacement } from "./bindings";
import { managedKinds } from "./kinds";
import { managedServiceSecret, seedScope } from "./secrets";

/** A data set's managed services, by target and data set: created by the cluster part, read by each cell's part. */
const provisioned = new WeakMap<ClusterTarget, Map<string, ManagedDataSet>>();

/** What the target's cloud runs for this stack's cells, or undefined where everything is in the cluster or external. */
export function managedPlacement(data: DataConfig, target: ClusterTarget): ManagedPlacement | undefined {
  if (data.mode !== "managed") return undefined;
  const services = requireCapability(target, "data", "im-platform:data.mode managed");
  const kinds = managedKinds(data, services.kinds);
  if (kinds.length === 0) return undefined;
  const redisProxied = kinds.includes("redis") && services.plaintext.redis === undefined;
  return { kinds, network: (kind) => services.network(kind), redisProxied };
}

/** A cell's bucket: global names, so the stack and target are in it as a short digest. */
export function cellBucket(cell: string, target: string): string {
  const scope = createHash("sha256")
    .update(`${pulumi.getProject()}/${pulumi.getStack()}/${target}`)
    .digest("hex")
    .slice(0, 8);
  return `openim-${cell}-${scope}`;
}

/** The administrator's password of a data set's managed MongoDB (the bootstrap creates each cell's user with it). */
export function managedMongodbAdminPassword(seed: string, dataSet: string): pulumi.Output<string> {
  return managedServiceSecret(seed, seedScope.dataSet(dataSet), "mongodb-root");
}

/** The AUTH password the kit gives a cell's managed Redis, where the service takes one. */
export function managedRedisPassword(seed: string, cell: string): pulumi.Output<string> {
  return managedServiceSecret(seed, seedScope.cell(cell), "redis");
}

export interface ManagedDataSetArgs {
  readonly name: string;
  readonly data: DataConfig;
  readonly seed: string;
  readonly catalogue: CatalogueDefinition;
  readonly dataSet: string;
  readonly cells: readonly CellLayout[];
}

/** The tenant whose own key encrypts what serves these tenants, where the target made one for it. */
function ownKeyTenant(target: ClusterTarget, ids: readonly string[]): string | undefined {
  return target.keys?.tenants.find((tenant) => ids.includes(tenant));
}

/** Asks the target's cloud for one data set's managed services and keeps them for the data set's cells. */
export function provisionManagedDataSet(
  args: ManagedDataSetArgs,
  target: ClusterTarget,
  opts: pulumi.CustomResourceOptions,
): ManagedDataSet | undefined {
  const placement = managedPlacement(args.data, target);
  if (!placement) return undefined;
  const services = requireCapability(target, "data", "im-platform:data.mode managed");
  const prefixed = (prefix: string, names: readonly string[]) => names.map((name) => `${prefix}${name}`);
  const dataSet = services.provision(
    {
      name: args.name,
      dataSet: args.dataSet,
      keyTenant: ownKeyTenant(target, [args.dataSet]),
      kinds: placement.kinds,
      partitions: KAFKA_PARTITIONS,
      mongodbAdminPassword: managedMongodbAdminPassword(args.seed, args.dataSet),
      cells: args.cells.map((cell) => {
        const bindings = cellBindings(args.data, cell, undefined, placement);
        return {
          cell: cell.cell,
          keyTenant: ownKeyTenant(target, cell.tenants),
          redisPassword: managedRedisPassword(args.seed, cell.cell),
          kafkaPassword: managedServiceSecret(args.seed, seedScope.cell(cell.cell), "kafka"),
          topics: prefixed(bindings.kafka.topicPrefix, args.catalogue.queues),
          consumerGroups: prefixed(bindings.kafka.topicPrefix, args.catalogue.consumerGroups ?? []),
          bucket: cellBucket(cell.cell, target.name),
        };
      }),
    },
    opts,
  );
  const byDataSet = provisioned.get(target) ?? new Map<string, ManagedDataSet>();
  byDataSet.set(args.dataSet, dataSet);
  provisioned.set(target, byDataSet);
  return dataSet;
}

/** The managed services a data set was given on this target, if any. */
export function provisionedDataSet(target: ClusterTarget, dataSet: string): ManagedDataSet | undefined {
  return provisioned.get(target)?.get(dataSet);
}
