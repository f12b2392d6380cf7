import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { GCP_TYPES } from "../conventions";

/** A rule over the GKE cluster resource alone. */
function clusterRule(check: (cluster: Props) => string[]): (type: string, props: Props) => string[] {
  return (type, props) => (type === GCP_TYPES.cluster ? check(props) : []);
}

/** IMS301: Kubernetes secrets are encrypted in etcd with a customer-managed Cloud KMS key. */
export const checkSecretsCmek = clusterRule((cluster) => {
  const encryption = record(cluster["databaseEncryption"]);
  if (text(encryption?.["state"]) !== "ENCRYPTED")
    return ["databaseEncryption.state must be ENCRYPTED (application-layer secrets encryption)"];
  const keyName = text(encryption?.["keyName"]);
  return keyName && /\/cryptoKeys\/[^/]+$/.test(keyName)
    ? []
    : [`databaseEncryption.keyName ${JSON.stringify(keyName ?? "")} is not a Cloud KMS key`];
});

/** IMS302: nodes have private addresses only (the cluster, and no pool opting out). */
export function checkPrivateNodes(type: string, props: Props): string[] {
  if (type === GCP_TYPES.cluster) {
    return record(props["privateClusterConfig"])?.["enablePrivateNodes"] === true
      ? []
      : ["privateClusterConfig.enablePrivateNodes must be true"];
  }
  if (type === GCP_TYPES.nodePool) {
    return record(props["networkConfig"])?.["enablePrivateNodes"] === false
      ? ["networkConfig.enablePrivateNodes: false gives this pool's nodes public addresses"]
      : [];
  }
  return [];
}

/** IMS303: the control plane is private, or reachable only from listed networks (never the whole internet). */
export const checkControlPlaneAccess = clusterRule((cluster) => {
  const blocks = list(record(cluster["masterAuthorizedNetworksConfig"])?.["cidrBlocks"]).map((block) =>
    text(record(block)?.["cidrBlock"]),
  );
  const open = blocks.filter((block) => block === "0.0.0.0/0" || block === "::/0");
  if (open.length > 0) return [`masterAuthorizedNetworksConfig admits ${open.join(", ")}: the whole internet`];
  if (record(cluster["privateClusterConfig"])?.["enablePrivateEndpoint"] === true) return [];
  return blocks.length > 0
    ? []
    : [
        "the control plane endpoint is public and masterAuthorizedNetworksConfig lists no networks; enable the private endpoint or list the networks",
      ];
});

/** IMS304: network policies are enforced (Dataplane V2, or the Calico network policy add-on). */
export const checkNetworkPolicy = clusterRule((cluster) => {
  if (text(cluster["datapathProvider"]) === "ADVANCED_DATAPATH") return [];
  const addon = record(record(cluster["addonsConfig"])?.["networkPolicyConfig"]);
  if (record(cluster["networkPolicy"])?.["enabled"] === true && addon?.["disabled"] !== true) return [];
  return [
    "network policies are not enforced: set datapathProvider ADVANCED_DATAPATH (Dataplane V2) or enable networkPolicy",
  ];
});

/** IMS309: system logs and metrics reach Cloud Logging and Cloud Monitoring. */
export const checkLoggingMonitoring = clusterRule((cluster) => {
  const messages: string[] = [];
  for (const [service, config, name] of [
    ["loggingService", "loggingConfig", "logging"],
    ["monitoringService", "monitoringConfig", "monitoring"],
  ] as const) {
    if (text(cluster[service]) === "none") messages.push(`${service} is "none": ${name} is off`);
    const components = record(cluster[config])?.["enableComponents"];
    if (components !== undefined && !list(components).includes("SYSTEM_COMPONENTS")) {
      messages.push(`${config}.enableComponents must include SYSTEM_COMPONENTS`);
    }
  }
  return messages;
});

/** IMS310: no legacy ABAC, no basic auth, no client certificates: IAM and RBAC only. */
export const checkNoLegacyAuth = clusterRule((cluster) => {
  const messages: string[] = [];
  if (cluster["enableLegacyAbac"] === true) messages.push("enableLegacyAbac must be false");
  const auth = record(cluster["masterAuth"]);
  if (record(auth?.["clientCertificateConfig"])?.["issueClientCertificate"] === true)
    messages.push("masterAuth.clientCertificateConfig.issueClientCertificate must be false");
  if (text(auth?.["username"]) || text(auth?.["password"]))
    messages.push("masterAuth must not set a basic-auth username or password");
  return messages;
});

/** IMS313: traffic between pods on one node passes the VPC, so flow logs and firewall rules see it. */
export const checkIntranodeVisibility = clusterRule((cluster) =>
  cluster["enableIntranodeVisibility"] === true
    ? []
    : [
        "enableIntranodeVisibility is not true: pod-to-pod traffic on one node, between cells too, bypasses the VPC's flow logs",
      ],
);
