import { defineTarget } from "../definition";
import { gcpCapacity } from "./capacity";
import { PASSTHROUGH_IDLE_SECONDS } from "./edge-profile";
import { gmpFacts } from "./metrics";
import { gcpMocks } from "./mocks";
import { planGcp } from "./plan";
import { gcpSecurityRules } from "./rules";
import { gcpTargetSchema } from "./schema";
import { gcpPlatformIssues } from "./fit";
import { GcpCluster } from "./target";
import { CLOUD_DNS_FACTS } from "./traffic";
import { gcpManagedData } from "./data/facts";

/** Private GKE on its own VPC; the passthrough Network Load Balancer's fixed idle timeout is the ceiling. */
export const gcpTarget = defineTarget({
  kind: "gcp",
  schema: gcpTargetSchema,
  edgeLimits: () => ({ maxIdleTimeoutSeconds: PASSTHROUGH_IDLE_SECONDS, addressKind: "ip" }),
  plan: planGcp,
  platformIssues: gcpPlatformIssues,
  capacity: gcpCapacity,
  metrics: gmpFacts,
  // Cloud DNS routing policies over internet IPs, each probed by a global health check.
  globalTraffic: () => CLOUD_DNS_FACTS,
  // Memorystore, Managed Kafka and Cloud Storage; MongoDB stays in the cluster.
  managedData: gcpManagedData,
  build: (name, args, opts) => new GcpCluster(name, args, opts),
  configNamespaces: ["gcp"],
  mocks: gcpMocks,
  securityRules: gcpSecurityRules,
});
