import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CatalogueDefinition } from "../../catalogue/definition";
import type { DataConfig } from "../../config/data-schema";
import { BINDING_SECRET_KEYS, CELL_DATA_CA, DATA_CA_FILES, type CellBindings } from "../../core/bindings";
import type { DataKind } from "../../core/data-kinds";
import type { ManagedDataSet } from "../../targets/capabilities";
import { annotationKeys, CELL_APP_CONFIG, CELL_DATA_SECRET, commonLabels, labelKeys } from "../../core/labels";
import { redisName, dataSetNamespace } from "./bindings";
import { cellBootstrap, provisioningSecretName } from "./bootstrap";
import { cellSecretValues } from "./cell-secrets";
import { plaintextBindings } from "./plaintext";
import { cellRedis } from "./data-services";
import { bindingEgress } from "./network";
import { createDataStatefulSet } from "./stateful";
import { deployedBindings } from "./managed-bindings";
import { createRedisTlsProxy } from "./redis-tls-proxy";

export interface CellPartArgs {
  /** Prefix of the part's Pulumi names: the cell's, so they are unique in the stack. */
  readonly name: string;
  readonly catalogue: CatalogueDefinition;
  readonly data: DataConfig;
  readonly seed: string;
  /** Labels on every pod of the part (its image pinning). */
  readonly podLabels: Record<string, string>;
  readonly bindings: CellBindings;
  readonly cellNamespace: string;
  readonly storageClassName?: string;
  readonly skipAwait: boolean;
  /** The shared services the kit runs in the data namespace, whose users the cell's bootstrap creates. */
  readonly inCluster: readonly DataKind[];
  /** The data set's managed services, where the target runs some. */
  readonly managed?: ManagedDataSet;
  /** Why a managed service's traffic is plaintext on this target, by kind. */
  readonly managedPlaintext?: Readonly<Partial<Record<DataKind, string>>>;
}

/** The credentials the data side needs to create the cell's users; never the server secret. */
const PROVISIONING_KEYS = [
  BINDING_SECRET_KEYS.mongodbPassword,
  BINDING_SECRET_KEYS.redisPassword,
  BINDING_SECRET_KEYS.objectStoreAccessKey,
  BINDING_SECRET_KEYS.objectStoreSecretKey,
  BINDING_SECRET_KEYS.etcdPassword,
];

/**
 * A cell's side of its bindings: its data Secret and rendered server config in its namespace,
 * its egress to exactly its bindings, and in the data namespace its Redis, a copy of the
 * credentials its bootstrap needs, and (in-cluster) the bootstrap that creates its users.
 */
export function deployCellPart(
  args: CellPartArgs,
  cellOpts: pulumi.CustomResourceOptions,
  dataOpts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
  const { bindings, data } = args;
  const cell = bindings.cell;
  const labels = commonLabels({ [labelKeys.cell]: cell, [labelKeys.bindingFor]: cell });
  const managedCell = args.managed?.cell(cell) ?? {};
  // Pure bindings where nothing is managed, so such a cell's objects are known at preview.
  const deployed = bindings.managed.length > 0 ? deployedBindings(bindings, args.managed) : pulumi.output(bindings);
  const values = cellSecretValues(data, args.seed, deployed, cell, managedCell);
  const plaintext = (resolved: CellBindings) =>
    JSON.stringify(plaintextBindings(args.catalogue, data, resolved, args.managedPlaintext));
  const dataNs = dataSetNamespace(data, bindings.dataSet);
  const resources: pulumi.Resource[] = [];

  resources.push(
    new k8s.core.v1.Secret(
      `${args.name}-secret`,
      {
        metadata: {
          name: CELL_DATA_SECRET,
          namespace: args.cellNamespace,
          labels,
          annotations: {
            [annotationKeys.plaintext]: bindings.managed.length > 0 ? deployed.apply(plaintext) : plaintext(bindings),
          },
        },
        type: "Opaque",
        stringData: values,
      },
      cellOpts,
    ),
  );
  const render = args.catalogue.renderConfig;
  if (render) {
    resources.push(
      new k8s.core.v1.ConfigMap(
        `${args.name}-app-config`,
        {
          metadata: {
            name: CELL_APP_CONFIG,
            namespace: args.cellNamespace,
            labels: { ...labels, [labelKeys.catalogue]: args.catalogue.name },
          },
          data:
            bindings.managed.length > 0
              ? deployed.apply((resolved) => ({ ...render(resolved).files }))
              : { ...render(bindings).files },
        },
        cellOpts,
      ),
    );
  }
  const caFiles = {
    ...(args.managed?.mongodb?.caBundle !== undefined
      ? { [DATA_CA_FILES.mongodb]: args.managed.mongodb.caBundle }
      : {}),
    ...(managedCell.kafka?.caBundle !== undefined ? { [DATA_CA_FILES.kafka]: managedCell.kafka.caBundle } : {}),
  };
  if (Object.keys(caFiles).length > 0) {
    resources.push(
      new k8s.core.v1.ConfigMap(
        `${args.name}-data-ca`,
        { metadata: { name: CELL_DATA_CA.configMap, namespace: args.cellNamespace, labels }, data: caFiles },
        cellOpts,
      ),
    );
  }
  resources.push(
    new k8s.networking.v1.NetworkPolicy(
      `${args.name}-allow-bindings`,
      {
        metadata: { name: "allow-data-bindings", namespace: args.cellNamespace, labels },
        spec: bindingEgress(bindings.network),
      },
      cellOpts,
    ),
  );

  const provisioning = new k8s.core.v1.Secret(
    `${args.name}-provisioning`,
    {
      metadata: { name: provisioningSecretName(cell), namespace: dataNs, labels },
      type: "Opaque",
      stringData: Object.fromEntries(PROVISIONING_KEYS.map((key) => [key, values[key] ?? ""])),
    },
    dataOpts,
  );
  resources.push(provisioning);
  const withProvisioning = { ...dataOpts, dependsOn: [...toArray(dataOpts.dependsOn), provisioning] };
  const redisLabels = { [labelKeys.cell]: cell, ...args.podLabels };
  if (!managedCell.redis) {
    resources.push(
      ...createDataStatefulSet(
        {
          ...cellRedis(data, redisName(cell), provisioningSecretName(cell), BINDING_SECRET_KEYS.redisPassword),
          resourceName: `${args.name}-redis`,
          namespace: dataNs,
          dataSet: bindings.dataSet,
          labels: redisLabels,
          storageClassName: args.storageClassName,
          skipAwait: args.skipAwait,
        },
        withProvisioning,
      ),
    );
  } else if (managedCell.redis.tls) {
    resources.push(
      ...createRedisTlsProxy(
        {
          name: redisName(cell),
          resourceName: `${args.name}-redis-tls`,
          namespace: dataNs,
          dataSet: bindings.dataSet,
          labels: redisLabels,
          data,
          redis: managedCell.redis,
          skipAwait: args.skipAwait,
        },
        dataOpts,
      ),
    );
  }
  if (args.inCluster.length > 0 || args.managed?.mongodb) {
    resources.push(
      cellBootstrap(
        {
          data,
          namespace: dataNs,
          bindings,
          inCluster: args.inCluster,
          managedMongo: args.managed?.mongodb,
          topics: args.catalogue.queues.map((queue) => `${bindings.kafka.topicPrefix}${queue}`),
          resourceName: `${args.name}-bootstrap`,
          podLabels: args.podLabels,
          skipAwait: args.skipAwait,
        },
        withProvisioning,
      ),
    );
  }
  return resources;
}

function toArray(dependsOn: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
  if (!dependsOn) return [];
  return Array.isArray(dependsOn) ? dependsOn : [dependsOn as pulumi.Input<pulumi.Resource>];
}
