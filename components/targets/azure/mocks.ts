import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { TargetMocks } from "../definition";
import { stringify } from "yaml";

type MockState = Record<string, unknown>;
type Args = pulumi.runtime.MockResourceArgs;

/** Stand-ins for what Azure reports back; obviously not real (the nil subscription, ".invalid" hosts). */
const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

const text = (value: unknown, fallback: string): string =>
  typeof value === "string" && value.length > 0 ? value : fallback;

/** A stable GUID from a seed, for the principal and role-assignment ids Azure would generate. */
function guidFrom(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function groupId(args: Args): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${text(args.inputs.resourceGroupName, "resource-group")}`;
}

/** An ARM id under the resource group: provider namespace, then type/name pairs from the inputs. */
function armId(namespace: string, ...segments: Array<[string, string]>): (args: Args) => string {
  return (args) =>
    `${groupId(args)}/providers/${namespace}/${segments.map(([type, input]) => `${type}/${text(args.inputs[input], args.name)}`).join("/")}`;
}

interface AzureMock {
  readonly id: (args: Args) => string;
  /** The input that names the resource in Azure, echoed back as `name`. */
  readonly nameInput?: string;
  /** Outputs Azure computes that the program reads back. */
  readonly computed?: (args: Args) => MockState;
}

const keyUri = (args: Args) =>
  `https://${text(args.inputs.vaultName, "vault")}.vault.synth.invalid/keys/${text(args.inputs.keyName, args.name)}`;
const principal = (args: Args) => ({
  principalId: guidFrom(`${args.name}/principal`),
  clientId: guidFrom(`${args.name}/client`),
  tenantId: SUBSCRIPTION,
});

/** Every azure-native type the Azure target creates; any other fails the synth, as an unknown type must. */
const MOCKS: Readonly<Record<string, AzureMock>> = {
  "azure-native:resources:ResourceGroup": { id: groupId, nameInput: "resourceGroupName" },
  "azure-native:network:VirtualNetwork": {
    id: armId("Microsoft.Network", ["virtualNetworks", "virtualNetworkName"]),
    nameInput: "virtualNetworkName",
  },
  "azure-native:network:Subnet": {
    id: armId("Microsoft.Network", ["virtualNetworks", "virtualNetworkName"], ["subnets", "subnetName"]),
    nameInput: "subnetName",
  },
  "azure-native:network:NatGateway": {
    id: armId("Microsoft.Network", ["natGateways", "natGatewayName"]),
    nameInput: "natGatewayName",
  },
  "azure-native:network:PublicIPAddress": {
    id: armId("Microsoft.Network", ["publicIPAddresses", "publicIpAddressName"]),
    nameInput: "publicIpAddressName",
    computed: () => ({ ipAddress: "203.0.113.50" }),
  },
  "azure-native:network:NetworkSecurityGroup": {
    id: armId("Microsoft.Network", ["networkSecurityGroups", "networkSecurityGroupName"]),
    nameInput: "networkSecurityGroupName",
  },
  "azure-native:network:PrivateEndpoint": {
    id: armId("Microsoft.Network", ["privateEndpoints", "privateEndpointName"]),
    nameInput: "privateEndpointName",
  },
  "azure-native:network:PrivateDnsZoneGroup": {
    id: armId(
      "Microsoft.Network",
      ["privateEndpoints", "privateEndpointName"],
      ["privateDnsZoneGroups", "privateDnsZoneGroupName"],
    ),
    nameInput: "privateDnsZoneGroupName",
    // The A record each zone gets for the endpoint: a node name in the zone, as Azure registers it.
    computed: (args) => ({
      privateDnsZoneConfigs: (Array.isArray(args.inputs.privateDnsZoneConfigs)
        ? (args.inputs.privateDnsZoneConfigs as MockState[])
        : []
      ).map((config) => {
        const zone = text(config.privateDnsZoneId, "zone").split("/").pop() ?? "zone";
        const node = `fc-${guidFrom(`${text(args.inputs.privateEndpointName, args.name)}/${zone}`).slice(0, 12)}-000`;
        return { ...config, recordSets: [{ recordType: "A", fqdn: `${node}.${zone}`, ipAddresses: ["10.50.20.4"] }] };
      }),
    }),
  },
  "azure-native:network:WebApplicationFirewallPolicy": {
    id: armId("Microsoft.Network", ["ApplicationGatewayWebApplicationFirewallPolicies", "policyName"]),
    nameInput: "policyName",
  },
  "azure-native:privatedns:PrivateZone": {
    id: armId("Microsoft.Network", ["privateDnsZones", "privateZoneName"]),
    nameInput: "privateZoneName",
  },
  "azure-native:privatedns:VirtualNetworkLink": {
    id: armId(
      "Microsoft.Network",
      ["privateDnsZones", "privateZoneName"],
      ["virtualNetworkLinks", "virtualNetworkLinkName"],
    ),
    nameInput: "virtualNetworkLinkName",
  },
  "azure-native:keyvault:Vault": { id: armId("Microsoft.KeyVault", ["vaults", "vaultName"]), nameInput: "vaultName" },
  "azure-native:keyvault:Key": {
    id: armId("Microsoft.KeyVault", ["vaults", "vaultName"], ["keys", "keyName"]),
    nameInput: "keyName",
    computed: (args) => ({
      keyUri: keyUri(args),
      keyUriWithVersion: `${keyUri(args)}/${guidFrom(args.name).replace(/-/g, "")}`,
    }),
  },
  "azure-native:compute:DiskEncryptionSet": {
    id: armId("Microsoft.Compute", ["diskEncryptionSets", "diskEncryptionSetName"]),
    nameInput: "diskEncryptionSetName",
    computed: (args) => ({ identity: { type: "SystemAssigned", ...principal(args) } }),
  },
  "azure-native:managedidentity:UserAssignedIdentity": {
    id: armId("Microsoft.ManagedIdentity", ["userAssignedIdentities", "resourceName"]),
    nameInput: "resourceName",
    computed: principal,
  },
  "azure-native:managedidentity:FederatedIdentityCredential": {
    id: armId(
      "Microsoft.ManagedIdentity",
      ["userAssignedIdentities", "resourceName"],
      ["federatedIdentityCredentials", "federatedIdentityCredentialResourceName"],
    ),
  },
  "azure-native:authorization:RoleAssignment": {
    id: (args) =>
      `${text(args.inputs.scope, "/scope")}/providers/Microsoft.Authorization/roleAssignments/${guidFrom(args.name)}`,
  },
  "azure-native:operationalinsights:Workspace": {
    id: armId("Microsoft.OperationalInsights", ["workspaces", "workspaceName"]),
    nameInput: "workspaceName",
  },
  "azure-native:monitor:AzureMonitorWorkspace": {
    id: armId("Microsoft.Monitor", ["accounts", "azureMonitorWorkspaceName"]),
    nameInput: "azureMonitorWorkspaceName",
    computed: (args) => {
      const name = text(args.inputs.azureMonitorWorkspaceName, args.name);
      const location = text(args.inputs.location, "westeurope");
      const ingestion = `/subscriptions/${SUBSCRIPTION}/resourceGroups/MA_${name}_${location}_managed/providers/Microsoft.Insights`;
      return {
        accountId: guidFrom(`${args.name}/account`),
        metrics: {
          prometheusQueryEndpoint: `https://${name}-${guidFrom(name).slice(0, 4)}.${location}.prometheus.monitor.synth.invalid`,
          internalId: `mac_${guidFrom(`${args.name}/metrics`)}`,
        },
        defaultIngestionSettings: {
          dataCollectionEndpointResourceId: `${ingestion}/dataCollectionEndpoints/${name}`,
          dataCollectionRuleResourceId: `${ingestion}/dataCollectionRules/${name}`,
        },
      };
    },
  },
  "azure-native:monitor:DataCollectionEndpoint": {
    id: armId("Microsoft.Insights", ["dataCollectionEndpoints", "dataCollectionEndpointName"]),
    nameInput: "dataCollectionEndpointName",
    computed: (args) => ({ immutableId: `dce-${guidFrom(args.name).replace(/-/g, "")}` }),
  },
  "azure-native:monitor:DataCollectionRule": {
    id: armId("Microsoft.Insights", ["dataCollectionRules", "dataCollectionRuleName"]),
    nameInput: "dataCollectionRuleName",
    computed: (args) => ({ immutableId: `dcr-${guidFrom(args.name).replace(/-/g, "")}` }),
  },
  "azure-native:monitor:DataCollectionRuleAssociation": {
    id: (args) =>
      `${text(args.inputs.resourceUri, "/resource")}/providers/Microsoft.Insights/dataCollectionRuleAssociations/${text(args.inputs.associationName, args.name)}`,
    nameInput: "associationName",
  },
  "azure-native:alertsmanagement:PrometheusRuleGroup": {
    id: armId("Microsoft.AlertsManagement", ["prometheusRuleGroups", "ruleGroupName"]),
    nameInput: "ruleGroupName",
  },
  "azure-native:monitor:DiagnosticSetting": {
    id: (args) =>
      `${text(args.inputs.resourceUri, "/resource")}/providers/Microsoft.Insights/diagnosticSettings/${text(args.inputs.name, args.name)}`,
  },
  "azure-native:containerservice:ManagedCluster": {
    id: armId("Microsoft.ContainerService", ["managedClusters", "resourceName"]),
    nameInput: "resourceName",
    computed: (args) => {
      const name = text(args.inputs.resourceName, args.name);
      return {
        fqdn: `${name}.hcp.synth.invalid`,
        privateFQDN: `${name}.privatelink.synth.invalid`,
        oidcIssuerProfile: { enabled: true, issuerURL: `https://oidc.synth.invalid/${guidFrom(name)}/` },
      };
    },
  },
  "azure-native:containerservice:AgentPool": {
    id: armId("Microsoft.ContainerService", ["managedClusters", "resourceName"], ["agentPools", "agentPoolName"]),
    nameInput: "agentPoolName",
  },
  "azure-native:servicenetworking:TrafficControllerInterface": {
    id: armId("Microsoft.ServiceNetworking", ["trafficControllers", "trafficControllerName"]),
    nameInput: "trafficControllerName",
  },
  "azure-native:servicenetworking:AssociationsInterface": {
    id: armId(
      "Microsoft.ServiceNetworking",
      ["trafficControllers", "trafficControllerName"],
      ["associations", "associationName"],
    ),
    nameInput: "associationName",
  },
  "azure-native:servicenetworking:FrontendsInterface": {
    id: armId(
      "Microsoft.ServiceNetworking",
      ["trafficControllers", "trafficControllerName"],
      ["frontends", "frontendName"],
    ),
    nameInput: "frontendName",
    computed: (args) => ({ fqdn: `${text(args.inputs.frontendName, args.name)}.alb.synth.invalid` }),
  },
  "azure-native:trafficmanager:Profile": {
    id: armId("Microsoft.Network", ["trafficManagerProfiles", "profileName"]),
    nameInput: "profileName",
    computed: (args) => {
      const dnsConfig = (args.inputs.dnsConfig ?? {}) as MockState;
      return { dnsConfig: { ...dnsConfig, fqdn: `${text(dnsConfig.relativeName, args.name)}.trafficmanager.net` } };
    },
  },
  "azure-native:dns:RecordSet": {
    id: (args) =>
      `${groupId(args)}/providers/Microsoft.Network/dnszones/${text(args.inputs.zoneName, "zone")}/${text(args.inputs.recordType, "A")}/${text(args.inputs.relativeRecordSetName, args.name)}`,
    nameInput: "relativeRecordSetName",
    computed: (args) => ({
      fqdn: `${text(args.inputs.relativeRecordSetName, args.name)}.${text(args.inputs.zoneName, "zone")}.`,
    }),
  },
  "azure-native:authorization:ManagementLockByScope": {
    id: (args) =>
      `${text(args.inputs.scope, "/scope")}/providers/Microsoft.Authorization/locks/${text(args.inputs.lockName, args.name)}`,
    nameInput: "lockName",
  },
  "azure-native:redisenterprise:RedisEnterprise": {
    id: armId("Microsoft.Cache", ["redisEnterprise", "clusterName"]),
    nameInput: "clusterName",
    computed: (args) => ({
      hostName: `${text(args.inputs.clusterName, args.name)}.${text(args.inputs.location, "westeurope")}.redis.synth.invalid`,
    }),
  },
  "azure-native:redisenterprise:Database": {
    id: armId("Microsoft.Cache", ["redisEnterprise", "clusterName"], ["databases", "databaseName"]),
    nameInput: "databaseName",
  },
  "azure-native:eventhub:Namespace": {
    id: armId("Microsoft.EventHub", ["namespaces", "namespaceName"]),
    nameInput: "namespaceName",
  },
  "azure-native:eventhub:EventHub": {
    id: armId("Microsoft.EventHub", ["namespaces", "namespaceName"], ["eventhubs", "eventHubName"]),
    nameInput: "eventHubName",
  },
  "azure-native:eventhub:NamespaceAuthorizationRule": {
    id: armId("Microsoft.EventHub", ["namespaces", "namespaceName"], ["authorizationRules", "authorizationRuleName"]),
    nameInput: "authorizationRuleName",
  },
  "azure-native:mongocluster:MongoCluster": {
    id: armId("Microsoft.DocumentDB", ["mongoClusters", "mongoClusterName"]),
    nameInput: "mongoClusterName",
    computed: (args) => {
      const properties = (args.inputs.properties ?? {}) as MockState;
      const name = text(args.inputs.mongoClusterName, args.name);
      return {
        properties: {
          ...properties,
          connectionString: `mongodb+srv://<user>:<password>@${name}.mongocluster.synth.invalid/?tls=true&authMechanism=SCRAM-SHA-256&retrywrites=false&maxIdleTimeMS=120000`,
        },
      };
    },
  },
  "azure-native:servicenetworking:SecurityPoliciesInterface": {
    id: armId(
      "Microsoft.ServiceNetworking",
      ["trafficControllers", "trafficControllerName"],
      ["securityPolicies", "securityPolicyName"],
    ),
    nameInput: "securityPolicyName",
  },
};

export const AZURE_PREFIX = "azure-native:";

/** State of an Azure resource, or undefined for a type the synth does not know (the caller fails loudly). */
export function azureState(args: Args): MockState | undefined {
  const mock = MOCKS[args.type];
  if (!mock) return undefined;
  const name = mock.nameInput ? { name: text(args.inputs[mock.nameInput], args.name) } : {};
  return { ...args.inputs, ...name, ...mock.computed?.(args) };
}

export function azureId(args: Args): string | undefined {
  return MOCKS[args.type]?.id(args);
}

/** AKS's user kubeconfig for an Entra cluster: endpoint and CA only, no credential. */
function userCredentials(inputs: Record<string, unknown>): Record<string, unknown> {
  const name = text(inputs.resourceName, "cluster");
  const kubeconfig = stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name,
        cluster: { server: `https://${name}.hcp.synth.invalid:443`, "certificate-authority-data": "c3ludGgtYWtzLWNh" },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: `clusterUser_${name}` } }],
    "current-context": name,
    users: [
      {
        name: `clusterUser_${name}`,
        user: {
          exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token"] },
        },
      },
    ],
  });
  return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }] };
}

/** Function calls the Azure target makes, by token. */
export const AZURE_CALLS: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>> = {
  "azure-native:containerservice:listManagedClusterUserCredentials": userCredentials,
  "azure-native:redisenterprise:listDatabaseKeys": (inputs) => ({
    primaryKey: `synth-redis-${guidFrom(`${text(inputs.clusterName, "redis")}/primary`)}`,
    secondaryKey: `synth-redis-${guidFrom(`${text(inputs.clusterName, "redis")}/secondary`)}`,
  }),
  "azure-native:eventhub:listNamespaceKeys": (inputs) => {
    const namespace = text(inputs.namespaceName, "namespace");
    const rule = text(inputs.authorizationRuleName, "rule");
    const connection = (which: string) =>
      `Endpoint=sb://${namespace}.servicebus.synth.invalid/;SharedAccessKeyName=${rule};SharedAccessKey=${guidFrom(`${namespace}/${which}`)}`;
    return {
      keyName: rule,
      primaryConnectionString: connection("primary"),
      secondaryConnectionString: connection("secondary"),
      primaryKey: guidFrom(`${namespace}/primary`),
      secondaryKey: guidFrom(`${namespace}/secondary`),
    };
  },
};

/** The Azure target's stand-ins for the offline synth and the unit tests. */
export const azureMocks: TargetMocks = { states: [[AZURE_PREFIX, azureState]], calls: AZURE_CALLS, id: azureId };
