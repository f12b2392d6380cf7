import * as kms from "@pulumi/alicloud/kms";
import type * as pulumi from "@pulumi/pulumi";
import type { AlibabaTargetConfig } from "./schema";

export interface ClusterKeys {
  /** Envelope encryption of Kubernetes secrets by the API server. */
  readonly secrets: kms.Key;
  /** Node system disks and the platform's persistent disks. */
  readonly disks: kms.Key;
  /** VIP tenants' own keys, by tenant id. */
  readonly tenants: Readonly<Record<string, kms.Key>>;
}

/** KMS's spelling of a rotation period in days. */
export function rotationInterval(days: number): string {
  return `${days}d`;
}

/**
 * Symmetric keys that rotate automatically: one for secrets, one for disks, and one per VIP tenant
 * that asks for its own, in the configured KMS instance or as the region's default keys. Deletion
 * protection follows the cluster's: a key whose cluster is protected cannot be scheduled away.
 */
export function createKeys(
  name: string,
  cluster: AlibabaTargetConfig,
  args: KeyArgs & { readonly tenants: readonly string[] },
  opts: pulumi.CustomResourceOptions,
): ClusterKeys {
  const key = (keyName: string, description: string, tags: Record<string, string>) =>
    createKey(name, keyName, cluster, args, { description, tags }, opts);
  const secrets = key("secrets", "im-platform: ACK secrets encryption", { purpose: "secrets" });
  const disks = key("disks", "im-platform: node and volume disks", { purpose: "disks" });
  const tenants = Object.fromEntries(
    args.tenants.map((tenant) => [
      tenant,
      key(`tenant-${tenant}`, `im-platform: disks of VIP tenant ${tenant}`, { purpose: "tenant", tenant }),
    ]),
  );
  return { secrets, disks, tenants };
}

export interface KeyArgs {
  readonly protect: boolean;
  readonly tags: Record<string, string>;
}

/** One rotating symmetric key of the target, in its KMS instance or as a default key. */
export function createKey(
  name: string,
  keyName: string,
  cluster: AlibabaTargetConfig,
  args: KeyArgs,
  key: { readonly description: string; readonly tags: Record<string, string> },
  opts: pulumi.CustomResourceOptions,
): kms.Key {
  return new kms.Key(
    `${name}-key-${keyName}`,
    {
      description: key.description,
      keySpec: "Aliyun_AES_256",
      keyUsage: "ENCRYPT/DECRYPT",
      origin: "Aliyun_KMS",
      protectionLevel: "SOFTWARE",
      dkmsInstanceId: cluster.kms.instanceId,
      automaticRotation: "Enabled",
      rotationInterval: rotationInterval(cluster.kms.rotationDays),
      pendingWindowInDays: cluster.kms.pendingWindowDays,
      deletionProtection: args.protect ? "Enabled" : "Disabled",
      tags: { ...args.tags, ...key.tags },
    },
    opts,
  );
}
