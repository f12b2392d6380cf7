import * as kms from "@pulumi/aws/kms";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, type Statement } from "./iam";

export interface AwsKeysArgs {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly clusterName: string;
  /** VIP tenants with `dedicatedKey: true`. */
  readonly tenants: readonly string[];
  /** Whether the cluster's metrics go to an Amazon Managed Service for Prometheus workspace, which gets a key of its own. */
  readonly metrics?: boolean;
  /** Whether the stack runs managed data services (`data.mode: managed`), which get a key of their own. */
  readonly data?: boolean;
}

/** Key administration stays with the account (and through it with IAM policies), as in the AWS default policy. */
function accountRoot(args: AwsKeysArgs): Statement {
  return {
    Sid: "AccountAdministers",
    Effect: "Allow",
    Principal: { AWS: `arn:${args.partition}:iam::${args.accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** CloudWatch Logs may use the key for this account's log groups in this region only. */
function logsService(args: AwsKeysArgs): Statement {
  return {
    Sid: "CloudWatchLogsEncrypt",
    Effect: "Allow",
    Principal: { Service: `logs.${args.region}.amazonaws.com` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": `arn:${args.partition}:logs:${args.region}:${args.accountId}:log-group:*`,
      },
    },
  };
}

/**
 * Amazon Managed Service for Prometheus may use the key for this account's workspaces (the
 * statement its encryption-at-rest guide gives): it validates the key, then creates grants for
 * its own data keys. Callers reach the data only through the service, after its own IAM checks.
 */
export function prometheusService(args: Pick<AwsKeysArgs, "accountId" | "region">): Statement {
  return {
    Sid: "ManagedPrometheusUsesKey",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: ["kms:DescribeKey", "kms:CreateGrant", "kms:GenerateDataKey", "kms:Decrypt"],
    Resource: "*",
    Condition: {
      StringEquals: { "kms:ViaService": `aps.${args.region}.amazonaws.com`, "kms:CallerAccount": args.accountId },
    },
  };
}

/** Node groups launch through EC2 Auto Scaling, whose service-linked role must use the volume key. */
function autoScalingVolumes(args: AwsKeysArgs): Statement[] {
  const role = `arn:${args.partition}:iam::${args.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  return [
    {
      Sid: "AutoScalingUsesKey",
      Effect: "Allow",
      Principal: { AWS: role },
      Resource: "*",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    },
    {
      Sid: "AutoScalingGrantsForVolumes",
      Effect: "Allow",
      Principal: { AWS: role },
      Resource: "*",
      Action: "kms:CreateGrant",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}

/**
 * Customer-managed keys, each rotated yearly: Kubernetes secrets (envelope encryption in etcd),
 * node and persistent volumes, logs (control plane and flow logs), the metrics workspace (when
 * metrics are collected), managed data (ElastiCache, MSK, DocumentDB, S3, when the stack runs them),
 * and one per VIP tenant that asks for a key of its own (its volumes and its managed data).
 */
export class AwsKeys extends pulumi.ComponentResource {
  readonly secrets: kms.Key;
  readonly volumes: kms.Key;
  readonly logs: kms.Key;
  /** The metrics workspace's key; undefined when the cluster's metrics are not collected. */
  readonly metrics?: kms.Key;
  /** The managed data services' key; undefined when the stack runs none. The services use it through grants their caller makes. */
  readonly data?: kms.Key;
  readonly tenants: Readonly<Record<string, kms.Key>>;

  constructor(name: string, args: AwsKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsKeys", name, {}, opts);
    const key = (suffix: string, description: string, statements: Statement[]) => {
      const created = new kms.Key(
        `${name}-${suffix}`,
        {
          description: `${args.clusterName}: ${description}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: policyDocument([accountRoot(args), ...statements]),
        },
        { parent: this },
      );
      new kms.Alias(
        `${name}-${suffix}`,
        { name: `alias/${args.clusterName}/${suffix}`, targetKeyId: created.keyId },
        { parent: this },
      );
      return created;
    };
    this.secrets = key("secrets", "Kubernetes secrets envelope encryption", []);
    this.volumes = key("volumes", "node and persistent volumes", autoScalingVolumes(args));
    this.logs = key("logs", "control plane and VPC flow logs", [logsService(args)]);
    if (args.metrics)
      this.metrics = key("metrics", "Amazon Managed Service for Prometheus workspace", [prometheusService(args)]);
    if (args.data) this.data = key("data", "managed data services (ElastiCache, MSK, DocumentDB, S3)", []);
    this.tenants = Object.fromEntries(
      args.tenants.map((tenant) => [
        tenant,
        key(`tenant-${tenant}`, `volumes and managed data of VIP tenant ${tenant}`, autoScalingVolumes(args)),
      ]),
    );
    this.registerOutputs({ secrets: this.secrets.arn, volumes: this.volumes.arn, logs: this.logs.arn });
  }
}
