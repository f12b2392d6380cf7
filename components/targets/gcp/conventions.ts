/** Type tokens of the GCP resources the rules read. */
export const GCP_TYPES = {
  cluster: "gcp:container/cluster:Cluster",
  nodePool: "gcp:container/nodePool:NodePool",
  firewall: "gcp:compute/firewall:Firewall",
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  cryptoKey: "gcp:kms/cryptoKey:CryptoKey",
} as const;
