import { record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { GCP_TYPES } from "../conventions";

/** The node settings of a node pool, or of a cluster's default pool; undefined on other resources. */
function nodeConfigOf(type: string, props: Props): Props | undefined {
  if (type === GCP_TYPES.nodePool) return record(props["nodeConfig"]) ?? {};
  if (type === GCP_TYPES.cluster) return record(props["nodeConfig"]) ?? {};
  return undefined;
}

/** IMS305: nodes boot as Shielded VMs with secure boot and integrity monitoring. */
export function checkShieldedNodes(type: string, props: Props): string[] {
  const node = nodeConfigOf(type, props);
  if (!node) return [];
  const messages: string[] = [];
  if (type === GCP_TYPES.cluster && props["enableShieldedNodes"] !== true)
    messages.push("enableShieldedNodes must be true");
  const shielded = record(node["shieldedInstanceConfig"]);
  if (shielded?.["enableSecureBoot"] !== true)
    messages.push("nodeConfig.shieldedInstanceConfig.enableSecureBoot must be true");
  if (shielded?.["enableIntegrityMonitoring"] === false)
    messages.push("nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring must not be false");
  return messages;
}

/** The Compute Engine default account: project Editor, far beyond what a node needs. */
function isDefaultAccount(account: string): boolean {
  return account === "default" || account.endsWith("-compute@developer.gserviceaccount.com");
}

/** IMS306: nodes run as a dedicated service account, never the Compute Engine default. */
export function checkNodeServiceAccount(type: string, props: Props): string[] {
  const node = nodeConfigOf(type, props);
  if (!node) return [];
  const account = text(node["serviceAccount"]);
  if (!account)
    return ["nodeConfig.serviceAccount is unset, so nodes run as the Compute Engine default service account"];
  return isDefaultAccount(account)
    ? [`nodeConfig.serviceAccount ${account} is the Compute Engine default service account`]
    : [];
}

/** IMS311: Workload Identity on the cluster, and pods see only the GKE metadata server. */
export function checkWorkloadIdentity(type: string, props: Props): string[] {
  const node = nodeConfigOf(type, props);
  if (!node) return [];
  const messages: string[] = [];
  if (type === GCP_TYPES.cluster && !text(record(props["workloadIdentityConfig"])?.["workloadPool"])) {
    messages.push("workloadIdentityConfig.workloadPool must be set");
  }
  if (text(record(node["workloadMetadataConfig"])?.["mode"]) !== "GKE_METADATA") {
    messages.push(
      "nodeConfig.workloadMetadataConfig.mode must be GKE_METADATA, or pods can read the node's credentials",
    );
  }
  return messages;
}
