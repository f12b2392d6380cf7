import { list, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { ALIBABA_TYPES, ENVIRONMENT_TAG } from "../conventions";

/** Control-plane components whose logs an incident review needs at the least. */
export const REQUIRED_LOG_COMPONENTS = ["apiserver", "kcm", "scheduler"];

/** IMS401: Kubernetes secrets are encrypted with a KMS key. */
export function checkSecretsEncryption(type: string, props: Props): string[] {
  if (type !== ALIBABA_TYPES.cluster) return [];
  if (props["disableEncryption"] === true) return ["disableEncryption is true: secrets are stored unencrypted"];
  return text(props["encryptionProviderKey"])
    ? []
    : ["encryptionProviderKey is unset: secrets are not encrypted with a KMS key"];
}

/**
 * IMS402: a prod cluster's API server has no internet endpoint. Only a cluster tagged with another
 * environment may have one (behind its whitelist ACL); an untagged cluster is held to prod's bar.
 */
export function checkPrivateEndpoint(type: string, props: Props): string[] {
  if (type !== ALIBABA_TYPES.cluster) return [];
  const environment = stringMap(props["tags"])[ENVIRONMENT_TAG] ?? "prod";
  if (environment !== "prod") return [];
  // ACK creates the internet endpoint unless told not to.
  return props["slbInternetEnabled"] === false
    ? []
    : ["slbInternetEnabled is not false: the prod API server has an internet endpoint; set apiServer.privateEndpoint"];
}

/** IMS406: the audit log and the control plane's logs go to Simple Log Service. */
export function checkClusterLogging(type: string, props: Props): string[] {
  if (type !== ALIBABA_TYPES.cluster) return [];
  const messages: string[] = [];
  if (record(props["auditLogConfig"])?.["enabled"] !== true)
    messages.push("auditLogConfig.enabled is not true: no audit log");
  const components = list(props["controlPlaneLogComponents"]).map(String);
  const missing = REQUIRED_LOG_COMPONENTS.filter((component) => !components.includes(component));
  if (missing.length > 0)
    messages.push(`controlPlaneLogComponents lacks ${missing.join(", ")}: those control-plane logs are not kept`);
  if (!text(props["controlPlaneLogTtl"]))
    messages.push("controlPlaneLogTtl is unset: control-plane logs are not collected");
  return messages;
}

/** IMS407: Terway enforces network policies, so cells' NetworkPolicies hold. */
export function checkNetworkPolicy(type: string, props: Props): string[] {
  if (type !== ALIBABA_TYPES.cluster) return [];
  const terway = list(props["addons"])
    .map((addon) => record(addon) ?? {})
    .find((addon) => text(addon["name"])?.startsWith("terway"));
  if (!terway) return ["no Terway add-on: network policies are not enforced"];
  let config: unknown;
  try {
    config = JSON.parse(text(terway["config"]) ?? "{}");
  } catch {
    return ["the Terway add-on's config is not JSON"];
  }
  return record(config)?.["NetworkPolicy"] === "true"
    ? []
    : ['the Terway add-on\'s config lacks NetworkPolicy: "true": network policies are not enforced'];
}
