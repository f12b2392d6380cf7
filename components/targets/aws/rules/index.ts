import type { RuleDef } from "../../../core/rule-contract";
import { checkAmpWorkspaceKey } from "./amp";
import {
  checkDataCustomerKey,
  checkDataPrivate,
  checkDataProdResilience,
  checkDataTls,
  checkDataUserScoped,
} from "./data";
import { checkDefaultSecurityGroups } from "./default-security-group";
import { checkEksEndpoint, checkEksLogging, checkEksSecretsEncryption } from "./eks";
import { checkWorldOpenIngress } from "./ingress";
import { checkKmsRotation } from "./kms";
import { checkEncryptedVolumes, checkImdsV2 } from "./nodes";
import { checkTlsPolicy } from "./tls";
import { checkTrafficHealthChecked } from "./traffic";

/** The security pack's AWS rules; they read AWS resources and ignore everything else. */
export const awsSecurityRules: readonly RuleDef[] = [
  {
    kind: "resource",
    id: "IMS101",
    details: "`aws:eks/cluster:Cluster` encrypts `secrets` with a KMS key",
    name: "aws-eks-secrets-encryption",
    enforcementLevel: "mandatory",
    check: checkEksSecretsEncryption,
    description: "IMS101: EKS encrypts Kubernetes secrets with a customer-managed KMS key.",
  },
  {
    kind: "resource",
    id: "IMS102",
    details: "EKS public endpoint off, or on with `publicAccessCidrs` that are not `0.0.0.0/0` (unset means open)",
    name: "aws-eks-endpoint-not-world-open",
    enforcementLevel: "mandatory",
    check: checkEksEndpoint,
    description: "IMS102: The EKS API endpoint is private, or public only to listed ranges.",
  },
  {
    kind: "resource",
    id: "IMS103",
    details: "all five control-plane log types enabled",
    name: "aws-eks-control-plane-logging",
    enforcementLevel: "mandatory",
    check: checkEksLogging,
    description:
      "IMS103: EKS sends every control-plane log type (api, audit, authenticator, controllerManager, scheduler).",
  },
  {
    kind: "resource",
    id: "IMS104",
    details: "symmetric `aws:kms/key:Key` has `enableKeyRotation: true`",
    name: "aws-kms-key-rotation",
    enforcementLevel: "mandatory",
    check: checkKmsRotation,
    description: "IMS104: Symmetric KMS keys rotate automatically.",
  },
  {
    kind: "resource",
    id: "IMS105",
    details:
      "no `0.0.0.0/0` / `::/0` ingress (rule resources, `SecurityGroupRule`, inline `ingress`) unless a single-port TCP/UDP rule tagged `im-platform.io/edge-listener`",
    name: "aws-no-world-open-ingress",
    enforcementLevel: "mandatory",
    check: checkWorldOpenIngress,
    description:
      "IMS105: No security group admits 0.0.0.0/0 or ::/0 except the edge's tagged single-port listener rules.",
  },
  {
    kind: "resource",
    id: "IMS106",
    details: "launch templates and instances set `httpTokens: required`; EKS node groups use a launch template",
    name: "aws-imdsv2-required",
    enforcementLevel: "mandatory",
    check: checkImdsV2,
    description: "IMS106: Instances and node groups require IMDSv2.",
  },
  {
    kind: "resource",
    id: "IMS107",
    details:
      "launch template block devices, instance root volumes, EBS volumes and `ebs.csi.aws.com` StorageClasses are encrypted",
    name: "aws-encrypted-volumes",
    enforcementLevel: "mandatory",
    check: checkEncryptedVolumes,
    description: "IMS107: EBS volumes (node, instance, and EBS StorageClasses) are encrypted.",
  },
  {
    kind: "resource",
    id: "IMS108",
    details:
      "TLS/HTTPS listeners, NLB Services with a certificate, ALB Ingresses and IngressClassParams use a TLS 1.2+ `ELBSecurityPolicy-*`",
    name: "aws-tls-listener-policy",
    enforcementLevel: "mandatory",
    check: checkTlsPolicy,
    description: "IMS108: TLS listeners (NLB, ALB, ingress classes) use a TLS 1.2+ security policy.",
  },
  {
    kind: "stack",
    id: "IMS109",
    details:
      "every `aws:ec2/vpc:Vpc` has an `aws:ec2/defaultSecurityGroup:DefaultSecurityGroup` with no ingress or egress",
    name: "aws-default-security-group-closed",
    enforcementLevel: "mandatory",
    check: checkDefaultSecurityGroups,
    description: "IMS109: The default security group of every VPC the stack creates has no rules.",
  },
  {
    kind: "resource",
    id: "IMS110",
    details: "`aws:amp/workspace:Workspace` sets `kmsKeyArn`",
    name: "aws-amp-workspace-customer-key",
    enforcementLevel: "mandatory",
    check: checkAmpWorkspaceKey,
    description:
      "IMS110: Amazon Managed Service for Prometheus workspaces encrypt metrics with a customer-managed KMS key.",
  },
  {
    kind: "resource",
    id: "IMS111",
    details:
      "`aws:route53/record:Record` with failover or weighted routing sets `healthCheckId`; `aws:route53/healthCheck:HealthCheck` is neither `disabled` nor `invertHealthcheck`",
    name: "aws-traffic-health-checked",
    enforcementLevel: "mandatory",
    check: checkTrafficHealthChecked,
    description: "IMS111: Every tenant hostname's failover or weighted Route 53 record has a working health check.",
  },
  {
    kind: "resource",
    id: "IMS112",
    details:
      "ElastiCache replication groups (`atRestEncryptionEnabled` + `kmsKeyId`), MSK clusters (`encryptionAtRestKmsKeyArn`), DocumentDB clusters (`storageEncrypted` + `kmsKeyId`) and S3 encryption configurations (`aws:kms` + `kmsMasterKeyId`)",
    name: "aws-data-customer-key",
    enforcementLevel: "mandatory",
    check: checkDataCustomerKey,
    description:
      "IMS112: Managed data stores (ElastiCache, MSK, DocumentDB, S3) are encrypted at rest with a customer-managed KMS key.",
  },
  {
    kind: "resource",
    id: "IMS113",
    details: "MSK `publicAccess.type` unset or `DISABLED`; S3 public access blocks all four true; no public bucket ACL",
    name: "aws-data-private",
    enforcementLevel: "mandatory",
    check: checkDataPrivate,
    description:
      "IMS113: Managed data stores have no public access: MSK brokers stay in the VPC, buckets block public access.",
  },
  {
    kind: "resource",
    id: "IMS114",
    details:
      "ElastiCache `transitEncryptionEnabled` (mode `required`) with an AUTH token or user group; MSK `clientBroker: TLS` and `inCluster`; DocumentDB parameter `tls` not `disabled`",
    name: "aws-data-tls",
    enforcementLevel: "mandatory",
    check: checkDataTls,
    description:
      "IMS114: Managed data traffic is TLS: Kafka and DocumentDB, and Redis too (the kit's proxy in the cell carries OpenIM's plaintext client to it).",
  },
  {
    kind: "resource",
    id: "IMS115",
    details: `resources tagged \`${"im-platform-environment"}: prod\` or untagged: ElastiCache failover, multi-AZ and snapshots; DocumentDB deletion protection, 7+ days of backups, a final snapshot`,
    name: "aws-data-prod-resilience",
    enforcementLevel: "mandatory",
    check: checkDataProdResilience,
    description: "IMS115: Prod managed data has automatic failover, backups and deletion protection.",
  },
  {
    kind: "resource",
    id: "IMS116",
    details: '`aws:iam/userPolicy:UserPolicy` allows no `s3:`, `kms:` or `*` action on `Resource: "*"`',
    name: "aws-data-user-scoped",
    enforcementLevel: "mandatory",
    check: checkDataUserScoped,
    description: "IMS116: A cell's object-store user may reach only its own bucket and key.",
  },
];
