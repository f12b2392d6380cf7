import type * as pulumi from "@pulumi/pulumi";
import { encryptedStorageClass } from "../storage-class";

export const PLATFORM_STORAGE_CLASS = "im-kms";
/** The Alibaba Cloud disk CSI driver ACK installs (csi-plugin). */
export const DISK_CSI_DRIVER = "diskplugin.csi.alibabacloud.com";

export function tenantStorageClass(tenantId: string): string {
  return `${PLATFORM_STORAGE_CLASS}-${tenantId}`;
}

/** An ESSD class whose disks are encrypted with the given KMS key. */
export function createKmsStorageClass(
  name: string,
  className: string,
  key: pulumi.Input<string>,
  tenant: string | undefined,
  opts: pulumi.CustomResourceOptions,
) {
  const parameters = { type: "cloud_essd", encrypted: "true", kmsKeyId: key };
  return encryptedStorageClass(name, { className, tenant, provisioner: DISK_CSI_DRIVER, parameters }, opts);
}
