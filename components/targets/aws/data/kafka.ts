import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as msk from "@pulumi/aws/msk";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedDataSetRequest, ManagedKafka } from "../../capabilities";
import { dataTags, keyFor, serviceSecurityGroup, type AwsDataContext } from "./context";
import { physicalName } from "./names";

/** MSK's port for TLS between clients and brokers. */
export const KAFKA_TLS_PORT = 9094;

/** Broker settings: no topic appears by accident (the kit makes each), and a write waits for its replicas. */
export function serverProperties(context: AwsDataContext): string {
  const { kafka } = context.settings;
  return [
    "auto.create.topics.enable=false",
    `default.replication.factor=${kafka.replicationFactor}`,
    `min.insync.replicas=${kafka.minInsyncReplicas}`,
    "unclean.leader.election.enable=false",
    `log.retention.hours=${kafka.retentionHours}`,
  ].join("\n");
}

export interface DataSetKafka {
  readonly cluster: msk.Cluster;
  readonly topics: readonly msk.Topic[];
  readonly binding: ManagedKafka;
}

/**
 * A data set's MSK cluster. OpenIM's sarama client cannot do SCRAM or IAM, so clients connect
 * over TLS unauthenticated, admitted by the security group alone (the cluster's nodes and pods
 * on 9094); a cell's isolation on a pooled cluster is its topic prefix only (no ACLs without
 * authentication). Brokers spread over 2 or 3 zones, encrypted at rest with the data set's key,
 * broker logs to an encrypted log group. Each cell's topics are cloud resources, made before
 * OpenIM starts, with the request's partitions.
 */
export function dataSetKafka(
  name: string,
  args: { context: AwsDataContext; request: ManagedDataSetRequest },
  opts: pulumi.CustomResourceOptions,
): DataSetKafka {
  const { context, request } = args;
  const settings = context.settings.kafka;
  const clusterName = physicalName(context.clusterName, [request.dataSet, "kafka"], 64);
  const tags = dataTags(context, request.dataSet);
  const group = serviceSecurityGroup(
    `${name}-kafka`,
    { context, dataSet: request.dataSet, service: "kafka", port: KAFKA_TLS_PORT },
    opts,
  );
  const logs = new cloudwatch.LogGroup(
    `${name}-kafka`,
    { name: `/aws/msk/${clusterName}`, retentionInDays: context.logRetentionDays, kmsKeyId: context.logsKeyArn, tags },
    opts,
  );
  const configuration = new msk.Configuration(
    `${name}-kafka`,
    {
      name: clusterName,
      description: `Brokers of data set ${request.dataSet}: topics made by the kit only`,
      kafkaVersions: [settings.version],
      serverProperties: serverProperties(context),
    },
    opts,
  );
  const cluster = new msk.Cluster(
    `${name}-kafka`,
    {
      clusterName,
      kafkaVersion: settings.version,
      numberOfBrokerNodes: settings.brokers,
      brokerNodeGroupInfo: {
        instanceType: settings.instanceType,
        clientSubnets: context.subnetIds.slice(0, settings.zones),
        securityGroups: [group.id],
        storageInfo: { ebsStorageInfo: { volumeSize: settings.volumeGiB } },
        connectivityInfo: { publicAccess: { type: "DISABLED" } },
      },
      encryptionInfo: {
        encryptionAtRestKmsKeyArn: keyFor(context, request.keyTenant),
        encryptionInTransit: { clientBroker: "TLS", inCluster: true },
      },
      clientAuthentication: { unauthenticated: true },
      configurationInfo: { arn: configuration.arn, revision: configuration.latestRevision },
      loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: logs.name } } },
      tags,
    },
    opts,
  );
  const topics = request.cells.flatMap((cell) =>
    cell.topics.map(
      (topic) =>
        new msk.Topic(
          `${name}-kafka-${topic}`,
          {
            clusterArn: cluster.arn,
            name: topic,
            partitionCount: request.partitions,
            replicationFactor: settings.replicationFactor,
            configs: JSON.stringify({ "min.insync.replicas": String(settings.minInsyncReplicas) }),
          },
          opts,
        ),
    ),
  );
  return {
    cluster,
    topics,
    binding: {
      addresses: cluster.bootstrapBrokersTls.apply((brokers) => brokers.split(",").filter(Boolean)),
      tls: true,
      // Brokers present public ACM certificates: any trust store with Amazon Trust Services trusts them.
    },
  };
}
