import type { RuleDef } from "../../../core/rule-contract";
import { checkEksEndpoint, checkEksLogging, checkEksSecretsEncryption } from "./eks";
import { checkWorldOpenIngress } from "./ingress";
import { checkKmsRotation } from "./kms";
import { checkEncryptedVolumes, checkImdsV2 } from "./nodes";
import { checkTlsPolicy } from "./tls";

/** The security pack's AWS rules; they read AWS resources and ignore everything else. */
export const awsSecurityRules: readonly RuleDef[] = [
  { kind: "resource", id: "IMS101", name: "aws-eks-secrets-encryption", enforcementLevel: "mandatory", check: checkEksSecretsEncryption,
    description: "IMS101: EKS encrypts Kubernetes secrets with a customer-managed KMS key." },
  { kind: "resource", id: "IMS102", name: "aws-eks-endpoint-not-world-open", enforcementLevel: "mandatory", check: checkEksEndpoint,
    description: "IMS102: The EKS API endpoint is private, or public only to listed ranges." },
  { kind: "resource", id: "IMS103", name: "aws-eks-control-plane-logging", enforcementLevel: "mandatory", check: checkEksLogging,
    description: "IMS103: EKS sends every control-plane log type (api, audit, authenticator, controllerManager, scheduler)." },
  { kind: "resource", id: "IMS104", name: "aws-kms-key-rotation", enforcementLevel: "mandatory", check: checkKmsRotation,
    description: "IMS104: Symmetric KMS keys rotate automatically." },
  { kind: "resource", id: "IMS105", name: "aws-no-world-open-ingress", enforcementLevel: "mandatory", check: checkWorldOpenIngress,
    description: "IMS105: No security group admits 0.0.0.0/0 or ::/0 except the edge's tagged single-port listener rules." },
  { kind: "resource", id: "IMS106", name: "aws-imdsv2-required", enforcementLevel: "mandatory", check: checkImdsV2,
    description: "IMS106: Instances and node groups require IMDSv2." },
  { kind: "resource", id: "IMS107", name: "aws-encrypted-volumes", enforcementLevel: "mandatory", check: checkEncryptedVolumes,
    description: "IMS107: EBS volumes (node, instance, and EBS StorageClasses) are encrypted." },
  { kind: "resource", id: "IMS108", name: "aws-tls-listener-policy", enforcementLevel: "mandatory", check: checkTlsPolicy,
    description: "IMS108: TLS listeners (NLB, ALB, ingress classes) use a TLS 1.2+ security policy." },
];
