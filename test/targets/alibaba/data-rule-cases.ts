import { ALIBABA_TYPES as A, ENVIRONMENT_TAG } from "../../../components/targets/alibaba/conventions";
import type { Props } from "../../../policies/rules/types";
import { patched, type RuleCase } from "../../policies/helpers";

const PROD = { [ENVIRONMENT_TAG]: "prod" };
const PODS = ["10.0.64.0/19", "10.0.96.0/19"];

/** Managed data resources every Alibaba rule accepts (prod-tagged, so the prod rules apply). */
const redis = (): Props => ({
  tdeStatus: "Enabled",
  encryptionKey: "key-data",
  securityIps: PODS,
  vpcAuthMode: "Open",
  password: "Str0ng-Passw0rd",
  sslEnable: "Disable",
  secondaryZoneId: "cn-hangzhou-j",
  instanceReleaseProtection: true,
  backupPeriods: ["Monday", "Thursday"],
  tags: PROD,
});
const kafka = (): Props => ({
  deployType: 5,
  diskType: 1,
  kmsKeyId: "key-data",
  vswitchIds: ["vsw-a", "vsw-b", "vsw-c"],
  selectedZones: ["cn-hangzhou-h", "cn-hangzhou-j", "cn-hangzhou-k"],
  config: JSON.stringify({ "enable.acl": "true", "kafka.log.retention.hours": "72" }),
  tags: PROD,
});
const allowedIp = (): Props => ({ allowedType: "vpc", portRange: "9094/9094", allowedIp: "10.0.64.0/19" });
const saslUser = (): Props => ({ username: "acme", type: "plain" });
const saslAcl = (): Props => ({ aclResourceName: "acme.toRedis", aclResourceType: "Topic", aclOperationType: "Read" });
const mongo = (): Props => ({
  encrypted: true,
  cloudDiskEncryptionKey: "key-data",
  securityIpLists: PODS,
  networkType: "VPC",
  secondaryZoneId: "cn-hangzhou-j",
  hiddenZoneId: "cn-hangzhou-k",
  dbInstanceReleaseProtection: true,
  backupPeriods: ["Monday"],
  enableBackupLog: 1,
  tags: PROD,
});
const bucket = (): Props => ({
  serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: "key-data" },
  versioning: { status: "Enabled" },
  redundancyType: "ZRS",
  tags: PROD,
});
const bucketAcl = (): Props => ({ acl: "private" });
const publicBlock = (): Props => ({ blockPublicAccess: true });
const policy = (): Props => ({
  policyDocument: JSON.stringify({
    Version: "1",
    Statement: [
      { Effect: "Allow", Action: ["oss:GetObject"], Resource: ["acs:oss:*:*:im-acme", "acs:oss:*:*:im-acme/*"] },
      { Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["acs:kms:cn-hangzhou:*:key/key-data"] },
    ],
  }),
});

export const dataCompliant: Array<[string, () => Props]> = [
  [A.redis, redis],
  [A.kafka, kafka],
  [A.kafkaAllowedIp, allowedIp],
  [A.kafkaUser, saslUser],
  [A.kafkaAcl, saslAcl],
  [A.mongodb, mongo],
  [A.bucket, bucket],
  [A.bucketAcl, bucketAcl],
  [A.bucketPublicAccessBlock, publicBlock],
  [A.ramPolicy, policy],
];

const c = (policy: string, title: string, type: string, props: Props, expected: RegExp): RuleCase => ({
  policy,
  title,
  type,
  props,
  expected,
});

export const dataCases: RuleCase[] = [
  c("alibaba-data-encryption", "Redis without TDE", A.redis, patched(redis, { tdeStatus: undefined }), /tdeStatus/),
  c(
    "alibaba-data-encryption",
    "Redis TDE under a service key",
    A.redis,
    patched(redis, { encryptionKey: undefined }),
    /service key/,
  ),
  c(
    "alibaba-data-encryption",
    "Kafka without a key",
    A.kafka,
    patched(kafka, { kmsKeyId: undefined }),
    /kmsKeyId is unset/,
  ),
  c("alibaba-data-encryption", "Kafka on ultra disks", A.kafka, patched(kafka, { diskType: 0 }), /only SSDs/),
  c(
    "alibaba-data-encryption",
    "MongoDB plain disks",
    A.mongodb,
    patched(mongo, { encrypted: false }),
    /disks are plain/,
  ),
  c(
    "alibaba-data-encryption",
    "MongoDB service key",
    A.mongodb,
    patched(mongo, { cloudDiskEncryptionKey: undefined }),
    /service key/,
  ),
  c(
    "alibaba-data-encryption",
    "bucket AES256",
    A.bucket,
    patched(bucket, { serverSideEncryptionRule: { sseAlgorithm: "AES256" } }),
    /not KMS/,
  ),
  c(
    "alibaba-data-encryption",
    "bucket KMS without the key",
    A.bucket,
    patched(bucket, { serverSideEncryptionRule: { sseAlgorithm: "KMS" } }),
    /kmsMasterKeyId is unset/,
  ),
  c(
    "alibaba-data-private",
    "Redis open to the world",
    A.redis,
    patched(redis, { securityIps: ["0.0.0.0/0"] }),
    /whole internet/,
  ),
  c(
    "alibaba-data-private",
    "Redis with no whitelist",
    A.redis,
    patched(redis, { securityIps: [] }),
    /securityIps is empty/,
  ),
  c(
    "alibaba-data-private",
    "Redis internet endpoint",
    A.redis,
    patched(redis, { enablePublic: true }),
    /internet endpoint/,
  ),
  c(
    "alibaba-data-private",
    "MongoDB open to the world",
    A.mongodb,
    patched(mongo, { securityIpLists: ["10.0.64.0/19", "0.0.0.0/0"] }),
    /0\.0\.0\.0\/0/,
  ),
  c(
    "alibaba-data-private",
    "Kafka with an internet endpoint",
    A.kafka,
    patched(kafka, { deployType: 4 }),
    /deployType is not 5/,
  ),
  c(
    "alibaba-data-private",
    "Kafka whitelist of everyone",
    A.kafkaAllowedIp,
    patched(allowedIp, { allowedIp: "0.0.0.0/0" }),
    /whole VPC/,
  ),
  c(
    "alibaba-data-private",
    "Kafka internet whitelist",
    A.kafkaAllowedIp,
    patched(allowedIp, { allowedType: "internet" }),
    /internet port/,
  ),
  c("alibaba-data-private", "public-read bucket", A.bucketAcl, { acl: "public-read" }, /not private/),
  c(
    "alibaba-data-private",
    "public access not blocked",
    A.bucketPublicAccessBlock,
    { blockPublicAccess: false },
    /blockPublicAccess/,
  ),
  c(
    "alibaba-data-resilience",
    "prod Redis in one zone",
    A.redis,
    patched(redis, { secondaryZoneId: undefined }),
    /zone's loss/,
  ),
  c(
    "alibaba-data-resilience",
    "prod Redis releasable",
    A.redis,
    patched(redis, { instanceReleaseProtection: false }),
    /instanceReleaseProtection/,
  ),
  c(
    "alibaba-data-resilience",
    "untagged Redis without backups",
    A.redis,
    patched(redis, { backupPeriods: [], tags: {} }),
    /no scheduled backups/,
  ),
  c(
    "alibaba-data-resilience",
    "prod MongoDB in one zone",
    A.mongodb,
    patched(mongo, { hiddenZoneId: undefined }),
    /one zone/,
  ),
  c(
    "alibaba-data-resilience",
    "prod MongoDB without PITR",
    A.mongodb,
    patched(mongo, { enableBackupLog: 0 }),
    /point-in-time/,
  ),
  c(
    "alibaba-data-resilience",
    "prod Kafka in one zone",
    A.kafka,
    patched(kafka, { vswitchIds: ["vsw-a"], selectedZones: undefined }),
    /two zones/,
  ),
  c(
    "alibaba-data-resilience",
    "prod bucket unversioned",
    A.bucket,
    patched(bucket, { versioning: undefined }),
    /versioning/,
  ),
  c("alibaba-data-resilience", "prod bucket in one zone", A.bucket, patched(bucket, { redundancyType: "LRS" }), /ZRS/),
  c(
    "alibaba-data-client-auth",
    "Redis without AUTH",
    A.redis,
    patched(redis, { vpcAuthMode: "Close" }),
    /without a password/,
  ),
  c(
    "alibaba-data-client-auth",
    "Redis with TLS OpenIM cannot speak",
    A.redis,
    patched(redis, { sslEnable: "Enable" }),
    /no TLS/,
  ),
  c("alibaba-data-client-auth", "Kafka without ACLs", A.kafka, patched(kafka, { config: "{}" }), /enable.acl/),
  c("alibaba-data-client-auth", "SCRAM user", A.kafkaUser, patched(saslUser, { type: "scram" }), /PLAIN only/),
  c("alibaba-data-client-auth", "wildcard ACL", A.kafkaAcl, patched(saslAcl, { aclResourceName: "*" }), /every cell/),
  c(
    "alibaba-bucket-user-scope",
    "a policy over every bucket",
    A.ramPolicy,
    {
      policyDocument: JSON.stringify({
        Statement: [{ Effect: "Allow", Action: ["oss:*"], Resource: ["acs:oss:*:*:*"] }],
      }),
    },
    /every bucket or key/,
  ),
];

/** Dev-tagged data resources may sit in one zone, unversioned, releasable. */
export const devData: Array<[string, Props]> = [
  [
    A.redis,
    patched(redis, {
      secondaryZoneId: undefined,
      instanceReleaseProtection: false,
      tags: { [ENVIRONMENT_TAG]: "dev" },
    }),
  ],
  [A.mongodb, patched(mongo, { hiddenZoneId: undefined, enableBackupLog: 0, tags: { [ENVIRONMENT_TAG]: "dev" } })],
  [A.bucket, patched(bucket, { versioning: undefined, redundancyType: "LRS", tags: { [ENVIRONMENT_TAG]: "dev" } })],
];
