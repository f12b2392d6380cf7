import type { RuleDef } from "../../../core/rule-contract";
import {
  checkApiServerAccess,
  checkEntraRbac,
  checkKmsEncryption,
  checkLocalAccounts,
  checkNetworkPolicy,
} from "./cluster";
import {
  checkDataCustomerKey,
  checkDataFirewall,
  checkDataPrivateAccess,
  checkDataProdResilience,
  checkDataTls,
} from "./data";
import { checkDiskEncryption } from "./disks";
import { checkKeyRotation, checkVaultNetwork, checkVaultProtection } from "./keyvault";
import { checkControlPlaneLogs } from "./logging";
import { checkManagementPorts, checkWorldOpenIngress } from "./network";
import { checkTrafficHealthChecked } from "./traffic";

/** Azure rules of the security pack (IMS2xx): they read AKS, Key Vault, NSG, Monitor and managed data resources only. */
export const azureSecurityRules: readonly RuleDef[] = [
  {
    kind: "resource",
    id: "IMS201",
    details: "AKS `securityProfile.azureKeyVaultKms` enabled with a versioned Key Vault key id",
    name: "aks-kms-etcd-encryption",
    enforcementLevel: "mandatory",
    check: checkKmsEncryption,
    description: "IMS201: AKS encrypts Kubernetes secrets in etcd with a Key Vault key (KMS).",
  },
  {
    kind: "resource",
    id: "IMS202",
    details: "private cluster, or `authorizedIPRanges` listed; never `0.0.0.0/0` or `::/0`",
    name: "aks-api-server-access",
    enforcementLevel: "mandatory",
    check: checkApiServerAccess,
    description: "IMS202: The AKS API server is private, or limited to authorized ranges, never the whole internet.",
  },
  {
    kind: "resource",
    id: "IMS203",
    details: "`disableLocalAccounts: true` (no static admin kubeconfig)",
    name: "aks-local-accounts-disabled",
    enforcementLevel: "mandatory",
    check: checkLocalAccounts,
    description: "IMS203: AKS has local accounts (static admin credentials) disabled.",
  },
  {
    kind: "resource",
    id: "IMS204",
    details: "`aadProfile.managed` and `enableAzureRBAC`; `enableRBAC` not false",
    name: "aks-entra-azure-rbac",
    enforcementLevel: "mandatory",
    check: checkEntraRbac,
    description: "IMS204: AKS uses Microsoft Entra ID with Azure RBAC for Kubernetes authorization.",
  },
  {
    kind: "resource",
    id: "IMS205",
    details: "`networkProfile.networkPolicy` is `cilium`, `azure` or `calico`",
    name: "aks-network-policy",
    enforcementLevel: "mandatory",
    check: checkNetworkPolicy,
    description: "IMS205: AKS enforces NetworkPolicies (Cilium, Azure or Calico).",
  },
  {
    kind: "resource",
    id: "IMS206",
    details:
      "cluster `diskEncryptionSetID` set; no pool on ephemeral OS disks without encryption at host; `disk.csi.azure.com` StorageClasses name a `diskEncryptionSetID`",
    name: "azure-disk-encryption-set",
    enforcementLevel: "mandatory",
    check: checkDiskEncryption,
    description:
      "IMS206: AKS node disks and Azure Disk volumes are encrypted with a disk encryption set (customer-managed key).",
  },
  {
    kind: "resource",
    id: "IMS207",
    details: "Key Vault purge protection, soft delete, RBAC authorization",
    name: "azure-key-vault-protection",
    enforcementLevel: "mandatory",
    check: checkVaultProtection,
    description: "IMS207: Key Vaults have purge protection, soft delete and RBAC authorization.",
  },
  {
    kind: "resource",
    id: "IMS208",
    details: "Key Vault `publicNetworkAccess: Disabled` or `networkAcls.defaultAction: Deny`",
    name: "azure-key-vault-network",
    enforcementLevel: "mandatory",
    check: checkVaultNetwork,
    description: "IMS208: Key Vaults refuse public network access.",
  },
  {
    kind: "resource",
    id: "IMS209",
    details:
      "Key Vault keys have a rotation policy: versions expire, a rotate action fires before expiry, at least yearly",
    name: "azure-key-rotation",
    enforcementLevel: "mandatory",
    check: checkKeyRotation,
    description: "IMS209: Key Vault keys rotate automatically, before their versions expire, at least yearly.",
  },
  {
    kind: "resource",
    id: "IMS210",
    details: "no inbound allow opens 22, 3389 (or `*`) to a public source (`*`, `Internet`, public ranges or tags)",
    name: "azure-nsg-no-public-management-ports",
    enforcementLevel: "mandatory",
    check: checkManagementPorts,
    description: "IMS210: No NSG rule opens SSH, RDP or all ports to public sources.",
  },
  {
    kind: "resource",
    id: "IMS211",
    details: "world-open inbound allows only as `allow-edge-listener*` rules, TCP/UDP, on single ports",
    name: "azure-nsg-no-world-open-ingress",
    enforcementLevel: "mandatory",
    check: checkWorldOpenIngress,
    description: "IMS211: No NSG rule admits the whole internet except the edge's listener rules on single ports.",
  },
  {
    kind: "resource",
    id: "IMS212",
    details: "an AKS diagnostic setting enables every control-plane category (or `allLogs`) and has a destination",
    name: "aks-control-plane-logs",
    enforcementLevel: "mandatory",
    check: checkControlPlaneLogs,
    description: "IMS212: AKS diagnostic settings send every control-plane log category to a destination.",
  },
  {
    kind: "resource",
    id: "IMS213",
    details:
      "`azure-native:trafficmanager:Profile` sets `monitorConfig` protocol and port; no profile endpoint nor `azure-native:trafficmanager:Endpoint` has `alwaysServe: Enabled`",
    name: "azure-traffic-health-checked",
    enforcementLevel: "mandatory",
    check: checkTrafficHealthChecked,
    description: "IMS213: Every tenant hostname's Traffic Manager profile probes each of its endpoints.",
  },
  {
    kind: "resource",
    id: "IMS214",
    details:
      "Azure Managed Redis `encryption.customerManagedKeyEncryption` with a key URL and a user-assigned identity; Event Hubs namespaces `encryption.keySource: Microsoft.KeyVault` with a key. Exceptions: an Event Hubs Standard/Basic namespace tagged with an environment other than prod (the tier has no BYOK); Cosmos DB for MongoDB vCore (API 2024-07-01 has no customer-key property)",
    name: "azure-data-customer-key",
    enforcementLevel: "mandatory",
    check: checkDataCustomerKey,
    description: "IMS214: Managed data services encrypt at rest with a customer-managed key where Azure offers one.",
  },
  {
    kind: "resource",
    id: "IMS215",
    details:
      "`publicNetworkAccess: Disabled` on Azure Managed Redis, Event Hubs namespaces and vCore clusters (`properties`)",
    name: "azure-data-private-access",
    enforcementLevel: "mandatory",
    check: checkDataPrivateAccess,
    description: "IMS215: Managed data services refuse public network access; clients use private endpoints.",
  },
  {
    kind: "resource",
    id: "IMS216",
    details:
      "no vCore firewall rule `0.0.0.0-255.255.255.255` or `0.0.0.0-0.0.0.0` (all Azure); no Event Hubs network rule set admitting `0.0.0.0/0` or defaulting to Allow with public access",
    name: "azure-data-no-open-firewall",
    enforcementLevel: "mandatory",
    check: checkDataFirewall,
    description: "IMS216: No managed data service's firewall admits the whole internet.",
  },
  {
    kind: "resource",
    id: "IMS217",
    details:
      "Redis and Event Hubs `minimumTlsVersion: \"1.2\"`; Redis databases not `clientProtocol: Plaintext` (OpenIM's plaintext Redis client talks to the kit's TLS proxy in its namespace); vCore is TLS-only by design",
    name: "azure-data-tls",
    enforcementLevel: "mandatory",
    check: checkDataTls,
    description: "IMS217: Clients reach managed data services over TLS 1.2 or later.",
  },
  {
    kind: "stack",
    id: "IMS218",
    details:
      "for data resources tagged `im-platform-environment: prod` (or untagged): Redis `highAvailability` not Disabled and its database persisting (AOF or RDB); Event Hubs zone redundant (or Premium); vCore `highAvailability.targetMode` not Disabled; each under a `CanNotDelete` management lock",
    name: "azure-data-prod-resilience",
    enforcementLevel: "mandatory",
    check: checkDataProdResilience,
    description: "IMS218: Prod managed data is replicated, persisted and locked against deletion.",
  },
];
