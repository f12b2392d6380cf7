import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels, labelKeys } from "../../core/labels";
import { EBS_CSI_PROVISIONER } from "./conventions";

/** The platform's default class: gp3 volumes encrypted with the cluster's volumes key. */
export const DEFAULT_STORAGE_CLASS = "im-gp3";

export function tenantStorageClass(tenant: string): string {
  return `im-t-${tenant}-gp3`;
}

function gp3Class(
  name: string,
  className: string,
  keyArn: pulumi.Input<string>,
  labels: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): k8s.storage.v1.StorageClass {
  return new k8s.storage.v1.StorageClass(
    name,
    {
      metadata: { name: className, labels: commonLabels(labels) },
      provisioner: EBS_CSI_PROVISIONER,
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: keyArn },
      // Bind where the pod lands, so a volume is never in another zone than its node.
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: "Delete",
    },
    opts,
  );
}

/** The default encrypted class and one per VIP tenant with a key of its own. */
export function createStorageClasses(
  name: string,
  keys: { readonly volumes: pulumi.Input<string>; readonly tenants: Readonly<Record<string, pulumi.Input<string>>> },
  opts: pulumi.CustomResourceOptions,
): void {
  gp3Class(`${name}-gp3`, DEFAULT_STORAGE_CLASS, keys.volumes, {}, opts);
  for (const [tenant, keyArn] of Object.entries(keys.tenants)) {
    gp3Class(`${name}-gp3-${tenant}`, tenantStorageClass(tenant), keyArn, { [labelKeys.tenant]: tenant }, opts);
  }
}
