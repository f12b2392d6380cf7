import * as kms from "@pulumi/gcp/kms";
import type * as pulumi from "@pulumi/pulumi";
import type { GcpTargetConfig } from "./schema";

const ENCRYPTER_DECRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/** Google's service agents that use the keys: GKE for etcd secrets, Compute Engine for disks. */
export function serviceAgents(projectNumber: string): { gke: string; compute: string } {
  return {
    gke: `serviceAccount:service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`,
    compute: `serviceAccount:service-${projectNumber}@compute-system.iam.gserviceaccount.com`,
  };
}

export const KEY_USER_ROLE = ENCRYPTER_DECRYPTER;

export function rotationPeriod(days: number): string {
  return `${days * 86_400}s`;
}

export interface ClusterKeys {
  /** The ring every key of the target lives in (the cluster's region). */
  readonly ring: kms.KeyRing;
  /** Application-layer encryption of Kubernetes secrets. */
  readonly secrets: kms.CryptoKey;
  /** Node boot disks and the platform's persistent disks. */
  readonly disks: kms.CryptoKey;
  /** VIP tenants' own keys, by tenant id. */
  readonly tenants: Readonly<Record<string, kms.CryptoKey>>;
  /** The service agents' grants: the cluster and its pools must wait for them. */
  readonly grants: kms.CryptoKeyIAMMember[];
}

/**
 * A key ring in the cluster's region with rotating keys, and the grants Google's service
 * agents need to use them. Key rings cannot be deleted, so the ring's name carries a suffix.
 */
export function createKeys(
  name: string,
  cluster: GcpTargetConfig,
  tenantIds: readonly string[],
  opts: pulumi.CustomResourceOptions,
): ClusterKeys {
  const ring = new kms.KeyRing(`${name}-keyring`, { project: cluster.project, location: cluster.region }, opts);
  const agents = serviceAgents(cluster.projectNumber);
  const grants: kms.CryptoKeyIAMMember[] = [];
  const key = (keyName: string, member: string, labels: Record<string, string>): kms.CryptoKey => {
    const cryptoKey = new kms.CryptoKey(
      `${name}-key-${keyName}`,
      {
        name: keyName,
        keyRing: ring.id,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod: rotationPeriod(cluster.kms.rotationDays),
        versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: cluster.kms.protectionLevel },
        labels: { "managed-by": "im-platform", ...labels },
      },
      opts,
    );
    grants.push(
      new kms.CryptoKeyIAMMember(
        `${name}-key-${keyName}-agent`,
        {
          cryptoKeyId: cryptoKey.id,
          role: ENCRYPTER_DECRYPTER,
          member,
        },
        opts,
      ),
    );
    return cryptoKey;
  };
  const secrets = key("gke-secrets", agents.gke, { purpose: "secrets" });
  const disks = key("node-disks", agents.compute, { purpose: "disks" });
  const tenants = Object.fromEntries(
    tenantIds.map((id) => [id, key(`tenant-${id}`, agents.compute, { purpose: "tenant", tenant: id })]),
  );
  return { ring, secrets, disks, tenants, grants };
}
