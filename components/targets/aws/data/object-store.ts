import * as iam from "@pulumi/aws/iam";
import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedCellRequest, ManagedObjectStore } from "../../capabilities";
import { policyDocument, type Statement } from "../iam";
import { dataTags, keyFor, type AwsDataContext } from "./context";
import { physicalName } from "./names";

/** What OpenIM's aws engine does with its bucket: objects, multipart uploads, and listing. */
export const OBJECT_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
] as const;
export const BUCKET_ACTIONS = ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"] as const;

/** The cell's user may touch its own bucket and, through S3 only, its key: nothing else. */
export function cellUserPolicy(args: { partition: string; region: string; bucket: string; keyArn: string }): string {
  const bucketArn = `arn:${args.partition}:s3:::${args.bucket}`;
  const statements: Statement[] = [
    { Sid: "CellObjects", Effect: "Allow", Action: [...OBJECT_ACTIONS], Resource: `${bucketArn}/*` },
    { Sid: "CellBucket", Effect: "Allow", Action: [...BUCKET_ACTIONS], Resource: bucketArn },
    {
      Sid: "CellKeyThroughS3",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
      Resource: args.keyArn,
      Condition: { StringEquals: { "kms:ViaService": `s3.${args.region}.amazonaws.com` } },
    },
  ];
  return policyDocument(statements);
}

/** Refuse any request to the bucket that is not over TLS. */
export function bucketPolicy(partition: string, bucket: string): string {
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  return policyDocument([
    {
      Sid: "TlsOnly",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}

/**
 * A cell's own bucket: private (public access blocked, ACLs off), encrypted with the cell's key
 * (bucket keys on, fewer KMS calls), TLS only, CORS for presigned browser uploads, versioned in
 * prod. OpenIM's aws engine takes static keys only, so each cell gets an IAM user whose policy
 * names its bucket and key alone, and an access key for it.
 */
export function cellObjectStore(
  name: string,
  args: { context: AwsDataContext; dataSet: string; cell: ManagedCellRequest },
  opts: pulumi.CustomResourceOptions,
): { bucket: s3.Bucket; binding: ManagedObjectStore } {
  const { context, cell } = args;
  const settings = context.settings.objectStore;
  const tags = dataTags(context, args.dataSet, { "im-platform-cell": cell.cell });
  const keyArn = keyFor(context, cell.keyTenant);
  const bucket = new s3.Bucket(name, { bucket: cell.bucket, forceDestroy: false, tags }, opts);
  const on = { ...opts, parent: bucket };
  const access = new s3.BucketPublicAccessBlock(
    name,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    on,
  );
  new s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, on);
  new s3.BucketServerSideEncryptionConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
          bucketKeyEnabled: true,
        },
      ],
    },
    on,
  );
  new s3.BucketPolicy(
    name,
    { bucket: bucket.id, policy: bucketPolicy(context.partition, cell.bucket) },
    { ...on, dependsOn: [access] },
  );
  new s3.BucketCorsConfiguration(
    name,
    {
      bucket: bucket.id,
      corsRules: [
        {
          allowedMethods: ["GET", "PUT", "POST", "HEAD"],
          allowedOrigins: [...settings.corsOrigins],
          allowedHeaders: ["*"],
          exposeHeaders: ["ETag"],
          maxAgeSeconds: 3600,
        },
      ],
    },
    on,
  );
  const rules: s3.BucketLifecycleConfigurationArgs["rules"] = [
    {
      id: "abort-incomplete-uploads",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
  if (settings.versioning) {
    new s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, on);
    rules.push({
      id: "expire-earlier-versions",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: settings.noncurrentVersionDays },
    });
  }
  new s3.BucketLifecycleConfiguration(name, { bucket: bucket.id, rules }, on);

  const user = new iam.User(
    `${name}-user`,
    { name: physicalName(context.clusterName, [cell.cell, "objects"], 64), path: "/im-platform/", tags },
    opts,
  );
  new iam.UserPolicy(
    `${name}-user`,
    {
      user: user.name,
      policy: pulumi
        .output(keyArn)
        .apply((key) =>
          cellUserPolicy({ partition: context.partition, region: context.region, bucket: cell.bucket, keyArn: key }),
        ),
    },
    { ...opts, parent: user },
  );
  const accessKey = new iam.AccessKey(`${name}-user`, { user: user.name }, { ...opts, parent: user });
  return {
    bucket,
    binding: {
      engine: "aws",
      region: context.region,
      bucket: cell.bucket,
      accessKeyId: accessKey.id,
      secretAccessKey: pulumi.secret(accessKey.secret),
    },
  };
}
