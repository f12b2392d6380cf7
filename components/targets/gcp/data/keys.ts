import * as kms from "@pulumi/gcp/kms";
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedDataKind } from "../../capabilities";
import { KEY_USER_ROLE, rotationPeriod, type ClusterKeys } from "../keys";
import type { GcpTargetConfig } from "../schema";

type AgentKind = Exclude<ManagedDataKind, "mongodb">;

/**
 * The service agents that encrypt each managed service's data with a customer key (CMEK):
 * Memorystore for Redis, Managed Service for Apache Kafka, and Cloud Storage.
 */
export function dataServiceAgents(projectNumber: string): Readonly<Record<AgentKind, string>> {
  return {
    redis: `serviceAccount:service-${projectNumber}@cloud-redis.iam.gserviceaccount.com`,
    kafka: `serviceAccount:service-${projectNumber}@gcp-sa-managedkafka.iam.gserviceaccount.com`,
    objectStore: `serviceAccount:service-${projectNumber}@gs-project-accounts.iam.gserviceaccount.com`,
  };
}

export interface DataKeys {
  /** The platform's data key: data sets and cells without a tenant key of their own. */
  readonly platform: kms.CryptoKey;
  /** The key that encrypts a tenant's data: its own, or the platform's. */
  forTenant(tenant: string | undefined): kms.CryptoKey;
  /** The agents' grants on every key: what uses a key must wait for them. */
  readonly grants: readonly kms.CryptoKeyIAMMember[];
}

/**
 * A data key in the target's ring, and grants for the agents of the kinds run managed on it and
 * on each VIP tenant's key. Granted once per key here, not per data set: a non-authoritative
 * member removed by one data set would otherwise revoke it for all.
 */
export function createDataKeys(
  name: string,
  cluster: GcpTargetConfig,
  keys: ClusterKeys,
  kinds: readonly ManagedDataKind[],
  opts: pulumi.CustomResourceOptions,
): DataKeys {
  const platform = new kms.CryptoKey(
    `${name}-key-managed-data`,
    {
      name: "managed-data",
      keyRing: keys.ring.id,
      purpose: "ENCRYPT_DECRYPT",
      rotationPeriod: rotationPeriod(cluster.kms.rotationDays),
      versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: cluster.kms.protectionLevel },
      labels: { "managed-by": "im-platform", purpose: "data" },
    },
    opts,
  );
  const agents = dataServiceAgents(cluster.projectNumber);
  const agentKinds = (Object.keys(agents) as AgentKind[]).filter((kind) => kinds.includes(kind));
  const targets: Array<[string, kms.CryptoKey]> = [
    ["managed-data", platform],
    ...Object.entries(keys.tenants).map(([tenant, key]): [string, kms.CryptoKey] => [`tenant-${tenant}`, key]),
  ];
  const grants = targets.flatMap(([keyName, key]) =>
    agentKinds.map(
      (kind) =>
        new kms.CryptoKeyIAMMember(
          `${name}-key-${keyName}-${kind.toLowerCase()}-agent`,
          { cryptoKeyId: key.id, role: KEY_USER_ROLE, member: agents[kind] },
          opts,
        ),
    ),
  );
  return {
    platform,
    grants,
    forTenant: (tenant) => {
      if (tenant === undefined) return platform;
      const key = keys.tenants[tenant];
      if (!key) throw new Error(`tenant "${tenant}" has no key of its own on this target; set dedicatedKey: true`);
      return key;
    },
  };
}
