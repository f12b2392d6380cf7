import { AZURE_TYPES, DISK_CSI_PROVISIONER } from "../conventions";
import { kindOf, list, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/** An ephemeral OS disk lives on the VM host, out of reach of the disk encryption set; only encryption at host covers it. */
function poolProblem(pool: Props, where: string): string[] {
  const ephemeral = text(pool["osDiskType"])?.toLowerCase() === "ephemeral";
  return ephemeral && pool["enableEncryptionAtHost"] !== true
    ? [
        `${where} uses ephemeral OS disks, which the disk encryption set does not cover; use osDiskType Managed or enableEncryptionAtHost`,
      ]
    : [];
}

/**
 * IMS206: node OS disks use the cluster's disk encryption set (customer-managed key): the cluster
 * names one, no pool opts out through unencrypted ephemeral disks, and Azure Disk StorageClasses
 * name a set for the volumes they create.
 */
export function checkDiskEncryption(type: string, props: Props): string[] {
  if (type === AZURE_TYPES.cluster) {
    const messages = text(props["diskEncryptionSetID"])
      ? []
      : ["diskEncryptionSetID is unset: node disks use platform-managed keys"];
    list(props["agentPoolProfiles"]).forEach((item, index) => {
      const pool = record(item) ?? {};
      messages.push(...poolProblem(pool, `agentPoolProfiles[${index}] (${text(pool["name"]) ?? "?"})`));
    });
    return messages;
  }
  if (type === AZURE_TYPES.agentPool) return poolProblem(props, "the pool");
  if (
    type.startsWith("kubernetes:") &&
    kindOf(type) === "StorageClass" &&
    text(props["provisioner"]) === DISK_CSI_PROVISIONER
  ) {
    return stringMap(props["parameters"])["diskEncryptionSetID"]
      ? []
      : ["StorageClass for Azure Disk must set parameters.diskEncryptionSetID (customer-managed key)"];
  }
  return [];
}
