import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels, labelKeys } from "../../core/labels";
import { DISK_CSI_PROVISIONER } from "./conventions";

export const PLATFORM_STORAGE_CLASS = "im-cmk";

export function tenantStorageClass(tenantId: string): string {
  return `${PLATFORM_STORAGE_CLASS}-${tenantId}`;
}

export function tenantStorageLabels(tenantId: string): Record<string, string> {
  return { [labelKeys.tenant]: tenantId };
}

/**
 * A zone-redundant Premium SSD class whose disks are encrypted with a disk encryption set, and
 * can be neither exported nor reached from public networks.
 */
export function createCmkStorageClass(
  name: string,
  className: string,
  diskEncryptionSetId: pulumi.Input<string>,
  labels: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): k8s.storage.v1.StorageClass {
  return new k8s.storage.v1.StorageClass(
    name,
    {
      metadata: { name: className, labels: commonLabels(labels) },
      provisioner: DISK_CSI_PROVISIONER,
      parameters: {
        skuName: "Premium_ZRS",
        diskEncryptionSetID: diskEncryptionSetId,
        diskEncryptionType: "EncryptionAtRestWithCustomerKey",
        networkAccessPolicy: "DenyAll",
        publicNetworkAccess: "Disabled",
      },
      reclaimPolicy: "Delete",
      allowVolumeExpansion: true,
      // Bind where the pod lands, so a dedicated pool's pod gets its disk where its node is.
      volumeBindingMode: "WaitForFirstConsumer",
    },
    opts,
  );
}
