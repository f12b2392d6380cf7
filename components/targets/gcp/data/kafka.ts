import * as managedkafka from "@pulumi/gcp/managedkafka";
import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedCellRequest, ManagedKafka } from "../../capabilities";
import type { GcpTargetConfig } from "../schema";
import { dataLabels, kafkaClusterId } from "./names";
import { KAFKA_PORT } from "./network";
import { dependingOn } from "./options";
import type { GcpDataSettings } from "./settings";

/** Three replicas of every partition, one per zone: what Google recommends for availability. */
export const TOPIC_REPLICATION_FACTOR = 3;
/** What a cell's principal needs to connect; its ACLs then decide which topics and groups it may use. */
export const KAFKA_CLIENT_ROLE = "roles/managedkafka.client";
/** Kafka operations a cell's principal gets: produce and consume its topics, commit its groups' offsets. */
export const TOPIC_OPERATIONS = ["READ", "WRITE", "DESCRIBE"] as const;
export const GROUP_OPERATIONS = ["READ", "DESCRIBE"] as const;

export interface KafkaClusterArgs {
  readonly targetName: string;
  readonly environment: string;
  readonly dataSet: string;
  /** The node subnet: the cluster's Private Service Connect endpoints take their addresses there. */
  readonly subnet: pulumi.Input<string>;
  readonly key: pulumi.Input<string>;
}

export interface DataSetKafka {
  readonly cluster: managedkafka.Cluster;
  readonly clusterId: string;
  /** `host:port` clients bootstrap from (SASL over TLS). */
  readonly bootstrap: string;
}

/**
 * The address clients bootstrap from. The pinned provider does not report the cluster's
 * `bootstrapAddress`; the legacy name below is the documented form for clusters that have one,
 * and `data.kafka.bootstrapAddresses` overrides it for a cluster on a generated name.
 */
export function bootstrapAddress(
  cluster: GcpTargetConfig,
  settings: GcpDataSettings,
  dataSet: string,
  clusterId: string,
): string {
  return (
    settings.kafka.bootstrapAddresses[dataSet] ??
    `bootstrap.${clusterId}.${cluster.region}.managedkafka.${cluster.project}.cloud.goog:${KAFKA_PORT}`
  );
}

/**
 * One data set's Managed Service for Apache Kafka cluster: TLS-only (the service has no plaintext
 * listener), every client authenticated as a Google principal, encrypted with the data set's key,
 * reachable only from the VPC subnet it is attached to.
 */
export function createKafkaCluster(
  name: string,
  cluster: GcpTargetConfig,
  settings: GcpDataSettings,
  args: KafkaClusterArgs,
  opts: pulumi.CustomResourceOptions,
): DataSetKafka {
  const clusterId = kafkaClusterId(args.targetName, args.dataSet);
  const kafka = new managedkafka.Cluster(
    name,
    {
      project: cluster.project,
      location: cluster.region,
      clusterId,
      capacityConfig: {
        vcpuCount: String(settings.kafka.vcpuCount),
        memoryBytes: String(settings.kafka.memoryGib * 1024 ** 3),
      },
      gcpConfig: { accessConfig: { networkConfigs: [{ subnet: args.subnet }] }, kmsKey: args.key },
      rebalanceConfig: { mode: settings.kafka.rebalance },
      // The service has no deletion protection of its own; the engine refuses to delete instead.
      deletionPolicy: settings.deletionProtection ? "PREVENT" : "DELETE",
      labels: dataLabels(args.environment, args.dataSet),
    },
    opts,
  );
  return { cluster: kafka, clusterId, bootstrap: bootstrapAddress(cluster, settings, args.dataSet, clusterId) };
}

/** A cell's topics, each with the data set's partitions, created before OpenIM starts. */
export function createCellTopics(
  name: string,
  cluster: GcpTargetConfig,
  kafka: DataSetKafka,
  cell: ManagedCellRequest,
  partitions: number,
  opts: pulumi.CustomResourceOptions,
): managedkafka.Topic[] {
  return cell.topics.map(
    (topic) =>
      new managedkafka.Topic(
        `${name}-${topic}`,
        {
          project: cluster.project,
          location: cluster.region,
          cluster: kafka.cluster.clusterId,
          topicId: topic,
          partitionCount: partitions,
          replicationFactor: TOPIC_REPLICATION_FACTOR,
        },
        opts,
      ),
  );
}

/**
 * A cell's access: the client role (to connect), a key of its service account (SASL/PLAIN's
 * password is the base64 key file, the username the account's email), and literal ACLs on its
 * own topics and consumer groups only. Once a topic has an ACL, principals it does not name are
 * refused, so no cell reads another's topics.
 */
export function createCellKafkaAccess(
  name: string,
  cluster: GcpTargetConfig,
  kafka: DataSetKafka,
  cell: ManagedCellRequest,
  account: serviceaccount.Account,
  topics: readonly managedkafka.Topic[],
  opts: pulumi.CustomResourceOptions,
): { resources: pulumi.Resource[]; binding: ManagedKafka } {
  const member = account.email.apply((email) => `serviceAccount:${email}`);
  const principal = account.email.apply((email) => `User:${email}`);
  const grant = new projects.IAMMember(
    `${name}-client`,
    { project: cluster.project, role: KAFKA_CLIENT_ROLE, member },
    opts,
  );
  const key = new serviceaccount.Key(`${name}-key`, { serviceAccountId: account.name }, opts);
  const entries = (operations: readonly string[]) =>
    operations.map((operation) => ({ principal, permissionType: "ALLOW", operation, host: "*" }));
  const acl = (suffix: string, aclId: string, operations: readonly string[]) =>
    new managedkafka.Acl(
      `${name}-acl-${suffix}`,
      {
        project: cluster.project,
        location: cluster.region,
        cluster: kafka.cluster.clusterId,
        aclId,
        aclEntries: entries(operations),
      },
      dependingOn(opts, topics),
    );
  const acls = [
    ...cell.topics.map((topic) => acl(`topic-${topic}`, `topic/${topic}`, TOPIC_OPERATIONS)),
    ...cell.consumerGroups.map((group) => acl(`group-${group}`, `consumerGroup/${group}`, GROUP_OPERATIONS)),
  ];
  return {
    resources: [grant, key, ...acls],
    binding: {
      addresses: kafka.cluster.clusterId.apply(() => [kafka.bootstrap]),
      tls: true,
      username: account.email,
      // The provider returns the key file base64-encoded: exactly the password SASL/PLAIN takes.
      password: key.privateKey,
    },
  };
}
