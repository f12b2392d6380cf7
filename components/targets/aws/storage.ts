import type * as pulumi from "@pulumi/pulumi";
import { encryptedStorageClass } from "../storage-class";
import { EBS_CSI_PROVISIONER } from "./conventions";

/** The platform's default class: gp3 volumes encrypted with the cluster's volumes key. */
export const DEFAULT_STORAGE_CLASS = "im-gp3";

export function tenantStorageClass(tenant: string): string {
  return `im-t-${tenant}-gp3`;
}

/** gp3 volumes encrypted with the given KMS key. */
function gp3Class(
  name: string,
  className: string,
  keyArn: pulumi.Input<string>,
  tenant: string | undefined,
  opts: pulumi.CustomResourceOptions,
) {
  return encryptedStorageClass(
    name,
    {
      className,
      tenant,
      provisioner: EBS_CSI_PROVISIONER,
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: keyArn },
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
  gp3Class(`${name}-gp3`, DEFAULT_STORAGE_CLASS, keys.volumes, undefined, opts);
  for (const [tenant, keyArn] of Object.entries(keys.tenants)) {
    gp3Class(`${name}-gp3-${tenant}`, tenantStorageClass(tenant), keyArn, tenant, opts);
  }
}
