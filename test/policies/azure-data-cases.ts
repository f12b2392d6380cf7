import { AZURE_DATA_TYPES as DATA, AZURE_TYPES, ENVIRONMENT_TAG } from "../../components/targets/azure/conventions";
import type { Props } from "../../policies/rules/types";
import { patched, type RuleCase } from "./helpers";

const IDENTITY = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/data";
const tags = (environment = "prod") => ({ "managed-by": "im-platform", [ENVIRONMENT_TAG]: environment });

/** Compliant fixtures of the managed data services, as the target writes them. */
export const redis = (): Props => ({
  clusterName: "im-main-acme-1a2b3c",
  sku: { name: "Balanced_B1" },
  highAvailability: "Enabled",
  minimumTlsVersion: "1.2",
  publicNetworkAccess: "Disabled",
  identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] },
  encryption: {
    customerManagedKeyEncryption: {
      keyEncryptionKeyIdentity: { identityType: "userAssignedIdentity", userAssignedIdentityResourceId: IDENTITY },
      keyEncryptionKeyUrl: "https://kv.vault.azure.net/keys/data/0123456789abcdef0123456789abcdef",
    },
  },
  tags: tags(),
});
export const redisDatabase = (): Props => ({
  clusterName: "im-main-acme-1a2b3c",
  databaseName: "default",
  clientProtocol: "Encrypted",
  clusteringPolicy: "EnterpriseCluster",
  persistence: { aofEnabled: true, aofFrequency: "1s", rdbEnabled: false },
});
export const namespace = (): Props => ({
  namespaceName: "im-main-acme-4d5e6f",
  sku: { name: "Premium", tier: "Premium", capacity: 1 },
  minimumTlsVersion: "1.2",
  publicNetworkAccess: "Disabled",
  disableLocalAuth: false,
  zoneRedundant: true,
  identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] },
  encryption: {
    keySource: "Microsoft.KeyVault",
    keyVaultProperties: [
      { keyName: "data", keyVaultUri: "https://kv.vault.azure.net/", identity: { userAssignedIdentity: IDENTITY } },
    ],
  },
  tags: tags(),
});
export const mongoCluster = (): Props => ({
  mongoClusterName: "im-main-pooled-7a8b9c",
  properties: {
    publicNetworkAccess: "Disabled",
    highAvailability: { targetMode: "ZoneRedundantPreferred" },
    compute: { tier: "M30" },
  },
  tags: tags(),
});
export const lock = (scope: string): Props => ({
  scope,
  level: "CanNotDelete",
  lockName: "im-platform-keep",
  notes: "Prod data.",
});
const id = (path: string) => `/subscriptions/s/resourceGroups/rg/providers/${path}`;
export const dataLocks = (): Props[] => [
  lock(id("Microsoft.Cache/redisEnterprise/im-main-acme-1a2b3c")),
  lock(id("Microsoft.EventHub/namespaces/im-main-acme-4d5e6f")),
  lock(id("Microsoft.DocumentDB/mongoClusters/im-main-pooled-7a8b9c")),
];
export const mongoFirewallRule = (): Props => ({
  properties: { startIpAddress: "10.50.20.0", endIpAddress: "10.50.21.255" },
});
export const networkRuleSet = (): Props => ({
  namespaceName: "im-main-acme-4d5e6f",
  defaultAction: "Deny",
  publicNetworkAccess: "Disabled",
  ipRules: [{ ipMask: "10.50.0.0/16", action: "Allow" }],
});

/** Each resource rule's compliant fixtures, by type. */
export const dataCompliant: Array<[string, () => Props]> = [
  [DATA.redis, redis],
  [DATA.redisDatabase, redisDatabase],
  [DATA.eventHubNamespace, namespace],
  [DATA.mongoCluster, mongoCluster],
  [DATA.mongoFirewallRule, mongoFirewallRule],
  [DATA.eventHubNetworkRuleSet, networkRuleSet],
];

/** The violating cases of the data rules (IMS214-IMS217; IMS218 is a stack rule, its cases use several resources). */
export const dataCases: RuleCase[] = [
  {
    policy: "azure-data-customer-key",
    title: "Redis on Microsoft's key",
    type: DATA.redis,
    props: patched(redis, { encryption: { customerManagedKeyEncryption: {} } }),
    expected: /keyEncryptionKeyUrl is unset: the cache is encrypted with Microsoft's key/,
  },
  {
    policy: "azure-data-customer-key",
    title: "Redis key without its identity",
    type: DATA.redis,
    props: patched(redis, {
      encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: "https://kv.vault.azure.net/keys/data/1" } },
    }),
    expected: /names no user-assigned identity/,
  },
  {
    policy: "azure-data-customer-key",
    title: "a prod Premium namespace on Microsoft's key",
    type: DATA.eventHubNamespace,
    props: patched(namespace, { encryption: undefined }),
    expected: /namespace \(premium\) is encrypted with Microsoft's key/,
  },
  {
    policy: "azure-data-customer-key",
    title: "a prod Standard namespace (no BYOK in that tier)",
    type: DATA.eventHubNamespace,
    props: patched(namespace, { sku: { name: "Standard" }, encryption: undefined }),
    expected: /namespace \(standard\) is encrypted with Microsoft's key; use Premium/,
  },
  {
    policy: "azure-data-customer-key",
    title: "an untagged Standard namespace (held to prod's bar)",
    type: DATA.eventHubNamespace,
    props: patched(namespace, { sku: { name: "Standard" }, encryption: undefined, tags: {} }),
    expected: /encrypted with Microsoft's key/,
  },
  {
    policy: "azure-data-private-access",
    title: "Redis open to public networks",
    type: DATA.redis,
    props: patched(redis, { publicNetworkAccess: "Enabled" }),
    expected: /publicNetworkAccess is Enabled: set Disabled/,
  },
  {
    policy: "azure-data-private-access",
    title: "a namespace without the setting (public by default)",
    type: DATA.eventHubNamespace,
    props: patched(namespace, { publicNetworkAccess: undefined }),
    expected: /publicNetworkAccess is unset \(Enabled\)/,
  },
  {
    policy: "azure-data-private-access",
    title: "a public vCore cluster",
    type: DATA.mongoCluster,
    props: patched(mongoCluster, { properties: { publicNetworkAccess: "Enabled" } }),
    expected: /publicNetworkAccess is Enabled/,
  },
  {
    policy: "azure-data-no-open-firewall",
    title: "a vCore rule for every address",
    type: DATA.mongoFirewallRule,
    props: { properties: { startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" } },
    expected: /firewall rule 0.0.0.0-255.255.255.255 admits every address/,
  },
  {
    policy: "azure-data-no-open-firewall",
    title: "a vCore rule for all of Azure",
    type: DATA.mongoFirewallRule,
    props: { properties: { startIpAddress: "0.0.0.0", endIpAddress: "0.0.0.0" } },
    expected: /admits every address \(or every Azure customer\)/,
  },
  {
    policy: "azure-data-no-open-firewall",
    title: "an Event Hubs rule set admitting the world",
    type: DATA.eventHubNetworkRuleSet,
    props: patched(networkRuleSet, { ipRules: [{ ipMask: "0.0.0.0/0", action: "Allow" }] }),
    expected: /ipRules admit 0.0.0.0\/0/,
  },
  {
    policy: "azure-data-no-open-firewall",
    title: "an Event Hubs rule set allowing by default while public",
    type: DATA.eventHubNetworkRuleSet,
    props: patched(networkRuleSet, { defaultAction: "Allow", publicNetworkAccess: "Enabled" }),
    expected: /defaultAction Allow with public access/,
  },
  {
    policy: "azure-data-tls",
    title: "Redis accepting TLS 1.0",
    type: DATA.redis,
    props: patched(redis, { minimumTlsVersion: "1.0" }),
    expected: /minimumTlsVersion is 1.0: set "1.2"/,
  },
  {
    policy: "azure-data-tls",
    title: "a namespace without a TLS floor",
    type: DATA.eventHubNamespace,
    props: patched(namespace, { minimumTlsVersion: undefined }),
    expected: /minimumTlsVersion is unset/,
  },
  {
    policy: "azure-data-tls",
    title: "a plaintext Redis database",
    type: DATA.redisDatabase,
    props: patched(redisDatabase, { clientProtocol: "Plaintext" }),
    expected: /clientProtocol Plaintext puts Redis traffic on the network in clear/,
  },
];

/** A prod data tier every data rule accepts: the services, the Redis database and their locks. */
export const prodDataTier = (): Array<{ type: string; name: string; props: Props }> => [
  { type: DATA.redis, name: "redis", props: redis() },
  { type: DATA.redisDatabase, name: "redis-db", props: redisDatabase() },
  { type: DATA.eventHubNamespace, name: "kafka", props: namespace() },
  { type: DATA.mongoCluster, name: "mongodb", props: mongoCluster() },
  ...dataLocks().map((props, index) => ({ type: AZURE_TYPES.managementLock, name: `lock-${index}`, props })),
];
