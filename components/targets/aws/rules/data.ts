import { DATA_TYPES, ENVIRONMENT_TAG } from "../conventions";
import { list, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/** A resource tagged with another environment is held to that; an untagged one to prod's bar. */
function isProd(props: Props): boolean {
  return (stringMap(props["tags"])[ENVIRONMENT_TAG] ?? "prod") === "prod";
}

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== "";
const number = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

/** IMS112: every managed data store is encrypted at rest with a customer-managed KMS key. */
export function checkDataCustomerKey(type: string, props: Props): string[] {
  switch (type) {
    case DATA_TYPES.replicationGroup:
      if (props["atRestEncryptionEnabled"] !== true) return ["atRestEncryptionEnabled is not true"];
      return text(props["kmsKeyId"]) ? [] : ["kmsKeyId is unset: at-rest encryption uses an AWS owned key"];
    case DATA_TYPES.mskCluster:
      return text(record(props["encryptionInfo"])?.["encryptionAtRestKmsKeyArn"])
        ? []
        : ["encryptionInfo.encryptionAtRestKmsKeyArn is unset: brokers' volumes use the AWS managed key"];
    case DATA_TYPES.docdbCluster:
      if (props["storageEncrypted"] !== true) return ["storageEncrypted is not true"];
      return text(props["kmsKeyId"]) ? [] : ["kmsKeyId is unset: storage uses the AWS managed key"];
    case DATA_TYPES.bucketEncryption: {
      const rules = list(props["rules"]).map((rule) => record(record(rule)?.["applyServerSideEncryptionByDefault"]));
      const keyed = rules.some(
        (rule) =>
          ["aws:kms", "aws:kms:dsse"].includes(text(rule?.["sseAlgorithm"]) ?? "") && text(rule?.["kmsMasterKeyId"]),
      );
      return keyed ? [] : ["no rule encrypts with aws:kms and a kmsMasterKeyId: objects use an AWS owned key"];
    }
    default:
      return [];
  }
}

/** IMS113: no managed data store is reachable from the internet: MSK brokers, S3 buckets. */
export function checkDataPrivate(type: string, props: Props): string[] {
  switch (type) {
    case DATA_TYPES.mskCluster: {
      const access = text(
        record(record(record(props["brokerNodeGroupInfo"])?.["connectivityInfo"])?.["publicAccess"])?.["type"],
      );
      return access === undefined || access === "DISABLED" ? [] : [`brokers have public access (${access})`];
    }
    case DATA_TYPES.bucketPublicAccessBlock: {
      const open = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].filter(
        (field) => props[field] !== true,
      );
      return open.length === 0 ? [] : [`the public access block leaves ${open.join(", ")} off`];
    }
    case DATA_TYPES.bucket: {
      const acl = text(props["acl"]) ?? "";
      return acl.startsWith("public-") || acl === "authenticated-read" ? [`the bucket's ACL is ${acl}`] : [];
    }
    default:
      return [];
  }
}

/**
 * IMS114: data in transit is TLS. Kafka (client-broker and in-cluster) and DocumentDB (its
 * `tls` parameter) because OpenIM's clients speak it; Redis too, although OpenIM's client has
 * none: ElastiCache takes an AUTH token only over TLS, and the kit's proxy in the cell carries
 * the plaintext leg, so TLS is required (not `preferred`) and a cell authenticates.
 */
export function checkDataTls(type: string, props: Props): string[] {
  switch (type) {
    case DATA_TYPES.replicationGroup: {
      const found: string[] = [];
      if (props["transitEncryptionEnabled"] !== true) found.push("transitEncryptionEnabled is not true");
      else if (text(props["transitEncryptionMode"]) === "preferred")
        found.push("transitEncryptionMode is preferred, which admits plaintext clients");
      // A token may arrive as a string or, being a secret, wrapped: its presence is what counts.
      const authenticated =
        present(props["authToken"]) || present(props["authTokenWo"]) || list(props["userGroupIds"]).length > 0;
      if (!authenticated) found.push("no authToken or user group: any client in reach may run commands");
      return found;
    }
    case DATA_TYPES.mskCluster: {
      const transit = record(record(props["encryptionInfo"])?.["encryptionInTransit"]) ?? {};
      const found: string[] = [];
      // MSK's defaults are TLS and true.
      const clientBroker = text(transit["clientBroker"]) ?? "TLS";
      if (clientBroker !== "TLS")
        found.push(`encryptionInTransit.clientBroker is ${clientBroker}, which admits plaintext clients`);
      if (transit["inCluster"] === false) found.push("encryptionInTransit.inCluster is false");
      return found;
    }
    case DATA_TYPES.docdbParameterGroup: {
      const tls = list(props["parameters"])
        .map((parameter) => record(parameter))
        .find((parameter) => text(parameter?.["name"]) === "tls");
      return text(tls?.["value"]) === "disabled" ? ["the tls parameter is disabled"] : [];
    }
    default:
      return [];
  }
}

/** IMS115: prod data survives a zone, a bad deploy and a mistaken delete: failover, backups, deletion protection. */
export function checkDataProdResilience(type: string, props: Props): string[] {
  if (!isProd(props)) return [];
  const found: string[] = [];
  if (type === DATA_TYPES.replicationGroup) {
    if (props["automaticFailoverEnabled"] !== true) found.push("automaticFailoverEnabled is not true");
    if (props["multiAzEnabled"] !== true) found.push("multiAzEnabled is not true");
    if ((number(props["snapshotRetentionLimit"]) ?? 0) < 1) found.push("snapshotRetentionLimit is below 1: no backups");
  } else if (type === DATA_TYPES.docdbCluster) {
    if (props["deletionProtection"] !== true) found.push("deletionProtection is not true");
    if ((number(props["backupRetentionPeriod"]) ?? 1) < 7) found.push("backupRetentionPeriod is below 7 days");
    if (props["skipFinalSnapshot"] === true) found.push("skipFinalSnapshot is true");
  }
  return found;
}

/** IMS116: a data user's inline policy names its resources: no S3 or KMS action on every resource. */
export function checkDataUserScoped(type: string, props: Props): string[] {
  if (type !== DATA_TYPES.userPolicy) return [];
  let document: unknown;
  try {
    document = JSON.parse(text(props["policy"]) ?? "{}");
  } catch {
    return ["the policy is not JSON"];
  }
  const statements = list(record(document)?.["Statement"]).map((statement) => record(statement) ?? {});
  return statements
    .filter((statement) => statement["Effect"] === "Allow")
    .filter((statement) => {
      const resources = [statement["Resource"]].flat();
      const actions = [statement["Action"]].flat().map((action) => text(action) ?? "");
      return resources.includes("*") && actions.some((action) => /^(s3|kms):|^\*$/.test(action));
    })
    .map((statement) => `statement ${text(statement["Sid"]) ?? "(no Sid)"} allows S3 or KMS actions on every resource`);
}
