import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { ALIBABA_TYPES } from "../conventions";

/** IMS405: node disks are encrypted with a KMS key. */
export function checkDiskEncryption(type: string, props: Props): string[] {
  if (type !== ALIBABA_TYPES.nodePool) return [];
  const messages: string[] = [];
  if (props["systemDiskEncrypted"] !== true) messages.push("systemDiskEncrypted is not true: system disks are plain");
  else if (!text(props["systemDiskKmsKey"]))
    messages.push("systemDiskKmsKey is unset: system disks use the default service key");
  list(props["dataDisks"]).forEach((disk, index) => {
    if (record(disk)?.["encrypted"] !== "true" && record(disk)?.["encrypted"] !== true)
      messages.push(`dataDisks[${index}] is not encrypted`);
  });
  return messages;
}
