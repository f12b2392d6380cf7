import * as eventhub from "@pulumi/azure-native/eventhub";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedKafka } from "../../capabilities";
import type { AzureScope } from "../scope";
import type { DataZones } from "./dns";
import { createDataEndpoint } from "./endpoint";
import { vaultUriOf, type DataIdentity, type DataKey } from "./identity";
import { createDeleteLock } from "./lock";
import type { AzureDataSettings } from "./settings";

/** The Kafka endpoint of every Event Hubs namespace: SASL_SSL on 9093. */
export const KAFKA_PORT = 9093;
/** The SAS rule a cell's clients sign in with: send and listen on the namespace, nothing else (no Manage). */
const CELL_RULE = "openim-cell";

export interface CellKafkaArgs {
  readonly namespaceName: string;
  readonly settings: AzureDataSettings["kafka"];
  readonly deleteLock: boolean;
  readonly topics: readonly string[];
  readonly partitions: number;
  readonly key: DataKey;
  /** The data set's key identity; Premium encrypts through it. */
  readonly identity?: DataIdentity;
  readonly subnetId: pulumi.Input<string>;
  readonly zones: DataZones;
}

export interface CellKafka {
  readonly resources: pulumi.Resource[];
  readonly kafka: ManagedKafka;
}

/** Premium encrypts with the customer key (BYOK needs Premium or Dedicated and a new, empty namespace). */
function encryption(
  args: CellKafkaArgs,
): Pick<eventhub.NamespaceArgs, "identity" | "encryption"> | Record<string, never> {
  if (args.settings.sku !== "Premium") return {};
  const identity = args.identity?.identity;
  if (!identity) throw new Error(`namespace ${args.namespaceName} is Premium and needs the data set's key identity`);
  return {
    identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
    encryption: {
      keySource: "Microsoft.KeyVault",
      // No keyVersion: the namespace follows the key's newest version as Key Vault rotates it.
      keyVaultProperties: [
        {
          keyName: args.key.key.name,
          keyVaultUri: vaultUriOf(args.key.key),
          identity: { userAssignedIdentity: identity.id },
        },
      ],
      requireInfrastructureEncryption: true,
    },
  };
}

/**
 * One cell's Event Hubs namespace, its Kafka endpoint: one event hub per topic with the request's
 * partitions, and one SAS rule (Listen, Send) that OpenIM's sarama signs in with over SASL PLAIN
 * (user "$ConnectionString", password the rule's connection string). A namespace per cell because
 * a SAS rule spans either one event hub or the whole namespace: a shared namespace would let each
 * cell read every other cell's topics. Local (SAS) auth stays on: OpenIM has no OAUTHBEARER.
 * Kafka consumer groups need no Event Hubs resource: the Kafka protocol creates them.
 */
export function createCellKafka(
  name: string,
  scope: AzureScope,
  args: CellKafkaArgs,
  opts: pulumi.CustomResourceOptions,
): CellKafka {
  const namespace = new eventhub.Namespace(
    `${name}-kafka`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      tags: scope.tags,
      namespaceName: args.namespaceName,
      sku: { name: args.settings.sku, tier: args.settings.sku, capacity: args.settings.capacity },
      kafkaEnabled: true,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      disableLocalAuth: false,
      zoneRedundant: args.settings.zoneRedundant,
      ...encryption(args),
    },
    { ...opts, dependsOn: [...(args.identity?.grants ?? [])] },
  );
  const base = { resourceGroupName: scope.resourceGroupName, namespaceName: namespace.name };
  const hubs = args.topics.map(
    (topic) =>
      new eventhub.EventHub(
        `${name}-topic-${topic}`,
        {
          ...base,
          eventHubName: topic,
          partitionCount: args.partitions,
          retentionDescription: {
            cleanupPolicy: "Delete",
            retentionTimeInHours: args.settings.retentionDays * 24,
          },
        },
        opts,
      ),
  );
  const rule = new eventhub.NamespaceAuthorizationRule(
    `${name}-kafka-rule`,
    { ...base, authorizationRuleName: CELL_RULE, rights: ["Listen", "Send"] },
    opts,
  );
  const { endpoint, dns } = createDataEndpoint(
    `${name}-kafka`,
    scope,
    {
      endpointName: `${args.namespaceName}-endpoint`,
      subnetId: args.subnetId,
      serviceId: namespace.id,
      groupId: "namespace",
      zone: args.zones.kafka,
    },
    opts,
  );
  const resources: pulumi.Resource[] = [namespace, ...hubs, rule, endpoint, dns];
  if (args.deleteLock)
    resources.push(createDeleteLock(`${name}-kafka`, namespace.id, `Kafka of ${args.namespaceName}`, opts));

  const keys = eventhub.listNamespaceKeysOutput(
    { ...base, authorizationRuleName: rule.name },
    { parent: opts.parent, provider: opts.provider },
  );
  return {
    resources,
    kafka: {
      addresses: pulumi.output(namespace.name).apply((ns) => [`${ns}.servicebus.windows.net:${KAFKA_PORT}`]),
      // Public CA chain (DigiCert Global Root G2): the system bundle suffices.
      tls: true,
      username: "$ConnectionString",
      password: pulumi.secret(keys.primaryConnectionString),
    },
  };
}
