import { text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { GCP_TYPES } from "../conventions";

export const MAX_ROTATION_DAYS = 90;

/** IMS308: symmetric keys rotate automatically, at least every 90 days. */
export function checkKeyRotation(type: string, props: Props): string[] {
  if (type !== GCP_TYPES.cryptoKey) return [];
  if ((text(props["purpose"]) ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") return [];
  const period = text(props["rotationPeriod"]);
  if (!period) return ["rotationPeriod is unset: the key never rotates"];
  const seconds = /^(\d+(?:\.\d+)?)s$/.exec(period)?.[1];
  if (seconds === undefined)
    return [`rotationPeriod ${JSON.stringify(period)} is not a duration in seconds ("7776000s")`];
  const days = Number(seconds) / 86_400;
  return days > MAX_ROTATION_DAYS
    ? [`rotationPeriod is ${Math.round(days)} days; rotate at least every ${MAX_ROTATION_DAYS} days`]
    : [];
}
