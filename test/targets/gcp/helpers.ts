import type { SynthResource } from "../../../scripts/synth/synthesize";
import { sampleWithDataInCluster } from "../../helpers/stack";

export type Raw = Record<string, any>;

/**
 * A GCP sample with its data in the cluster: the target's own tests read the cluster alone, and the
 * data tests switch to managed data themselves (the samples run it).
 */
export function gcpRawConfig(stack: "gcp-dev" | "gcp-prod"): Raw {
  return sampleWithDataInCluster(stack);
}

export const GCP = {
  network: "gcp:compute/network:Network",
  subnet: "gcp:compute/subnetwork:Subnetwork",
  router: "gcp:compute/router:Router",
  nat: "gcp:compute/routerNat:RouterNat",
  firewall: "gcp:compute/firewall:Firewall",
  armor: "gcp:compute/securityPolicy:SecurityPolicy",
  keyRing: "gcp:kms/keyRing:KeyRing",
  key: "gcp:kms/cryptoKey:CryptoKey",
  keyGrant: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
  account: "gcp:serviceaccount/account:Account",
  projectGrant: "gcp:projects/iAMMember:IAMMember",
  cluster: "gcp:container/cluster:Cluster",
  nodePool: "gcp:container/nodePool:NodePool",
  backendConfig: "kubernetes:cloud.google.com/v1:BackendConfig",
  storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
} as const;

export function only(resources: readonly SynthResource[], type: string): SynthResource {
  const found = resources.filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

export function named(resources: readonly SynthResource[], type: string, name: string): SynthResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}
