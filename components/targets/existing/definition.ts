import { defineTarget } from "../definition";
import { existingTargetSchema } from "./schema";
import { ExistingCluster } from "./target";

/** A cluster someone else runs, reached by kubeconfig: no cloud resources, so no mocks or cloud rules. */
export const existingTarget = defineTarget({
  kind: "existing",
  schema: existingTargetSchema,
  edgeLimits: (cluster) => ({ maxIdleTimeoutSeconds: cluster.loadBalancer.maxIdleTimeoutSeconds }),
  build: (name, args, opts) => new ExistingCluster(name, args, opts),
});
