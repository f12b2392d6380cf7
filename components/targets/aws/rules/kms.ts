import { text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/** IMS104: symmetric customer-managed keys rotate their material (asymmetric and HMAC keys cannot). */
export function checkKmsRotation(type: string, props: Props): string[] {
  if (type !== "aws:kms/key:Key") return [];
  const spec = text(props["customerMasterKeySpec"]) ?? "SYMMETRIC_DEFAULT";
  const usage = text(props["keyUsage"]) ?? "ENCRYPT_DECRYPT";
  if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") return [];
  return props["enableKeyRotation"] === true ? [] : ["enableKeyRotation must be true"];
}
