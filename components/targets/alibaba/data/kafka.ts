import * as alikafka from "@pulumi/alicloud/alikafka";
import * as ecs from "@pulumi/alicloud/ecs";
import * as pulumi from "@pulumi/pulumi";
import { createHmac } from "node:crypto";
import type { ManagedCellRequest, ManagedDataSetRequest, ManagedKafka } from "../../capabilities";
import { slug, type DataContext } from "./context";
import { KAFKA_SASL_PORT } from "./network";

/** Why a cell's Kafka traffic is plaintext: authenticated, but not encrypted, inside the VPC. */
export const KAFKA_PLAINTEXT_REASON =
  "ApsaraMQ for Kafka's VPC SASL endpoint (9094, SASL_PLAINTEXT) authenticates each cell with its own PLAIN user and ACLs; its TLS endpoint chains to Alibaba's own CA with hostname checks off, which OpenIM's sarama cannot verify";

/** Cloud-storage topics need at least two partitions. */
export const MIN_TOPIC_PARTITIONS = 2;

/** ApsaraMQ's deploy type for an instance reachable from its VPC only (4 adds an internet endpoint). */
export const VPC_ONLY = 5;
/** Disk type 1: standard SSD (0 is an ultra disk); KMS encrypts SSDs only. */
export const SSD = 1;

/**
 * A cell's SASL password, derived by HMAC from the Kafka secret the kit generated for the cell:
 * stable across deployments, a secret, and different for every cell. Letters and digits only, as
 * SASL users require.
 */
export function kafkaPassword(cellSecret: pulumi.Output<string>, cell: string): pulumi.Output<string> {
  return pulumi.secret(
    cellSecret.apply((secret) =>
      createHmac("sha256", secret).update(`alikafka-sasl:${cell}`).digest("hex").slice(0, 40),
    ),
  );
}

/** SASL user names take letters, digits, '_' and '-', up to 64. */
export function kafkaUsername(cell: string): string {
  return slug(cell).slice(0, 64);
}

export interface DataSetKafka {
  readonly instance: alikafka.Instance;
  readonly resources: pulumi.Resource[];
  cell(cell: string): ManagedKafka;
}

/**
 * One Professional-edition ApsaraMQ for Kafka instance per data set: VPC only, ACLs on (which
 * opens the SASL endpoint), SSDs under the data set's key, in a security group of its own whose
 * whitelist admits the pod vSwitches on the SASL port alone. Each cell gets its topics (cloud
 * storage, the request's partitions), its consumer groups, a PLAIN user and ACLs that let that
 * user read and write its own topics and groups, nothing else. Prod spreads over the zones.
 */
export function createKafka(
  name: string,
  ctx: DataContext,
  request: ManagedDataSetRequest,
  opts: pulumi.CustomResourceOptions,
): DataSetKafka {
  if (request.partitions < MIN_TOPIC_PARTITIONS) {
    throw new Error(
      `data set ${request.dataSet}: ApsaraMQ for Kafka's cloud-storage topics take at least ${MIN_TOPIC_PARTITIONS} partitions, not ${request.partitions}; raise the topics' partitions`,
    );
  }
  const { settings } = ctx;
  const tags = { ...ctx.tags, "data-set": request.dataSet };
  const base = `${ctx.baseName}-${slug(request.dataSet)}`.slice(0, 60);
  // ApsaraMQ implements its whitelist in this group: one of its own, so no other instance shares it.
  const group = new ecs.SecurityGroup(
    `${name}-kafka-sg`,
    {
      securityGroupName: `${base}-kafka`,
      vpcId: ctx.vpcId,
      securityGroupType: "normal",
      innerAccessPolicy: "Drop",
      description: "im-platform ApsaraMQ for Kafka: its whitelist admits the pod vSwitches on the SASL port",
      tags,
    },
    opts,
  );
  const topicPartitions = request.cells.reduce((sum, cell) => sum + cell.topics.length * request.partitions, 0);
  const instance = new alikafka.Instance(
    `${name}-kafka`,
    {
      name: `${base}-kafka`,
      deployType: VPC_ONLY,
      specType: settings.kafka.specType,
      ioMaxSpec: settings.kafka.ioMaxSpec,
      diskType: SSD,
      diskSize: settings.kafka.diskSizeGb,
      // Bought on top of the spec's free partitions: the cells' topics fit even if the spec has none.
      partitionNum: topicPartitions,
      paidType: "PostPaid",
      serviceVersion: "2.6.2",
      kmsKeyId: ctx.keyFor(request.keyTenant),
      vpcId: ctx.vpcId,
      zoneId: ctx.zones[0],
      vswitchId: ctx.switchIds[0],
      vswitchIds: settings.prod ? [...ctx.switchIds] : [ctx.switchIds[0]!],
      selectedZones: settings.prod ? [...ctx.zones] : undefined,
      securityGroup: group.id,
      enableAutoTopic: "disable",
      config: JSON.stringify({
        "enable.acl": "true",
        "kafka.log.retention.hours": String(settings.kafka.retentionHours),
      }),
      tags,
    },
    opts,
  );
  const child = { ...opts, dependsOn: [instance] };
  const resources: pulumi.Resource[] = [group, instance];
  ctx.clientCidrs.forEach((range, index) => {
    resources.push(
      new alikafka.InstanceAllowedIpAttachment(
        `${name}-kafka-allow-${index}`,
        {
          instanceId: instance.id,
          allowedType: "vpc",
          portRange: `${KAFKA_SASL_PORT}/${KAFKA_SASL_PORT}`,
          allowedIp: range,
        },
        child,
      ),
    );
  });

  const bindings = new Map<string, ManagedKafka>();
  for (const cell of request.cells) resources.push(...createCellKafka(name, instance, request, cell, child, bindings));
  const addresses = instance.saslDomainEndpoint.apply((endpoints) =>
    endpoints
      .split(",")
      .map((endpoint) => endpoint.trim())
      .filter((endpoint) => endpoint.length > 0),
  );
  return {
    instance,
    resources,
    cell: (cell) => {
      const binding = bindings.get(cell);
      if (!binding) throw new Error(`data set ${request.dataSet} has no cell ${cell}`);
      return { ...binding, addresses };
    },
  };
}

function createCellKafka(
  name: string,
  instance: alikafka.Instance,
  request: ManagedDataSetRequest,
  cell: ManagedCellRequest,
  opts: pulumi.CustomResourceOptions,
  bindings: Map<string, ManagedKafka>,
): pulumi.Resource[] {
  const prefix = `${name}-kafka-${cell.cell}`;
  const instanceId = instance.id;
  const username = kafkaUsername(cell.cell);
  const password = kafkaPassword(cell.kafkaPassword, cell.cell);
  const user = new alikafka.SaslUser(
    `${prefix}-user`,
    { instanceId, username, password, type: "plain" },
    { ...opts, additionalSecretOutputs: ["password"] },
  );
  const resources: pulumi.Resource[] = [user];
  for (const topic of cell.topics) {
    resources.push(
      new alikafka.Topic(
        `${prefix}-topic-${topic}`,
        {
          instanceId,
          topic,
          partitionNum: request.partitions,
          localTopic: false,
          remark: `im-platform cell ${cell.cell}`,
        },
        opts,
      ),
    );
  }
  for (const group of cell.consumerGroups) {
    resources.push(
      new alikafka.ConsumerGroup(
        `${prefix}-group-${group}`,
        { instanceId, consumerId: group, remark: `im-platform cell ${cell.cell}` },
        opts,
      ),
    );
  }
  // Exactly the cell's own topics and groups, each by its full name.
  const grants: Array<[string, "Topic" | "Group", "Read" | "Write"]> = [
    ...cell.topics.flatMap((topic): Array<[string, "Topic", "Read" | "Write"]> => [
      [topic, "Topic", "Read"],
      [topic, "Topic", "Write"],
    ]),
    ...cell.consumerGroups.map((group): [string, "Group", "Read"] => [group, "Group", "Read"]),
  ];
  for (const [resource, type, operation] of grants) {
    resources.push(
      new alikafka.SaslAcl(
        `${prefix}-acl-${type.toLowerCase()}-${resource}-${operation.toLowerCase()}`,
        {
          instanceId,
          username,
          aclResourceType: type,
          aclResourceName: resource,
          aclResourcePatternType: "LITERAL",
          aclOperationType: operation,
        },
        { ...opts, dependsOn: [user] },
      ),
    );
  }
  bindings.set(cell.cell, { addresses: pulumi.output([]), tls: false, username: user.username, password });
  return resources;
}
