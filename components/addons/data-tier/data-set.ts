import { createHmac } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CellLayout } from "../../config/cells";
import type { DataConfig } from "../../config/data-schema";
import { DATA_PORTS } from "../../core/data-kinds";
import { cellNamespace, commonLabels, labelKeys, restrictedPodSecurityLabels } from "../../core/labels";
import type { DataKind } from "../../core/data-kinds";
import type { ManagedDataNetwork, ManagedMongo } from "../../targets/capabilities";
import { cellUser, DATA_SERVICE_NAMES, redisName } from "./bindings";
import { managedMongodbAdminPassword } from "./managed-sets";
import { dataSetBootstrap, MANAGED_DATA_CA, MANAGED_MONGODB_CA_FILE } from "./bootstrap";
import { ADMIN_KEYS, ADMIN_SECRET, dataSetServices, KAFKA_ADMIN_USER } from "./data-services";
import { dataNamespacePolicies, type DataIngress } from "./network";
import { cellKafkaPassword, derivedBytes, derivedSecret, derivedValue, seedScope } from "./secrets";
import { createDataStatefulSet } from "./stateful";

export interface DataSetArgs {
  /** Prefix of the data set's Pulumi names, unique in the stack (targets included). */
  readonly name: string;
  readonly data: DataConfig;
  readonly seed: string;
  /** Labels on every pod of the data set (its image pinning). */
  readonly podLabels: Record<string, string>;
  readonly dataSet: string;
  readonly namespace: string;
  /** The cells bound to this data set. */
  readonly cells: readonly CellLayout[];
  readonly storageClassName?: string;
  readonly skipAwait: boolean;
  /** The shared services the kit runs in the namespace; the rest are managed or external. */
  readonly inCluster: ReadonlyArray<Exclude<DataKind, "redis">>;
  /** Whether each cell's Redis (or the TLS proxy to its managed one) runs here. */
  readonly cellRedis: boolean;
  /** Managed services the namespace's pods reach (Redis proxies, bootstrap jobs). */
  readonly managedEgress?: readonly ManagedDataNetwork[];
  /** The data set's managed MongoDB, whose CA the cells' bootstraps mount. */
  readonly managedMongo?: ManagedMongo;
}

/** A MongoDB replica-set key: 756 base64 characters, the most mongod accepts, stable per data set. */
function mongodbKeyfile(seed: string, dataSet: string): pulumi.Output<string> {
  const blocks = Array.from({ length: 18 }, (_, index) =>
    derivedBytes(seed, seedScope.dataSet(dataSet), `mongodb-keyfile/${index}`),
  );
  return pulumi.secret(Buffer.concat(blocks).toString("base64").slice(0, 756));
}

/**
 * One data set in its namespace: closed to all but its cells, with (in-cluster mode) its admin
 * Secret, MongoDB, Kafka, object store and etcd, and the job that initialises them. The cells'
 * Redis instances live here too, each open to its own cell only.
 */
export function deployDataSet(args: DataSetArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
  const { data, namespace, dataSet } = args;
  const labels = commonLabels({ [labelKeys.dataSet]: dataSet, [labelKeys.component]: "data" });
  const ns = new k8s.core.v1.Namespace(
    `${args.name}-ns`,
    { metadata: { name: namespace, labels: { ...labels, ...restrictedPodSecurityLabels() } } },
    opts,
  );
  const inNamespace = { ...opts, dependsOn: [ns] };
  const resources: pulumi.Resource[] = [ns];
  const cellNamespaces = args.cells.map((cell) => cellNamespace(cell.cell));

  const ingress: DataIngress[] = args.cellRedis
    ? args.cells.map((cell) => ({
        podName: redisName(cell.cell),
        ports: [DATA_PORTS.redis],
        cellNamespaces: [cellNamespace(cell.cell)],
      }))
    : [];
  for (const kind of args.inCluster) {
    ingress.push({ podName: DATA_SERVICE_NAMES[kind], ports: [DATA_PORTS[kind]], cellNamespaces });
  }
  for (const [policyName, spec] of Object.entries(dataNamespacePolicies(ingress, args.managedEgress ?? []))) {
    resources.push(
      new k8s.networking.v1.NetworkPolicy(
        `${args.name}-${policyName}`,
        { metadata: { name: policyName, namespace, labels }, spec },
        inNamespace,
      ),
    );
  }
  const caBundle = args.managedMongo?.caBundle;
  if (caBundle !== undefined) {
    resources.push(
      new k8s.core.v1.ConfigMap(
        `${args.name}-managed-ca`,
        { metadata: { name: MANAGED_DATA_CA, namespace, labels }, data: { [MANAGED_MONGODB_CA_FILE]: caBundle } },
        inNamespace,
      ),
    );
  }
  if (args.inCluster.length === 0) return resources;

  const own = (purpose: string) => derivedSecret(args.seed, seedScope.dataSet(dataSet), purpose);
  const kafkaUsers = [KAFKA_ADMIN_USER, ...args.cells.map((cell) => cellUser(cell.cell))];
  // The broker's users and passwords, in matching order; the cells' come from the same derivation as their Secrets.
  const kafkaPasswords = pulumi.secret(
    [
      derivedValue(args.seed, seedScope.dataSet(dataSet), "kafka-admin"),
      ...args.cells.map((cell) => cellKafkaPassword(args.seed, cell.cell)),
    ].join(","),
  );
  const adminSecret = new k8s.core.v1.Secret(
    `${args.name}-admin`,
    {
      metadata: { name: ADMIN_SECRET, namespace, labels },
      type: "Opaque",
      stringData: {
        // A managed MongoDB was given the password in the shape its cloud accepts; the bootstrap logs in with it.
        [ADMIN_KEYS.mongodbRootPassword]: args.managedMongo
          ? managedMongodbAdminPassword(args.seed, dataSet)
          : own("mongodb-root"),
        [ADMIN_KEYS.mongodbKeyfile]: mongodbKeyfile(args.seed, dataSet),
        [ADMIN_KEYS.kafkaAdminPassword]: own("kafka-admin"),
        [ADMIN_KEYS.kafkaUsers]: kafkaUsers.join(","),
        [ADMIN_KEYS.kafkaPasswords]: kafkaPasswords,
        [ADMIN_KEYS.objectStoreRootPassword]: own("object-store-root"),
        [ADMIN_KEYS.etcdRootPassword]: own("etcd-root"),
      },
    },
    inNamespace,
  );
  resources.push(adminSecret);
  const withSecret = { ...opts, dependsOn: [ns, adminSecret] };
  const context = { data, namespace, dataSet, seed: args.seed, skipAwait: args.skipAwait };
  const usersChecksum = createHmac("sha256", "kafka-users").update(kafkaUsers.join(",")).digest("hex").slice(0, 16);
  for (const spec of dataSetServices(context).filter((service) => isInCluster(service.name, args.inCluster))) {
    resources.push(
      ...createDataStatefulSet(
        {
          ...spec,
          resourceName: `${args.name}-${spec.name}`,
          labels: { ...spec.labels, ...args.podLabels },
          namespace,
          dataSet,
          storageClassName: args.storageClassName,
          skipAwait: args.skipAwait,
          // A new cell is a new broker user: the broker restarts to read it.
          podAnnotations:
            spec.name === DATA_SERVICE_NAMES.kafka ? { "im-platform.io/kafka-users": usersChecksum } : undefined,
        },
        withSecret,
      ),
    );
  }
  resources.push(
    dataSetBootstrap(
      {
        data,
        namespace,
        dataSet,
        inCluster: args.inCluster,
        resourceName: `${args.name}-bootstrap`,
        podLabels: args.podLabels,
        skipAwait: args.skipAwait,
      },
      withSecret,
    ),
  );
  return resources;
}

/** Whether a shared service (by its object name) is one the kit runs in this data set. */
function isInCluster(serviceName: string, kinds: ReadonlyArray<Exclude<DataKind, "redis">>): boolean {
  return kinds.some((kind) => DATA_SERVICE_NAMES[kind] === serviceName);
}
