import type { ConfigIssue, PathSegment } from "../../config/errors";
import { issueAt } from "../../config/issues";
import type { PlatformConfig } from "../../config/types";
import type { TargetCheckContext } from "../definition";
import type { AwsPlan } from "./plan";
import { awsDataIssues } from "./data/facts";
import { dedicatedOverrideIssues } from "../node-pools";
import { ALB_MAX_IDLE_SECONDS, NLB_MAX_TCP_IDLE_SECONDS, NLB_TLS_IDLE_SECONDS } from "./edge-profile";
import type { AwsTargetConfig } from "./schema";

/**
 * Checks of the AWS target against the rest of the stack config (environment, tenants, edge),
 * which the target's own schema cannot see. Run with every other validation, before anything is
 * registered.
 */
export function awsPlatformIssues(
  cluster: AwsTargetConfig,
  config: PlatformConfig,
  { plan, at }: TargetCheckContext<AwsPlan>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: readonly PathSegment[], value: unknown, rule: string) => issues.push(issueAt(path, value, rule));

  if (config.environment === "prod") {
    if (cluster.allowFewerZones && cluster.availabilityZones.length < 3) {
      add(
        [...at, "allowFewerZones"],
        true,
        "is refused in prod: a zone outage would take the platform down; list at least 3 availabilityZones",
      );
    }
    if (cluster.endpoint.publicAccessCidrs.length > 0) {
      add(
        [...at, "endpoint", "publicAccessCidrs"],
        cluster.endpoint.publicAccessCidrs,
        "is refused in prod: the API endpoint stays private; reach it over VPN, peering or a bastion and leave this empty",
      );
    }
  }

  const dedicated = new Set(
    config.tenants.filter((tenant) => tenant.tier === "vip" && tenant.dedicatedNodePool).map((tenant) => tenant.id),
  );
  for (const tenant of dedicated) {
    if (!cluster.nodePools.dedicatedOverrides[tenant]?.instanceTypes && !cluster.nodePools.dedicated.instanceTypes) {
      add(
        [...at, "nodePools", "dedicated", "instanceTypes"],
        undefined,
        `is required: tenant "${tenant}" asks for a dedicated node pool; list EC2 instance types here or in nodePools.dedicatedOverrides.${tenant}`,
      );
    }
  }
  issues.push(
    ...dedicatedOverrideIssues(cluster.nodePools.dedicatedOverrides, config, [
      ...at,
      "nodePools",
      "dedicatedOverrides",
    ]),
  );

  const { tls, api } = config.edge;
  if (tls.mode === "edge") {
    const arn = new RegExp(`^arn:aws[-a-z]*:acm:${cluster.region}:${cluster.accountId}:certificate/[0-9a-f-]+$`);
    if (!arn.test(tls.certificate ?? "")) {
      add(
        ["edge", "tls", "certificate"],
        tls.certificate,
        `must be an ACM certificate ARN in ${cluster.region} of account ${cluster.accountId} ("arn:aws:acm:${cluster.region}:${cluster.accountId}:certificate/<id>")`,
      );
    }
  }
  const idle = plan.edge.idleTimeoutSeconds;
  if (tls.mode === "edge" && idle > NLB_TLS_IDLE_SECONDS) {
    add(
      ["edge", "idleTimeoutSeconds"],
      idle,
      `exceeds ${NLB_TLS_IDLE_SECONDS} s, the fixed idle timeout of an NLB TLS listener; lower it (and the heartbeat), or use tls.mode: pod for a TCP listener (up to ${NLB_MAX_TCP_IDLE_SECONDS} s)`,
    );
  }
  if (cluster.loadBalancer.api === "alb") {
    if (api.exposure !== "ingress" || api.ingressClassName !== cluster.loadBalancer.albIngressClass) {
      add(
        ["edge", "api"],
        api,
        `must be {exposure: ingress, ingressClassName: ${cluster.loadBalancer.albIngressClass}} when the AWS target puts the API behind an ALB; or set loadBalancer.api: nlb`,
      );
    }
    if (idle > ALB_MAX_IDLE_SECONDS) {
      add(
        ["edge", "idleTimeoutSeconds"],
        idle,
        `exceeds the ALB maximum of ${ALB_MAX_IDLE_SECONDS} s that the API's load balancer accepts; lower it`,
      );
    }
  }
  if (config.monitoring.enabled) {
    config.monitoring.alerting.receivers.forEach((receiver, index) => {
      const topicAccount = receiver.sns?.topicArn.split(":")[4];
      if (topicAccount !== undefined && topicAccount !== cluster.accountId) {
        add(
          [...(config.monitoring.alertingPath ?? ["monitoring", "alerting"]), "receivers", index, "sns", "topicArn"],
          receiver.sns?.topicArn,
          `is a topic of account ${topicAccount}; Amazon Managed Service for Prometheus publishes only to SNS topics of its workspace's account (${cluster.accountId})`,
        );
      }
    });
  }
  issues.push(...awsDataIssues(cluster, config, at));
  return issues;
}
