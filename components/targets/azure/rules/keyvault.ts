import { AZURE_TYPES } from "../conventions";
import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/** The longest a key version may serve before Key Vault replaces it. */
export const MAX_ROTATION_DAYS = 365;

/** Days in an ISO 8601 date duration ("P90D", "P1Y", "P3M", "P2W"); undefined for other forms. */
export function durationDays(duration: string | undefined): number | undefined {
  const match = duration ? /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration) : null;
  if (!match || duration === "P") return undefined;
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0));
  return (years ?? 0) * 365 + (months ?? 0) * 30 + (weeks ?? 0) * 7 + (days ?? 0);
}

function vaultProperties(type: string, props: Props): Props | undefined {
  return type === AZURE_TYPES.vault ? (record(props["properties"]) ?? {}) : undefined;
}

/** IMS207: a deleted vault or key can be recovered and never purged early, and data access goes through Azure RBAC. */
export function checkVaultProtection(type: string, props: Props): string[] {
  const vault = vaultProperties(type, props);
  if (!vault) return [];
  const messages: string[] = [];
  if (vault["enablePurgeProtection"] !== true)
    messages.push(
      "properties.enablePurgeProtection must be true, or a deleted key can be purged before its retention ends",
    );
  if (vault["enableSoftDelete"] === false) messages.push("properties.enableSoftDelete must not be false");
  if (vault["enableRbacAuthorization"] !== true)
    messages.push("properties.enableRbacAuthorization must be true (Azure RBAC, not access policies)");
  return messages;
}

/** IMS208: the vault is closed to the public internet (private endpoint, or a firewall that denies by default). */
export function checkVaultNetwork(type: string, props: Props): string[] {
  const vault = vaultProperties(type, props);
  if (!vault) return [];
  if (text(vault["publicNetworkAccess"])?.toLowerCase() === "disabled") return [];
  if (text(record(vault["networkAcls"])?.["defaultAction"])?.toLowerCase() === "deny") return [];
  return [
    "the vault accepts public network traffic: set properties.publicNetworkAccess Disabled or networkAcls.defaultAction Deny",
  ];
}

/**
 * IMS209: every key has a rotation policy that rotates it before its versions expire, at least
 * yearly, and its versions expire.
 */
export function checkKeyRotation(type: string, props: Props): string[] {
  if (type !== AZURE_TYPES.key) return [];
  const policy = record(record(props["properties"])?.["rotationPolicy"]);
  if (!policy) return ["properties.rotationPolicy is unset: the key never rotates"];
  const expiry = durationDays(text(record(policy["attributes"])?.["expiryTime"]));
  if (expiry === undefined)
    return ["rotationPolicy.attributes.expiryTime is unset or not an ISO 8601 duration: key versions never expire"];
  const rotate = list(policy["lifetimeActions"])
    .map((action) => record(action) ?? {})
    .find((action) => text(record(action["action"])?.["type"])?.toLowerCase() === "rotate");
  const trigger = record(rotate?.["trigger"]) ?? {};
  const before = durationDays(text(trigger["timeBeforeExpiry"]));
  const after = durationDays(text(trigger["timeAfterCreate"]));
  if (!rotate || (before === undefined && after === undefined))
    return ["rotationPolicy has no rotate action with a trigger: the key never rotates"];
  const rotatesAt = after ?? expiry - (before ?? 0);
  if (rotatesAt <= 0 || rotatesAt >= expiry)
    return [`rotationPolicy rotates at day ${rotatesAt} but versions expire at day ${expiry}: rotate before expiry`];
  return rotatesAt > MAX_ROTATION_DAYS
    ? [`rotationPolicy rotates every ${rotatesAt} days; rotate at least every ${MAX_ROTATION_DAYS} days`]
    : [];
}
