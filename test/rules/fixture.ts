/**
 * The fixed stack the rule unit tests (`*.test.yml` here) are written against: an existing
 * cluster with sized pools, two shared tenants whose ids share a prefix and a VIP tenant, all in
 * cells of one pod per service. The tests' expected labels and annotations follow from it.
 */
export const RULES_FIXTURE_STACK = "rules-fixture";

export const rulesFixtureRawConfig = (): Record<string, unknown> => ({
  environment: "dev",
  target: {
    kind: "existing",
    nodePools: {
      system: { nodes: 2, cpu: "4", memory: "16Gi" },
      shared: { nodes: 4, cpu: "16", memory: "64Gi" },
      dedicated: { initech: { nodes: 3, cpu: "16", memory: "64Gi" } },
    },
  },
  catalogue: "openim",
  edge: {
    clientHeartbeatSeconds: 30,
    drainSeconds: 60,
    publicClients: true,
    allowedSourceCidrs: ["0.0.0.0/0"],
    tls: { mode: "pod", secretName: "im-edge-tls" },
  },
  tenancy: {
    sharedPool: {
      profile: "services",
      quota: { cpu: "8", memory: "16Gi", cpuLimit: "32", memoryLimit: "64Gi", pods: 60 },
    },
  },
  data: { mode: "inCluster" },
  secretSeed: "rules-fixture-seed-not-a-secret-0123456789",
  monitoring: {
    slo: {
      periodDays: 30,
      objectives: {
        vip: { messageSuccess: 99.95, connectionAvailability: 99.95 },
        shared: { messageSuccess: 99.9, connectionAvailability: 99.5 },
      },
    },
    thresholds: { quotaUsedPercent: 90, consumerLagMessages: 10000, rpcErrorRatioPercent: 5 },
  },
  tenants: [
    { id: "acme", tier: "shared", displayName: "Acme" },
    { id: "acme-eu", tier: "shared", displayName: "Acme Europe" },
    { id: "initech", tier: "vip", displayName: "Initech", dedicatedNodePool: true },
  ],
});
