import { defineTarget } from "../definition";
import { awsCapacity } from "./capacity";
import { awsManagedDataFacts } from "./data/facts";
import { NLB_MAX_TCP_IDLE_SECONDS } from "./edge-profile";
import { awsPlatformIssues } from "./fit";
import { ampCollectorFacts } from "./metrics";
import { awsMocks } from "./mocks";
import { defaultClusterName, planAws } from "./plan";
import { awsSecurityRules } from "./rules";
import { awsTargetSchema } from "./schema";
import { AwsClusterAttachment } from "./attach";
import { AwsCluster } from "./target";
import { ROUTE53_TRAFFIC_FACTS } from "./traffic";

/** EKS on its own VPC; the gateway's NLB TCP listener bounds the idle timeout. */
export const awsTarget = defineTarget({
  kind: "aws",
  schema: awsTargetSchema,
  // An NLB is addressed by its DNS name; its IPs are per zone and not the Service's to give.
  edgeLimits: () => ({ maxIdleTimeoutSeconds: NLB_MAX_TCP_IDLE_SECONDS, addressKind: "hostname" }),
  plan: (cluster, platform, { name, stack }) => planAws(cluster, platform, defaultClusterName(stack, name)),
  platformIssues: awsPlatformIssues,
  capacity: awsCapacity,
  // Amazon Managed Service for Prometheus: SNS receivers only, and a query endpoint KEDA signs for.
  metrics: () => ampCollectorFacts(),
  // Route 53 health checks and failover or weighted records, in the zone `traffic.zone` names.
  globalTraffic: () => ROUTE53_TRAFFIC_FACTS,
  // ElastiCache (Valkey) per cell, MSK and DocumentDB per data set, S3 per cell.
  managedData: () => awsManagedDataFacts(),
  build: (name, args, opts) => new AwsCluster(name, args, opts),
  attach: (name, args, opts) => new AwsClusterAttachment(name, args, opts),
  configNamespaces: ["aws"],
  mocks: awsMocks,
  securityRules: awsSecurityRules,
});
