import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels, labelKeys } from "../../core/labels";

export const PLATFORM_STORAGE_CLASS = "im-cmek";

export function tenantStorageClass(tenantId: string): string {
  return `${PLATFORM_STORAGE_CLASS}-${tenantId}`;
}

/** A zonal persistent-disk class whose disks are encrypted with the given Cloud KMS key. */
export function createCmekStorageClass(
  name: string,
  className: string,
  key: pulumi.Input<string>,
  labels: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): k8s.storage.v1.StorageClass {
  return new k8s.storage.v1.StorageClass(
    name,
    {
      metadata: { name: className, labels: commonLabels(labels) },
      provisioner: "pd.csi.storage.gke.io",
      parameters: { type: "pd-balanced", "disk-encryption-kms-key": key },
      reclaimPolicy: "Delete",
      allowVolumeExpansion: true,
      // Bind where the pod lands, so the disk and a dedicated pool's node share a zone.
      volumeBindingMode: "WaitForFirstConsumer",
    },
    opts,
  );
}

export function tenantStorageLabels(tenantId: string): Record<string, string> {
  return { [labelKeys.tenant]: tenantId };
}
