import { CONTROL_PLANE_LOG_TYPES } from "../conventions";
import { isParsedCidr, isWorldOpen, parseCidr } from "../../../core/cidr";
import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

export const EKS_CLUSTER = "aws:eks/cluster:Cluster";

/** IMS101: Kubernetes secrets are envelope-encrypted with a customer-managed key. */
export function checkEksSecretsEncryption(type: string, props: Props): string[] {
  if (type !== EKS_CLUSTER) return [];
  const config = record(props["encryptionConfig"]);
  const resources = list(config?.["resources"]);
  const keyArn = text(record(config?.["provider"])?.["keyArn"]);
  return resources.includes("secrets") && keyArn
    ? []
    : ['encryptionConfig must encrypt "secrets" with a KMS key (provider.keyArn)'];
}

/** IMS102: a public API endpoint, where there is one, admits listed ranges, never the whole internet. */
export function checkEksEndpoint(type: string, props: Props): string[] {
  if (type !== EKS_CLUSTER) return [];
  const vpc = record(props["vpcConfig"]) ?? {};
  // EKS turns the public endpoint on, open to 0.0.0.0/0, unless told otherwise.
  if (vpc["endpointPublicAccess"] === false) return [];
  const cidrs = list(vpc["publicAccessCidrs"]).map((item) => text(item) ?? "");
  if (cidrs.length === 0)
    return [
      "the public API endpoint is on with no publicAccessCidrs, which admits 0.0.0.0/0; turn it off or list ranges",
    ];
  return cidrs
    .filter((cidr) => {
      const parsed = parseCidr(cidr);
      return !isParsedCidr(parsed) || isWorldOpen(parsed);
    })
    .map((cidr) => `publicAccessCidrs admits ${cidr} to the Kubernetes API; list specific ranges`);
}

/** IMS103: every control-plane log type goes to CloudWatch. */
export function checkEksLogging(type: string, props: Props): string[] {
  if (type !== EKS_CLUSTER) return [];
  const enabled = list(props["enabledClusterLogTypes"]);
  const missing = CONTROL_PLANE_LOG_TYPES.filter((logType) => !enabled.includes(logType));
  return missing.length > 0 ? [`enabledClusterLogTypes lacks ${missing.join(", ")}`] : [];
}
