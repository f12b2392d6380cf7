import * as oss from "@pulumi/alicloud/oss";
import * as ram from "@pulumi/alicloud/ram";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedCellRequest, ManagedObjectStore } from "../../capabilities";
import { slug, type DataContext } from "./context";

/** OpenIM's `oss` engine calls the region's internal endpoint, inside Alibaba's network. */
export function ossInternalEndpoint(region: string): string {
  return `https://oss-${region}-internal.aliyuncs.com`;
}

/** The bucket's public domain: where clients fetch what OpenIM links to. */
export function ossBucketUrl(bucket: string, region: string): string {
  return `https://${bucket}.oss-${region}.aliyuncs.com`;
}

/** What a cell's RAM user may do: objects of its own bucket, and the key that encrypts them. */
export function bucketPolicy(bucket: string, region: string, keyId: string): string {
  return JSON.stringify({
    Version: "1",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "oss:GetObject",
          "oss:PutObject",
          "oss:DeleteObject",
          "oss:HeadObject",
          "oss:ListObjects",
          "oss:ListParts",
          "oss:AbortMultipartUpload",
          "oss:GetBucketInfo",
        ],
        Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`],
      },
      {
        // SSE-KMS with a named key: writers need a data key, readers need it decrypted.
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: [`acs:kms:${region}:*:key/${keyId}`],
      },
    ],
  });
}

/**
 * A cell's bucket: private, public access blocked, SSE-KMS under the cell's key, CORS for
 * browser uploads through OpenIM's presigned URLs, versioning and zone-redundant storage in prod;
 * and a RAM user whose only policy is that bucket, with the access key OpenIM's `oss` engine uses
 * (it takes static keys only).
 */
export function createBucket(
  name: string,
  ctx: DataContext,
  cell: ManagedCellRequest,
  opts: pulumi.CustomResourceOptions,
): { resources: pulumi.Resource[]; binding: ManagedObjectStore } {
  const { settings } = ctx;
  const prefix = `${name}-bucket-${cell.cell}`;
  const keyId = ctx.keyFor(cell.keyTenant);
  const bucket = new oss.Bucket(
    prefix,
    {
      bucket: cell.bucket,
      storageClass: "Standard",
      redundancyType: settings.prod ? "ZRS" : "LRS",
      forceDestroy: !settings.deletionProtection,
      // Inline, so the security pack sees a bucket's encryption and versioning on the bucket itself.
      serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: keyId },
      versioning: settings.objectStore.versioning ? { status: "Enabled" } : undefined,
      tags: { ...ctx.tags, cell: cell.cell },
    },
    opts,
  );
  const onBucket = { ...opts, dependsOn: [bucket] };
  const resources: pulumi.Resource[] = [
    bucket,
    new oss.BucketAcl(`${prefix}-acl`, { bucket: bucket.bucket, acl: "private" }, onBucket),
    new oss.BucketPublicAccessBlock(
      `${prefix}-public-block`,
      { bucket: bucket.bucket, blockPublicAccess: true },
      onBucket,
    ),
    new oss.BucketCors(
      `${prefix}-cors`,
      {
        bucket: bucket.bucket,
        corsRules: [
          {
            allowedOrigins: [...settings.objectStore.corsOrigins],
            allowedMethods: ["GET", "PUT", "POST", "HEAD"],
            allowedHeaders: ["*"],
            exposeHeaders: ["ETag", "x-oss-request-id"],
            maxAgeSeconds: 600,
          },
        ],
      },
      onBucket,
    ),
  ];

  const userName = `${ctx.baseName}-${slug(cell.cell)}`.slice(0, 64);
  const user = new ram.User(
    `${prefix}-user`,
    { name: userName, displayName: userName, comments: `im-platform: OpenIM of cell ${cell.cell}, its bucket only` },
    opts,
  );
  const policy = new ram.Policy(
    `${prefix}-policy`,
    {
      policyName: `${userName}-bucket`.slice(0, 128),
      description: `im-platform: objects of bucket ${cell.bucket} only`,
      policyDocument: pulumi.output(keyId).apply((key) => bucketPolicy(cell.bucket, ctx.region, key)),
      force: true,
    },
    opts,
  );
  const attachment = new ram.UserPolicyAttachment(
    `${prefix}-policy-attachment`,
    { userName: user.name, policyName: policy.policyName, policyType: "Custom" },
    opts,
  );
  const key = new ram.AccessKey(
    `${prefix}-access-key`,
    { userName: user.name, status: "Active" },
    {
      ...opts,
      dependsOn: [attachment],
      additionalSecretOutputs: ["secret"],
    },
  );
  resources.push(user, policy, attachment, key);
  return {
    resources,
    binding: {
      engine: "oss",
      endpoint: ossInternalEndpoint(ctx.region),
      bucket: cell.bucket,
      bucketUrl: ossBucketUrl(cell.bucket, ctx.region),
      accessKeyId: key.id,
      secretAccessKey: pulumi.secret(key.secret),
    },
  };
}
