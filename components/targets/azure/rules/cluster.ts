import { isParsedCidr, isWorldOpen, parseCidr } from "../../../core/cidr";
import { AZURE_TYPES, ENFORCING_NETWORK_POLICIES } from "../conventions";
import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/** A rule over the AKS cluster resource alone. */
function clusterRule(check: (cluster: Props) => string[]): (type: string, props: Props) => string[] {
  return (type, props) => (type === AZURE_TYPES.cluster ? check(props) : []);
}

/** IMS201: Kubernetes secrets in etcd are encrypted with a Key Vault key (KMS). */
export const checkKmsEncryption = clusterRule((cluster) => {
  const kms = record(record(cluster["securityProfile"])?.["azureKeyVaultKms"]);
  if (kms?.["enabled"] !== true)
    return ["securityProfile.azureKeyVaultKms.enabled must be true (etcd secrets encrypted with a Key Vault key)"];
  const keyId = text(kms["keyId"]);
  return keyId && /^https:\/\/[^/]+\/keys\/[^/]+\/[^/]+$/.test(keyId)
    ? []
    : [`securityProfile.azureKeyVaultKms.keyId ${JSON.stringify(keyId ?? "")} is not a versioned Key Vault key id`];
});

/** Authorized ranges that admit everyone: "0.0.0.0/0", "::/0", any /0. */
function worldOpenRanges(ranges: readonly string[]): string[] {
  return ranges.filter((range) => {
    const parsed = parseCidr(range);
    return range === "*" || (isParsedCidr(parsed) && isWorldOpen(parsed));
  });
}

/** IMS202: the API server is private, or public only to listed ranges, never the whole internet. */
export const checkApiServerAccess = clusterRule((cluster) => {
  const access = record(cluster["apiServerAccessProfile"]) ?? {};
  const ranges = list(access["authorizedIPRanges"]).map((range) => text(range) ?? "");
  const open = worldOpenRanges(ranges);
  if (open.length > 0)
    return [`apiServerAccessProfile.authorizedIPRanges admits ${open.join(", ")}: the whole internet`];
  if (access["enablePrivateCluster"] === true || ranges.length > 0) return [];
  return [
    "the API server is public and apiServerAccessProfile.authorizedIPRanges lists no ranges; enable the private cluster or list the ranges",
  ];
});

/** IMS203: no static cluster credentials: every user signs in through Entra ID. */
export const checkLocalAccounts = clusterRule((cluster) =>
  cluster["disableLocalAccounts"] === true
    ? []
    : ["disableLocalAccounts must be true, or the cluster admin kubeconfig is a static credential"],
);

/** IMS204: Entra ID integration with Azure RBAC for Kubernetes authorization, on top of Kubernetes RBAC. */
export const checkEntraRbac = clusterRule((cluster) => {
  const aad = record(cluster["aadProfile"]);
  const messages: string[] = [];
  if (aad?.["managed"] !== true) messages.push("aadProfile.managed must be true (Microsoft Entra ID integration)");
  if (aad?.["enableAzureRBAC"] !== true)
    messages.push("aadProfile.enableAzureRBAC must be true (Azure RBAC for Kubernetes authorization)");
  if (cluster["enableRBAC"] === false) messages.push("enableRBAC must not be false");
  return messages;
});

/** IMS205: NetworkPolicies are enforced (Cilium, Azure Network Policy Manager or Calico). */
export const checkNetworkPolicy = clusterRule((cluster) => {
  const policy = text(record(cluster["networkProfile"])?.["networkPolicy"]);
  return policy && (ENFORCING_NETWORK_POLICIES as readonly string[]).includes(policy.toLowerCase())
    ? []
    : [
        `networkProfile.networkPolicy is ${policy ? JSON.stringify(policy) : "unset"}: NetworkPolicies are not enforced; use cilium, azure or calico`,
      ];
});
