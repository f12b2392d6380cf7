import type * as pulumi from "@pulumi/pulumi";
import { encryptedStorageClass } from "../storage-class";

export const PLATFORM_STORAGE_CLASS = "im-cmek";

export function tenantStorageClass(tenantId: string): string {
  return `${PLATFORM_STORAGE_CLASS}-${tenantId}`;
}

/** A zonal persistent-disk class whose disks are encrypted with the given Cloud KMS key. */
export function createCmekStorageClass(
  name: string,
  className: string,
  key: pulumi.Input<string>,
  tenant: string | undefined,
  opts: pulumi.CustomResourceOptions,
) {
  const parameters = { type: "pd-balanced", "disk-encryption-kms-key": key };
  return encryptedStorageClass(name, { className, tenant, provisioner: "pd.csi.storage.gke.io", parameters }, opts);
}
