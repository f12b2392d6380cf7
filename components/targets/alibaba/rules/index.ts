import type { ResourceRuleDef } from "../../../core/rule-contract";
import { checkClusterLogging, checkNetworkPolicy, checkPrivateEndpoint, checkSecretsEncryption } from "./cluster";
import {
  checkBucketPolicy,
  checkDataClientAuth,
  checkDataEncryption,
  checkDataPrivate,
  checkDataResilience,
} from "./data";
import { checkKeyRotation } from "./kms";
import { checkDiskEncryption } from "./node-pool";
import { checkSecurityGroupRule } from "./security-group";

/** Alibaba Cloud rules of the security pack (IMS4xx): they read ACK, ECS, KMS and the managed data services' resources only. */
export const alibabaSecurityRules: readonly ResourceRuleDef[] = [
  {
    kind: "resource",
    id: "IMS401",
    details: "ACK `encryptionProviderKey` set and `disableEncryption` not true",
    name: "ack-secrets-encryption",
    enforcementLevel: "mandatory",
    check: checkSecretsEncryption,
    description: "IMS401: ACK encrypts Kubernetes secrets with a KMS key.",
  },
  {
    kind: "resource",
    id: "IMS402",
    details: "`slbInternetEnabled: false` unless the cluster is tagged with an environment other than prod",
    name: "ack-private-endpoint",
    enforcementLevel: "mandatory",
    check: checkPrivateEndpoint,
    description: "IMS402: A prod ACK cluster's API server has no internet endpoint.",
  },
  {
    kind: "resource",
    id: "IMS403",
    details: "`automaticRotation: Enabled` with a `rotationInterval` of 365 days or less",
    name: "alibaba-kms-key-rotation",
    enforcementLevel: "mandatory",
    check: checkKeyRotation,
    description: "IMS403: KMS keys rotate automatically at least every 365 days.",
  },
  {
    kind: "resource",
    id: "IMS404",
    details:
      "no ingress from `0.0.0.0/0`/`::/0` but single-port TCP/UDP rules described as edge listener rules; no public source to ports 22 or 3389",
    name: "alibaba-no-world-open-security-group",
    enforcementLevel: "mandatory",
    check: checkSecurityGroupRule,
    description:
      "IMS404: No security group rule admits the whole internet beyond the edge's listener ports, nor opens management ports.",
  },
  {
    kind: "resource",
    id: "IMS405",
    details: "node pools `systemDiskEncrypted: true` with `systemDiskKmsKey`; data disks encrypted",
    name: "ack-disk-encryption",
    enforcementLevel: "mandatory",
    check: checkDiskEncryption,
    description: "IMS405: ACK node disks are encrypted with a KMS key.",
  },
  {
    kind: "resource",
    id: "IMS406",
    details: "`auditLogConfig.enabled`; control-plane logs of apiserver, kcm and scheduler with a retention",
    name: "ack-logging",
    enforcementLevel: "mandatory",
    check: checkClusterLogging,
    description: "IMS406: ACK keeps its audit log and control-plane logs in Simple Log Service.",
  },
  {
    kind: "resource",
    id: "IMS407",
    details: 'a Terway add-on with `NetworkPolicy: "true"`',
    name: "ack-network-policy",
    enforcementLevel: "mandatory",
    check: checkNetworkPolicy,
    description: "IMS407: ACK enforces network policies (Terway's policy engine).",
  },
  {
    kind: "resource",
    id: "IMS408",
    details:
      "Tair `tdeStatus: Enabled` with `encryptionKey`; ApsaraMQ `kmsKeyId` on SSDs; MongoDB `encrypted` with `cloudDiskEncryptionKey`; OSS SSE `KMS` with `kmsMasterKeyId`",
    name: "alibaba-data-encryption",
    enforcementLevel: "mandatory",
    check: checkDataEncryption,
    description:
      "IMS408: Managed Redis, Kafka, MongoDB and buckets are encrypted at rest with a KMS key of the platform's.",
  },
  {
    kind: "resource",
    id: "IMS409",
    details:
      "whitelists (`securityIps`, `securityIpLists`, Kafka allowed IPs) name ranges, never `0.0.0.0/0`; Kafka `deployType: 5`; MongoDB `networkType: VPC`; buckets private with public access blocked",
    name: "alibaba-data-private",
    enforcementLevel: "mandatory",
    check: checkDataPrivate,
    description: "IMS409: Managed data services answer inside the VPC only, to the cluster's ranges.",
  },
  {
    kind: "resource",
    id: "IMS410",
    details:
      "prod (or untagged): Redis and MongoDB in a second (and hidden) zone, release protection, scheduled backups, MongoDB log backups; Kafka over two zones; buckets versioned and ZRS",
    name: "alibaba-data-resilience",
    enforcementLevel: "mandatory",
    check: checkDataResilience,
    description:
      "IMS410: Prod data survives a zone's loss and a mistaken delete: second zones, backups, protection, versions.",
  },
  {
    kind: "resource",
    id: "IMS411",
    details:
      'Redis `vpcAuthMode` not `Close`, a password, `sslEnable` not `Enable` (named exception: OpenIM has no Redis TLS); Kafka `"enable.acl": "true"`, PLAIN users, no `*` ACL',
    name: "alibaba-data-client-auth",
    enforcementLevel: "mandatory",
    check: checkDataClientAuth,
    description:
      "IMS411: Cells authenticate to Redis and Kafka with identities of their own; no TLS mode OpenIM cannot speak is switched on.",
  },
  {
    kind: "resource",
    id: "IMS412",
    details: "no RAM policy allows `*`, `acs:oss:*:*:*` or `acs:kms:*:*:*`",
    name: "alibaba-bucket-user-scope",
    enforcementLevel: "mandatory",
    check: checkBucketPolicy,
    description: "IMS412: A cell's RAM user may reach its own bucket and key only.",
  },
];
