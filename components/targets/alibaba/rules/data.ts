import { list, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { WORLD_CIDRS } from "../../../core/ranges";
import { ALIBABA_TYPES as T, ENVIRONMENT_TAG } from "../conventions";

/** Whitelist entries that admit everyone: the CIDRs, and the bare addresses Alibaba also accepts. */
const WORLD = [...WORLD_CIDRS, "0.0.0.0"];

/** An untagged resource is held to prod's bar. */
function isProd(props: Props): boolean {
  return (stringMap(props["tags"])[ENVIRONMENT_TAG] ?? "prod") === "prod";
}

const worldIn = (entries: unknown): string[] =>
  list(entries)
    .map(String)
    .filter((entry) => WORLD.includes(entry));
const yes = (value: unknown) => value === true || value === "true";
const missing = (value: unknown) => value === undefined || value === null || value === "";

/** IMS408: every managed data resource is encrypted at rest with a KMS key of the platform's. */
export function checkDataEncryption(type: string, props: Props): string[] {
  switch (type) {
    case T.redis:
      if (text(props["tdeStatus"]) !== "Enabled") return ["tdeStatus is not Enabled: the RDB files are not encrypted"];
      return text(props["encryptionKey"]) ? [] : ["encryptionKey is unset: TDE uses a service key, not the platform's"];
    case T.kafka: {
      const messages: string[] = [];
      if (!text(props["kmsKeyId"]))
        messages.push("kmsKeyId is unset: the brokers' disks are not encrypted with a KMS key");
      if (props["diskType"] !== undefined && Number(props["diskType"]) !== 1)
        messages.push("diskType is not 1 (SSD): only SSDs are encrypted with the key");
      return messages;
    }
    case T.mongodb:
      if (!yes(props["encrypted"])) return ["encrypted is not true: the replica set's disks are plain"];
      return text(props["cloudDiskEncryptionKey"])
        ? []
        : ["cloudDiskEncryptionKey is unset: the disks use a service key, not the platform's"];
    case T.bucket: {
      const rule = record(props["serverSideEncryptionRule"]);
      if (text(rule?.["sseAlgorithm"]) !== "KMS") return ["serverSideEncryptionRule.sseAlgorithm is not KMS"];
      return text(rule?.["kmsMasterKeyId"])
        ? []
        : ["serverSideEncryptionRule.kmsMasterKeyId is unset: objects use OSS's service key, not the platform's"];
    }
    case T.bucketEncryption:
      if (text(props["sseAlgorithm"]) !== "KMS") return ["sseAlgorithm is not KMS"];
      return text(props["kmsMasterKeyId"]) ? [] : ["kmsMasterKeyId is unset: objects use OSS's service key"];
    default:
      return [];
  }
}

/** IMS409: data services answer inside the VPC only: no internet endpoint, no public bucket, no world-open whitelist. */
export function checkDataPrivate(type: string, props: Props): string[] {
  const world = (field: string) =>
    worldIn(props[field]).map((entry) => `${field} admits ${entry}: the whole internet, not the cluster's ranges`);
  switch (type) {
    case T.redis: {
      const messages = world("securityIps");
      if (list(props["securityIps"]).length === 0) messages.push("securityIps is empty: name the pod vSwitches");
      if (props["enablePublic"] === true) messages.push("enablePublic is true: the instance has an internet endpoint");
      return messages;
    }
    case T.mongodb: {
      const messages = world("securityIpLists");
      if (list(props["securityIpLists"]).length === 0)
        messages.push("securityIpLists is empty: name the pod vSwitches");
      if ((text(props["networkType"]) ?? "VPC") !== "VPC") messages.push("networkType is not VPC");
      return messages;
    }
    case T.kafka:
      return Number(props["deployType"]) === 5
        ? []
        : ["deployType is not 5: the instance has an internet endpoint; deploy it VPC-only"];
    case T.kafkaAllowedIp: {
      const messages: string[] = [];
      if (text(props["allowedType"]) !== "vpc")
        messages.push("allowedType is not vpc: the whitelist opens an internet port");
      const ip = text(props["allowedIp"]) ?? "";
      if (WORLD.includes(ip)) messages.push(`allowedIp is ${ip}: the whole VPC and beyond, not the pod vSwitches`);
      return messages;
    }
    case T.bucketAcl:
      return text(props["acl"]) === "private" ? [] : [`acl is ${text(props["acl"]) ?? "unset"}, not private`];
    case T.bucket:
      return props["acl"] === undefined || text(props["acl"]) === "private"
        ? []
        : [`acl is ${text(props["acl"])}: objects are readable without a signature`];
    case T.bucketPublicAccessBlock:
      return props["blockPublicAccess"] === true ? [] : ["blockPublicAccess is not true: a public ACL could open it"];
    default:
      return [];
  }
}

/** IMS410: prod data survives a zone and an operator: second zones, backups, release protection, versions. */
export function checkDataResilience(type: string, props: Props): string[] {
  if (!isProd(props)) return [];
  const messages: string[] = [];
  const backups = () => {
    if (list(props["backupPeriods"]).length === 0) messages.push("backupPeriods is empty: no scheduled backups");
  };
  switch (type) {
    case T.redis:
      if (!text(props["secondaryZoneId"]))
        messages.push("secondaryZoneId is unset: a zone's loss takes the cell's Redis");
      if (props["instanceReleaseProtection"] !== true) messages.push("instanceReleaseProtection is not true");
      backups();
      return messages;
    case T.mongodb:
      if (!text(props["secondaryZoneId"]) || !text(props["hiddenZoneId"]))
        messages.push("secondaryZoneId and hiddenZoneId are not both set: the replica set sits in one zone");
      if (props["dbInstanceReleaseProtection"] !== true) messages.push("dbInstanceReleaseProtection is not true");
      backups();
      if (Number(props["enableBackupLog"]) !== 1) messages.push("enableBackupLog is not 1: no point-in-time restore");
      return messages;
    case T.kafka:
      return list(props["selectedZones"]).length >= 2 || list(props["vswitchIds"]).length >= 2
        ? []
        : ["neither selectedZones nor vswitchIds spans two zones: a zone's loss stops the brokers"];
    case T.bucket:
      if (text(record(props["versioning"])?.["status"]) !== "Enabled")
        messages.push("versioning is not Enabled: an overwrite or delete loses the object");
      if (text(props["redundancyType"]) !== "ZRS") messages.push("redundancyType is not ZRS: one zone holds the data");
      return messages;
    default:
      return [];
  }
}

/**
 * IMS411: clients authenticate, each with its own identity, and no TLS is switched on that
 * OpenIM cannot speak. Redis: AUTH required, TLS off by name (OpenIM v3.8 has no Redis TLS).
 * Kafka: ACLs on (the SASL endpoint), PLAIN users (sarama has no SCRAM), no wildcard grant.
 */
export function checkDataClientAuth(type: string, props: Props): string[] {
  switch (type) {
    case T.redis: {
      const messages: string[] = [];
      if (text(props["vpcAuthMode"]) === "Close")
        messages.push("vpcAuthMode is Close: anyone in the VPC connects without a password");
      // A secret password reaches the pack wrapped: any value but an empty one is a password.
      if (missing(props["password"]) && missing(props["kmsEncryptedPassword"]))
        messages.push("no password: AUTH is not set");
      if (text(props["sslEnable"]) === "Enable")
        messages.push("sslEnable is Enable: OpenIM v3.8's Redis client has no TLS (the named plaintext exception)");
      return messages;
    }
    case T.kafka: {
      let config: unknown;
      try {
        config = JSON.parse(text(props["config"]) ?? "{}");
      } catch {
        return ["config is not JSON"];
      }
      return text(record(config)?.["enable.acl"]) === "true"
        ? []
        : ['config lacks "enable.acl": "true": no SASL endpoint, every cell would share the unauthenticated one'];
    }
    case T.kafkaUser:
      return (text(props["type"]) ?? "plain") === "plain"
        ? []
        : [`type is ${text(props["type"])}: OpenIM's sarama client speaks SASL/PLAIN only`];
    case T.kafkaAcl:
      return (text(props["aclResourceName"]) ?? "") === "*"
        ? ["aclResourceName is *: the user reaches every cell's topics or groups"]
        : [];
    default:
      return [];
  }
}

/** IMS412: a cell's RAM user reaches its own bucket only: no policy grants OSS or KMS on every resource. */
export function checkBucketPolicy(type: string, props: Props): string[] {
  if (type !== T.ramPolicy) return [];
  let document: unknown;
  try {
    document = JSON.parse(text(props["policyDocument"]) ?? text(props["document"]) ?? "{}");
  } catch {
    return ["policyDocument is not JSON"];
  }
  const messages: string[] = [];
  list(record(document)?.["Statement"]).forEach((raw, index) => {
    const statement = record(raw) ?? {};
    if (text(statement["Effect"]) !== "Allow") return;
    const resources = list(statement["Resource"] ?? []).map(String);
    const broad = resources.filter((resource) => resource === "*" || /^acs:(oss|kms):[^:]*:[^:]*:\*$/.test(resource));
    if (broad.length > 0)
      messages.push(`Statement[${index}] allows ${broad.join(", ")}: every bucket or key, not the cell's own`);
  });
  return messages;
}
