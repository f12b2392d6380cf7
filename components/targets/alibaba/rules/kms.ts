import { text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { ALIBABA_TYPES } from "../conventions";

/** The longest rotation period KMS offers: a key rotates at least yearly. */
export const MAX_ROTATION_DAYS = 365;

const UNIT_SECONDS: Readonly<Record<string, number>> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** A KMS rotation interval ("90d", "7776000s") in days, or undefined when it is not one. */
export function intervalDays(interval: string): number | undefined {
  const match = /^(\d+)([dhms])$/.exec(interval);
  if (!match) return undefined;
  return (Number(match[1]) * UNIT_SECONDS[match[2]!]!) / 86_400;
}

/** IMS403: symmetric keys rotate automatically, at least every 365 days. */
export function checkKeyRotation(type: string, props: Props): string[] {
  if (type !== ALIBABA_TYPES.kmsKey) return [];
  if ((text(props["keyUsage"]) ?? "ENCRYPT/DECRYPT") !== "ENCRYPT/DECRYPT") return [];
  if (text(props["automaticRotation"]) !== "Enabled")
    return ["automaticRotation is not Enabled: the key never rotates"];
  const interval = text(props["rotationInterval"]);
  if (!interval) return ["rotationInterval is unset: the key has no rotation period"];
  const days = intervalDays(interval);
  if (days === undefined) return [`rotationInterval ${JSON.stringify(interval)} is not a period like "90d"`];
  return days > MAX_ROTATION_DAYS
    ? [`rotationInterval is ${Math.round(days)} days; rotate at least every ${MAX_ROTATION_DAYS} days`]
    : [];
}
