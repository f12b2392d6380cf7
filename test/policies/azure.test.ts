import { describe, expect, it } from "vitest";
import { AZURE_TYPES as AZ, CONTROL_PLANE_LOG_CATEGORIES } from "../../components/targets/azure/conventions";
import { securityPack } from "../../policies/rules/security";
import { azureSecurityRules } from "../../components/targets/azure/rules";
import { durationDays } from "../../components/targets/azure/rules/keyvault";
import type { Props } from "../../policies/rules/types";
import { dataCases } from "./azure-data-cases";
import { messagesOf, patched, type RuleCase } from "./helpers";

const VAULT_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv";
const DES_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/disks";
const CLUSTER_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

const pool = (): Props => ({ name: "system", mode: "System", osDiskType: "Managed", vmSize: "Standard_D4ds_v5" });

/** A cluster that every Azure rule accepts. */
const cluster = (): Props => ({
  securityProfile: {
    azureKeyVaultKms: {
      enabled: true,
      keyId: "https://kv.vault.azure.net/keys/etcd/0123456789abcdef",
      keyVaultNetworkAccess: "Private",
      keyVaultResourceId: VAULT_ID,
    },
  },
  apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ["198.51.100.0/24"] },
  disableLocalAccounts: true,
  enableRBAC: true,
  aadProfile: { managed: true, enableAzureRBAC: true },
  networkProfile: { networkPlugin: "azure", networkPolicy: "cilium" },
  diskEncryptionSetID: DES_ID,
  agentPoolProfiles: [pool()],
});
const vault = (): Props => ({
  properties: {
    enablePurgeProtection: true,
    enableSoftDelete: true,
    enableRbacAuthorization: true,
    publicNetworkAccess: "Disabled",
    networkAcls: { defaultAction: "Deny" },
  },
});
const rotation = (patch: Props = {}): Props => ({
  attributes: { expiryTime: "P120D" },
  lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeBeforeExpiry: "P30D" } }],
  ...patch,
});
const key = (policy: Props | undefined = rotation()): Props => ({ properties: { kty: "RSA", rotationPolicy: policy } });
const rule = (patch: Props = {}): Props => ({
  name: "allow-cluster-internal",
  direction: "Inbound",
  access: "Allow",
  protocol: "*",
  sourceAddressPrefixes: ["10.50.0.0/20"],
  destinationAddressPrefix: "*",
  destinationPortRange: "*",
  ...patch,
});
const edgeRule = (patch: Props = {}): Props =>
  rule({
    name: "allow-edge-listener-clients",
    protocol: "Tcp",
    sourceAddressPrefix: "Internet",
    sourceAddressPrefixes: undefined,
    destinationPortRanges: ["443", "10001"],
    destinationPortRange: undefined,
    ...patch,
  });
const nsg = (...rules: Props[]): Props => ({ securityRules: rules });
const diagnostics = (): Props => ({
  resourceUri: CLUSTER_ID,
  workspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs",
  logs: CONTROL_PLANE_LOG_CATEGORIES.map((category) => ({ category, enabled: true })),
});
const storageClass = (parameters: Props): Props => ({ provisioner: "disk.csi.azure.com", parameters });

const trafficProfile = (): Props => ({
  trafficRoutingMethod: "Priority",
  dnsConfig: { relativeName: "traffic-acme-gateway-1a2b3c4d", ttl: 20 },
  monitorConfig: {
    protocol: "TCP",
    port: 10001,
    intervalInSeconds: 10,
    timeoutInSeconds: 5,
    toleratedNumberOfFailures: 1,
  },
  endpoints: [
    {
      name: "onprem",
      type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
      target: "203.0.113.10",
      priority: 1,
      alwaysServe: "Disabled",
    },
    {
      name: "main",
      type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
      target: "198.51.100.20",
      priority: 2,
    },
  ],
});

const compliant: Array<[string, () => Props]> = [
  ["azure-native:trafficmanager:Profile", trafficProfile],
  [AZ.cluster, cluster],
  [AZ.agentPool, pool],
  [AZ.vault, vault],
  [AZ.key, key],
  [
    AZ.nsg,
    () =>
      nsg(
        rule(),
        edgeRule(),
        rule({ name: "deny-all-inbound", access: "Deny", sourceAddressPrefix: "*", sourceAddressPrefixes: undefined }),
      ),
  ],
  [
    AZ.securityRule,
    () =>
      rule({
        sourceAddressPrefixes: undefined,
        sourceAddressPrefix: "AzureLoadBalancer",
        destinationPortRange: "30000-32767",
      }),
  ],
  [AZ.diagnosticSetting, diagnostics],
  ["kubernetes:storage.k8s.io/v1:StorageClass", () => storageClass({ diskEncryptionSetID: DES_ID })],
];

const cases: RuleCase[] = [
  {
    policy: "azure-traffic-health-checked",
    title: "a Traffic Manager profile without a monitor",
    type: "azure-native:trafficmanager:Profile",
    props: patched(trafficProfile, { monitorConfig: undefined }),
    expected: /monitorConfig sets no protocol and port/,
  },
  {
    policy: "azure-traffic-health-checked",
    title: "a profile endpoint always served",
    type: "azure-native:trafficmanager:Profile",
    props: patched(trafficProfile, {
      endpoints: [{ name: "onprem", target: "203.0.113.10", priority: 1, alwaysServe: "Enabled" }],
    }),
    expected: /endpoint onprem has alwaysServe Enabled/,
  },
  {
    policy: "azure-traffic-health-checked",
    title: "a standalone endpoint always served",
    type: "azure-native:trafficmanager:Endpoint",
    props: { endpointName: "main", endpointType: "ExternalEndpoints", target: "198.51.100.20", alwaysServe: "Enabled" },
    expected: /endpoint main has alwaysServe Enabled/,
  },
  {
    policy: "aks-kms-etcd-encryption",
    title: "KMS off",
    type: AZ.cluster,
    props: patched(cluster, { securityProfile: { azureKeyVaultKms: { enabled: false } } }),
    expected: /azureKeyVaultKms.enabled must be true/,
  },
  {
    policy: "aks-kms-etcd-encryption",
    title: "no security profile",
    type: AZ.cluster,
    props: patched(cluster, { securityProfile: undefined }),
    expected: /azureKeyVaultKms.enabled must be true/,
  },
  {
    policy: "aks-kms-etcd-encryption",
    title: "an unversioned key",
    type: AZ.cluster,
    props: patched(cluster, {
      securityProfile: { azureKeyVaultKms: { enabled: true, keyId: "https://kv.vault.azure.net/keys/etcd" } },
    }),
    expected: /not a versioned Key Vault key id/,
  },
  {
    policy: "aks-api-server-access",
    title: "world-open authorized range",
    type: AZ.cluster,
    props: patched(cluster, { apiServerAccessProfile: { authorizedIPRanges: ["198.51.100.0/24", "0.0.0.0/0"] } }),
    expected: /admits 0.0.0.0\/0/,
  },
  {
    policy: "aks-api-server-access",
    title: "world-open range on a private cluster too",
    type: AZ.cluster,
    props: patched(cluster, { apiServerAccessProfile: { enablePrivateCluster: true, authorizedIPRanges: ["::/0"] } }),
    expected: /admits ::\/0/,
  },
  {
    policy: "aks-api-server-access",
    title: "public without ranges",
    type: AZ.cluster,
    props: patched(cluster, { apiServerAccessProfile: undefined }),
    expected: /lists no ranges/,
  },
  {
    policy: "aks-local-accounts-disabled",
    title: "local accounts on",
    type: AZ.cluster,
    props: patched(cluster, { disableLocalAccounts: false }),
    expected: /disableLocalAccounts must be true/,
  },
  {
    policy: "aks-entra-azure-rbac",
    title: "no Entra integration",
    type: AZ.cluster,
    props: patched(cluster, { aadProfile: undefined }),
    expected: /aadProfile.managed must be true/,
  },
  {
    policy: "aks-entra-azure-rbac",
    title: "Kubernetes RBAC only",
    type: AZ.cluster,
    props: patched(cluster, { aadProfile: { managed: true, enableAzureRBAC: false } }),
    expected: /enableAzureRBAC must be true/,
  },
  {
    policy: "aks-entra-azure-rbac",
    title: "RBAC off",
    type: AZ.cluster,
    props: patched(cluster, { enableRBAC: false }),
    expected: /enableRBAC must not be false/,
  },
  {
    policy: "aks-network-policy",
    title: "no network policy",
    type: AZ.cluster,
    props: patched(cluster, { networkProfile: { networkPlugin: "azure" } }),
    expected: /unset: NetworkPolicies are not enforced/,
  },
  {
    policy: "aks-network-policy",
    title: "network policy none",
    type: AZ.cluster,
    props: patched(cluster, { networkProfile: { networkPolicy: "none" } }),
    expected: /"none": NetworkPolicies are not enforced/,
  },
  {
    policy: "azure-disk-encryption-set",
    title: "cluster without a disk encryption set",
    type: AZ.cluster,
    props: patched(cluster, { diskEncryptionSetID: undefined }),
    expected: /diskEncryptionSetID is unset/,
  },
  {
    policy: "azure-disk-encryption-set",
    title: "inline pool on ephemeral disks",
    type: AZ.cluster,
    props: patched(cluster, { agentPoolProfiles: [{ ...pool(), osDiskType: "Ephemeral" }] }),
    expected: /agentPoolProfiles\[0\] \(system\) uses ephemeral OS disks/,
  },
  {
    policy: "azure-disk-encryption-set",
    title: "pool on ephemeral disks",
    type: AZ.agentPool,
    props: patched(pool, { osDiskType: "Ephemeral" }),
    expected: /ephemeral OS disks/,
  },
  {
    policy: "azure-disk-encryption-set",
    title: "Azure Disk StorageClass without a set",
    type: "kubernetes:storage.k8s.io/v1:StorageClass",
    props: storageClass({ skuName: "Premium_LRS" }),
    expected: /parameters.diskEncryptionSetID/,
  },
  {
    policy: "azure-key-vault-protection",
    title: "no purge protection",
    type: AZ.vault,
    props: { properties: { ...(vault().properties as Props), enablePurgeProtection: false } },
    expected: /enablePurgeProtection must be true/,
  },
  {
    policy: "azure-key-vault-protection",
    title: "soft delete off",
    type: AZ.vault,
    props: { properties: { ...(vault().properties as Props), enableSoftDelete: false } },
    expected: /enableSoftDelete must not be false/,
  },
  {
    policy: "azure-key-vault-protection",
    title: "access policies",
    type: AZ.vault,
    props: { properties: { ...(vault().properties as Props), enableRbacAuthorization: false } },
    expected: /enableRbacAuthorization must be true/,
  },
  {
    policy: "azure-key-vault-network",
    title: "open to the internet",
    type: AZ.vault,
    props: {
      properties: {
        ...(vault().properties as Props),
        publicNetworkAccess: "Enabled",
        networkAcls: { defaultAction: "Allow" },
      },
    },
    expected: /accepts public network traffic/,
  },
  {
    policy: "azure-key-rotation",
    title: "no rotation policy",
    type: AZ.key,
    props: { properties: { kty: "RSA" } },
    expected: /never rotates/,
  },
  {
    policy: "azure-key-rotation",
    title: "versions that never expire",
    type: AZ.key,
    props: key(rotation({ attributes: {} })),
    expected: /never expire/,
  },
  {
    policy: "azure-key-rotation",
    title: "notify only",
    type: AZ.key,
    props: key(rotation({ lifetimeActions: [{ action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }] })),
    expected: /no rotate action/,
  },
  {
    policy: "azure-key-rotation",
    title: "rotation after expiry",
    type: AZ.key,
    props: key(rotation({ lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P200D" } }] })),
    expected: /rotates at day 200 but versions expire at day 120/,
  },
  {
    policy: "azure-key-rotation",
    title: "rotation every two years",
    type: AZ.key,
    props: key(rotation({ attributes: { expiryTime: "P3Y" } })),
    expected: /rotates every 1065 days/,
  },
  {
    policy: "azure-nsg-no-public-management-ports",
    title: "SSH from the internet",
    type: AZ.nsg,
    props: nsg(
      rule({
        name: "ssh",
        protocol: "Tcp",
        sourceAddressPrefix: "Internet",
        sourceAddressPrefixes: undefined,
        destinationPortRange: "22",
      }),
    ),
    expected: /rule ssh opens port 22 to Internet/,
  },
  {
    policy: "azure-nsg-no-public-management-ports",
    title: "RDP through a port range from a public range",
    type: AZ.securityRule,
    props: rule({ name: "ops", sourceAddressPrefixes: ["203.0.113.0/24"], destinationPortRange: "3000-4000" }),
    expected: /rule ops opens port 3389 to 203.0.113.0\/24/,
  },
  {
    policy: "azure-nsg-no-public-management-ports",
    title: "every port to a public address",
    type: AZ.nsg,
    props: nsg(rule({ name: "any", sourceAddressPrefixes: ["198.51.100.7"], destinationPortRange: "*" })),
    expected: /opens port 22 to 198.51.100.7/,
  },
  {
    policy: "azure-nsg-no-world-open-ingress",
    title: "world-open rule that is not an edge listener",
    type: AZ.nsg,
    props: nsg(
      rule({
        name: "web",
        protocol: "Tcp",
        sourceAddressPrefix: "*",
        sourceAddressPrefixes: undefined,
        destinationPortRange: "443",
      }),
    ),
    expected: /rule web admits \*/,
  },
  {
    policy: "azure-nsg-no-world-open-ingress",
    title: "edge listener over a port range",
    type: AZ.nsg,
    props: nsg(edgeRule({ destinationPortRanges: ["10000-10100"] })),
    expected: /not an edge listener rule on single TCP\/UDP ports/,
  },
  {
    policy: "azure-nsg-no-world-open-ingress",
    title: "edge listener on every protocol",
    type: AZ.securityRule,
    props: edgeRule({ protocol: "*", sourceAddressPrefix: "0.0.0.0/0" }),
    expected: /admits 0.0.0.0\/0 \(protocol \*/,
  },
  {
    policy: "aks-control-plane-logs",
    title: "no audit log",
    type: AZ.diagnosticSetting,
    props: patched(diagnostics, {
      logs: [
        { category: "kube-apiserver", enabled: true },
        { category: "kube-audit-admin", enabled: false },
      ],
    }),
    expected: /logs lack kube-audit-admin, kube-controller-manager/,
  },
  {
    policy: "aks-control-plane-logs",
    title: "no destination",
    type: AZ.diagnosticSetting,
    props: patched(diagnostics, { workspaceId: undefined }),
    expected: /no destination/,
  },
];

const asResource = (type: string, props: Props) => [{ type, name: "subject", props }];

describe("Azure security rules", () => {
  it("join the security pack with ids, kebab-case names and a violating case each", () => {
    expect(azureSecurityRules.length).toBeGreaterThanOrEqual(12);
    for (const rule of azureSecurityRules) {
      expect(securityPack.rules).toContain(rule);
      expect(rule.id).toMatch(/^IMS2\d{2}$/);
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description.startsWith(`${rule.id}: `)).toBe(true);
      // The managed data rules' cases live in azure-data-cases.ts (IMS218, a stack rule, in azure-data.test.ts).
      expect(
        [...cases, ...dataCases].some((c) => c.policy === rule.name) || rule.name === "azure-data-prod-resilience",
        rule.name,
      ).toBe(true);
    }
    expect(new Set(azureSecurityRules.map((rule) => rule.id)).size).toBe(azureSecurityRules.length);
  });

  it.each(compliant)("a compliant %s passes every Azure rule", (type, props) => {
    for (const rule of azureSecurityRules)
      expect(messagesOf(rule.name, asResource(type, props())), rule.name).toEqual([]);
  });

  it("accept a private cluster without ranges, encryption at host on ephemeral disks, private SSH, and denies from anywhere", () => {
    expect(
      messagesOf(
        "aks-api-server-access",
        asResource(AZ.cluster, patched(cluster, { apiServerAccessProfile: { enablePrivateCluster: true } })),
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        "azure-disk-encryption-set",
        asResource(AZ.agentPool, patched(pool, { osDiskType: "Ephemeral", enableEncryptionAtHost: true })),
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        "azure-nsg-no-public-management-ports",
        asResource(
          AZ.nsg,
          nsg(rule({ sourceAddressPrefixes: ["10.0.0.0/8", "VirtualNetwork"], destinationPortRange: "22" })),
        ),
      ),
    ).toEqual([]);
    const denyAll = rule({ access: "Deny", sourceAddressPrefix: "*", sourceAddressPrefixes: undefined });
    for (const policy of ["azure-nsg-no-public-management-ports", "azure-nsg-no-world-open-ingress"])
      expect(messagesOf(policy, asResource(AZ.nsg, nsg(denyAll)))).toEqual([]);
    expect(
      messagesOf(
        "azure-key-vault-network",
        asResource(AZ.vault, {
          properties: { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny" } },
        }),
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        "aks-control-plane-logs",
        asResource(AZ.diagnosticSetting, patched(diagnostics, { logs: [{ categoryGroup: "allLogs", enabled: true }] })),
      ),
    ).toEqual([]);
  });

  it("ignore resources of other types, and diagnostic settings of other resources", () => {
    for (const rule of azureSecurityRules)
      expect(
        messagesOf(rule.name, asResource("kubernetes:core/v1:ConfigMap", { securityRules: [], properties: {} })),
      ).toEqual([]);
    expect(
      messagesOf(
        "aks-control-plane-logs",
        asResource(AZ.diagnosticSetting, { resourceUri: VAULT_ID, logs: [{ category: "AuditEvent", enabled: true }] }),
      ),
    ).toEqual([]);
  });

  it.each([
    ["P90D", 90],
    ["P1Y", 365],
    ["P3M", 90],
    ["P2W", 14],
    ["P1Y2M3D", 428],
    ["P", undefined],
    ["90D", undefined],
    ["PT12H", undefined],
  ])("reads the ISO 8601 duration %s as %s days", (text, days) => {
    expect(durationDays(text)).toBe(days);
  });

  describe.each(cases)("$policy: $title", ({ policy, type, props, expected }) => {
    it("is reported", () => {
      const messages = messagesOf(policy, asResource(type, props));
      expect(
        messages.some((message) => expected.test(message)),
        messages.join("\n"),
      ).toBe(true);
    });
  });
});
