import type * as pulumi from "@pulumi/pulumi";
import { encryptedStorageClass } from "../storage-class";
import { DISK_CSI_PROVISIONER } from "./conventions";

export const PLATFORM_STORAGE_CLASS = "im-cmk";

export function tenantStorageClass(tenantId: string): string {
  return `${PLATFORM_STORAGE_CLASS}-${tenantId}`;
}

/**
 * A zone-redundant Premium SSD class whose disks are encrypted with a disk encryption set, and
 * can be neither exported nor reached from public networks.
 */
export function createCmkStorageClass(
  name: string,
  className: string,
  diskEncryptionSetId: pulumi.Input<string>,
  tenant: string | undefined,
  opts: pulumi.CustomResourceOptions,
) {
  const parameters = {
    skuName: "Premium_ZRS",
    diskEncryptionSetID: diskEncryptionSetId,
    diskEncryptionType: "EncryptionAtRestWithCustomerKey",
    networkAccessPolicy: "DenyAll",
    publicNetworkAccess: "Disabled",
  };
  return encryptedStorageClass(name, { className, tenant, provisioner: DISK_CSI_PROVISIONER, parameters }, opts);
}
