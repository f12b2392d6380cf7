import type * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as storage from "@pulumi/gcp/storage";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedObjectStore } from "../../capabilities";
import type { GcpTargetConfig } from "../schema";
import { bucketName, dataLabels } from "./names";
import { STORAGE_HOST, STORAGE_PORT } from "./network";
import type { GcpDataSettings } from "./settings";

/**
 * What the cell's account may do, on its own bucket only: read and write objects, and read the
 * bucket's metadata, which OpenIM's minio engine asks for when it starts (BucketExists, then
 * GetBucketLocation) and objectAdmin alone does not grant.
 */
export const BUCKET_ROLES = ["roles/storage.objectAdmin", "roles/storage.legacyBucketReader"] as const;

/** Methods of OpenIM's signed links: browsers upload with PUT/POST and fetch with GET. */
const CORS_METHODS = ["GET", "HEAD", "PUT", "POST"];

export interface CellBucketArgs {
  readonly environment: string;
  readonly dataSet: string;
  readonly cell: string;
  /** The bucket name the kit chose for the cell (unique in the stack). */
  readonly bucket: string;
  readonly key: pulumi.Input<string>;
  readonly account: serviceaccount.Account;
}

/**
 * A cell's Cloud Storage bucket, reached through the S3-compatible XML API with an HMAC key of
 * the cell's own service account (OpenIM's `minio` engine takes static keys only): encrypted with
 * the tenant's or the platform's key, never public, uniform access so only IAM decides.
 */
export function createCellBucket(
  name: string,
  cluster: GcpTargetConfig,
  settings: GcpDataSettings,
  args: CellBucketArgs,
  opts: pulumi.CustomResourceOptions,
): { resources: pulumi.Resource[]; binding: ManagedObjectStore } {
  const protect = settings.deletionProtection;
  const bucket = new storage.Bucket(
    name,
    {
      project: cluster.project,
      name: bucketName(args.bucket, cluster.project),
      // The bucket shares its key's region: a CMEK bucket must be where its key is.
      location: cluster.region.toUpperCase(),
      storageClass: "STANDARD",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      encryption: { defaultKmsKeyName: args.key },
      versioning: { enabled: settings.objectStore.versioning },
      cors: [
        {
          origins: [...settings.objectStore.corsOrigins],
          methods: CORS_METHODS,
          responseHeaders: ["Content-Type", "Content-Length", "ETag", "x-goog-resumable"],
          maxAgeSeconds: 3600,
        },
      ],
      forceDestroy: !protect,
      deletionPolicy: protect ? "PREVENT" : "DELETE",
      labels: dataLabels(args.environment, args.dataSet, args.cell),
    },
    opts,
  );
  const member = args.account.email.apply((email) => `serviceAccount:${email}`);
  const grants = BUCKET_ROLES.map(
    (role) =>
      new storage.BucketIAMMember(
        `${name}-${role.split(".").pop()?.toLowerCase()}`,
        { bucket: bucket.name, role, member },
        opts,
      ),
  );
  const hmac = new storage.HmacKey(
    `${name}-hmac`,
    { project: cluster.project, serviceAccountEmail: args.account.email },
    opts,
  );
  return {
    resources: [bucket, ...grants, hmac],
    binding: {
      engine: "minio",
      address: `${STORAGE_HOST}:${STORAGE_PORT}`,
      useTls: true,
      externalAddress: `https://${STORAGE_HOST}`,
      bucket: bucketName(args.bucket, cluster.project),
      accessKeyId: hmac.accessId,
      secretAccessKey: hmac.secret,
    },
  };
}
