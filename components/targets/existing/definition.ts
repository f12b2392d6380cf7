import { defineTarget } from "../definition";
import { existingCapacity } from "./capacity";
import { dedicatedOverrideIssues } from "../node-pools";
import { undeclaredDedicatedPoolIssues } from "./pool-checks";
import { existingTargetSchema } from "./schema";
import { conventionalNodePools, ExistingCluster } from "./target";

/** A cluster someone else runs, reached by kubeconfig: no cloud resources, so no mocks or cloud rules. */
export const existingTarget = defineTarget({
  kind: "existing",
  schema: existingTargetSchema,
  edgeLimits: (cluster) => ({
    maxIdleTimeoutSeconds: cluster.loadBalancer.maxIdleTimeoutSeconds,
    addressKind: cluster.loadBalancer.addressKind,
  }),
  platformIssues: (cluster, platform, { at }) => [
    ...dedicatedOverrideIssues(cluster.nodePools.dedicated, platform, [...at, "nodePools", "dedicated"]),
    ...undeclaredDedicatedPoolIssues(cluster, platform, at),
  ],
  nodePools: (cluster, platform, { at }) =>
    conventionalNodePools(cluster, platform).map((pool) => ({
      pool,
      path: pool.tenant ? [...at, "nodePools", "dedicated", pool.tenant] : [...at, "nodePools", pool.purpose],
    })),
  capacity: existingCapacity,
  metrics: () => ({
    collector: "the Prometheus Operator",
    receiverKinds: ["webhook", "pagerduty", "slack"],
    query: true,
  }),
  build: (name, args, opts) => new ExistingCluster(name, args, opts),
  // The kit builds nothing of an existing cluster: attaching to it is reaching it.
  attach: (name, args, opts) => new ExistingCluster(name, args, opts),
});
