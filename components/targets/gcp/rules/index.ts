import type { ResourceRuleDef } from "../../../core/rule-contract";
import { checkControlPlaneAccess, checkLoggingMonitoring, checkNetworkPolicy, checkNoLegacyAuth, checkPrivateNodes, checkSecretsCmek } from "./cluster";
import { checkKeyRotation } from "./kms";
import { checkFirewall, checkFlowLogs } from "./network";
import { checkNodeServiceAccount, checkShieldedNodes, checkWorkloadIdentity } from "./node-config";

/** GCP rules of the security pack (IMS3xx): they read GKE, VPC and Cloud KMS resources only. */
export const gcpSecurityRules: readonly ResourceRuleDef[] = [
  { kind: "resource", id: "IMS301", details: "GKE `databaseEncryption` is `ENCRYPTED` with a Cloud KMS key", name: "gke-secrets-cmek", enforcementLevel: "mandatory", check: checkSecretsCmek,
    description: "IMS301: GKE encrypts Kubernetes secrets with a customer-managed Cloud KMS key." },
  { kind: "resource", id: "IMS302", details: "cluster `enablePrivateNodes: true`; no node pool sets `networkConfig.enablePrivateNodes: false`", name: "gke-private-nodes", enforcementLevel: "mandatory", check: checkPrivateNodes,
    description: "IMS302: GKE nodes have private addresses only." },
  { kind: "resource", id: "IMS303", details: "private endpoint, or authorized networks listed; never `0.0.0.0/0`", name: "gke-control-plane-access", enforcementLevel: "mandatory", check: checkControlPlaneAccess,
    description: "IMS303: The GKE control plane is private or limited to authorized networks, never the whole internet." },
  { kind: "resource", id: "IMS304", details: "Dataplane V2 (`ADVANCED_DATAPATH`) or the network policy add-on enabled", name: "gke-network-policy", enforcementLevel: "mandatory", check: checkNetworkPolicy,
    description: "IMS304: GKE enforces network policies (Dataplane V2 or the network policy add-on)." },
  { kind: "resource", id: "IMS305", details: "`enableShieldedNodes`; node configs with secure boot and integrity monitoring", name: "gke-shielded-nodes", enforcementLevel: "mandatory", check: checkShieldedNodes,
    description: "IMS305: GKE nodes are Shielded VMs with secure boot and integrity monitoring." },
  { kind: "resource", id: "IMS306", details: "node configs name a service account other than the Compute Engine default", name: "gke-node-service-account", enforcementLevel: "mandatory", check: checkNodeServiceAccount,
    description: "IMS306: GKE nodes run as a dedicated service account, not the Compute Engine default." },
  { kind: "resource", id: "IMS307", details: "no ingress allow from `0.0.0.0/0`/`::/0`; SSH/RDP from public ranges only via IAP", name: "gcp-no-world-open-firewall", enforcementLevel: "mandatory", check: checkFirewall,
    description: "IMS307: No VPC firewall rule admits the whole internet; SSH and RDP only through IAP." },
  { kind: "resource", id: "IMS308", details: "symmetric Cloud KMS keys rotate at least every 90 days", name: "kms-key-rotation", enforcementLevel: "mandatory", check: checkKeyRotation,
    description: "IMS308: Cloud KMS keys rotate automatically at least every 90 days." },
  { kind: "resource", id: "IMS309", details: "logging/monitoring not `none`; enabled components include `SYSTEM_COMPONENTS`", name: "gke-logging-monitoring", enforcementLevel: "mandatory", check: checkLoggingMonitoring,
    description: "IMS309: GKE sends system logs and metrics to Cloud Logging and Cloud Monitoring." },
  { kind: "resource", id: "IMS310", details: "no legacy ABAC, basic auth or client certificates", name: "gke-no-legacy-auth", enforcementLevel: "mandatory", check: checkNoLegacyAuth,
    description: "IMS310: GKE has legacy ABAC, basic auth and client certificates off." },
  { kind: "resource", id: "IMS311", details: "a workload pool; node configs with `GKE_METADATA`", name: "gke-workload-identity", enforcementLevel: "mandatory", check: checkWorkloadIdentity,
    description: "IMS311: GKE uses Workload Identity and hides node credentials from pods." },
  { kind: "resource", id: "IMS312", details: "VPC subnets have `logConfig` (flow logs)", name: "gcp-subnet-flow-logs", enforcementLevel: "mandatory", check: checkFlowLogs,
    description: "IMS312: VPC subnets keep flow logs." },
];
