import type { RuleDef } from "../../types";
import { checkEksEndpoint, checkEksLogging, checkEksSecretsEncryption } from "./eks";
import { checkWorldOpenIngress } from "./ingress";
import { checkKmsRotation } from "./kms";
import { checkEncryptedVolumes, checkImdsV2 } from "./nodes";
import { checkTlsPolicy } from "./tls";

/** The security pack's AWS rules; they read AWS resources and ignore everything else. */
export const awsSecurityRules: readonly RuleDef[] = [
  { kind: "resource", id: "AWS001", name: "aws-eks-secrets-encryption", enforcementLevel: "mandatory", check: checkEksSecretsEncryption,
    description: "AWS001: EKS encrypts Kubernetes secrets with a customer-managed KMS key." },
  { kind: "resource", id: "AWS002", name: "aws-eks-endpoint-not-world-open", enforcementLevel: "mandatory", check: checkEksEndpoint,
    description: "AWS002: The EKS API endpoint is private, or public only to listed ranges." },
  { kind: "resource", id: "AWS003", name: "aws-eks-control-plane-logging", enforcementLevel: "mandatory", check: checkEksLogging,
    description: "AWS003: EKS sends every control-plane log type (api, audit, authenticator, controllerManager, scheduler)." },
  { kind: "resource", id: "AWS004", name: "aws-kms-key-rotation", enforcementLevel: "mandatory", check: checkKmsRotation,
    description: "AWS004: Symmetric KMS keys rotate automatically." },
  { kind: "resource", id: "AWS005", name: "aws-no-world-open-ingress", enforcementLevel: "mandatory", check: checkWorldOpenIngress,
    description: "AWS005: No security group admits 0.0.0.0/0 or ::/0 except the edge's tagged single-port listener rules." },
  { kind: "resource", id: "AWS006", name: "aws-imdsv2-required", enforcementLevel: "mandatory", check: checkImdsV2,
    description: "AWS006: Instances and node groups require IMDSv2." },
  { kind: "resource", id: "AWS007", name: "aws-encrypted-volumes", enforcementLevel: "mandatory", check: checkEncryptedVolumes,
    description: "AWS007: EBS volumes (node, instance, and EBS StorageClasses) are encrypted." },
  { kind: "resource", id: "AWS008", name: "aws-tls-listener-policy", enforcementLevel: "mandatory", check: checkTlsPolicy,
    description: "AWS008: TLS listeners (NLB, ALB, ingress classes) use a TLS 1.2+ security policy." },
];
