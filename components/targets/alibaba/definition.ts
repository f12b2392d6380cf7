import { MANAGED_DATA_KINDS } from "../capabilities";
import { defineTarget } from "../definition";
import { alibabaCapacity } from "./capacity";
import { EDGE_MAX_IDLE_SECONDS } from "./edge-profile";
import { alibabaPlatformIssues } from "./fit";
import { alibabaMocks } from "./mocks";
import { planAlibaba } from "./plan";
import { alibabaSecurityRules } from "./rules";
import { alibabaTargetSchema } from "./schema";
import { AlibabaCluster } from "./target";

/** ACK managed Pro on its own VPC; NLB's and CLB's 900 s idle timers are the edge's ceiling. */
export const alibabaTarget = defineTarget({
  kind: "alibaba",
  schema: alibabaTargetSchema,
  // The controller publishes an NLB by its DNS name and a CLB by its address.
  edgeLimits: (cluster) => ({
    maxIdleTimeoutSeconds: EDGE_MAX_IDLE_SECONDS,
    addressKind: cluster.loadBalancer.type === "nlb" ? "hostname" : "ip",
  }),
  plan: planAlibaba,
  platformIssues: alibabaPlatformIssues,
  capacity: alibabaCapacity,
  metrics: () => ({
    collector: "the Prometheus Operator",
    receiverKinds: ["webhook", "pagerduty", "slack"],
    query: true,
  }),
  // Tair, ApsaraMQ for Kafka, ApsaraDB for MongoDB and OSS; ApsaraMQ documents no per-topic partition cap.
  managedData: () => ({ kinds: MANAGED_DATA_KINDS }),
  build: (name, args, opts) => new AlibabaCluster(name, args, opts),
  configNamespaces: ["alicloud"],
  mocks: alibabaMocks,
  securityRules: alibabaSecurityRules,
});
