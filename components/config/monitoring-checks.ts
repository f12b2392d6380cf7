import { configPath, type ConfigIssue, type PathSegment } from "./errors";
import { issueAt } from "./issues";
import { ROUTE_AUDIENCES, type MonitoringConfig } from "./monitoring-schema";
import type { AutoscalingConfig, Environment } from "./platform-schema";

/** Routes name receivers the config lists; gateway scaling on users needs KEDA and the metrics it reads. */
export function monitoringIssues(
  monitoring: MonitoringConfig,
  autoscaling: AutoscalingConfig | undefined,
  environment: Environment | undefined,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { perTarget, ...main } = monitoring.alerting;
  // With routing per target, the main block serves only targets without one: the stack checks those.
  const requireRoutes = environment === "prod" && monitoring.enabled;
  issues.push(
    ...alertingIssues(main, ["monitoring", "alerting"], requireRoutes && Object.keys(perTarget).length === 0),
  );
  for (const [target, alerting] of Object.entries(perTarget)) {
    issues.push(...alertingIssues(alerting, ["monitoring", "alerting", "perTarget", target], requireRoutes));
  }
  if (autoscaling?.gatewayUsersPerPod !== undefined) {
    if (!autoscaling.keda.enabled) {
      issues.push(
        issueAt(
          ["autoscaling", "gatewayUsersPerPod"],
          autoscaling.gatewayUsersPerPod,
          "scales gateways through KEDA's Prometheus trigger; set autoscaling.keda.enabled: true (and have KEDA installed), or drop gatewayUsersPerPod to scale gateways on CPU",
        ),
      );
    }
    if (!monitoring.enabled) {
      issues.push(
        issueAt(
          ["autoscaling", "gatewayUsersPerPod"],
          autoscaling.gatewayUsersPerPod,
          "reads online users from the metrics the monitoring collects; set monitoring.enabled: true, or drop gatewayUsersPerPod",
        ),
      );
    }
  }
  return issues;
}

/** One block of receivers and routes: names unique, routes naming listed receivers, every audience routed where required. */
export function alertingIssues(
  alerting: Pick<MonitoringConfig["alerting"], "receivers" | "routes">,
  at: readonly PathSegment[],
  requireEveryAudience: boolean,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (requireEveryAudience) issues.push(...unroutedAudienceIssues(alerting.routes, at));
  const names = alerting.receivers.map((receiver) => receiver.name);
  alerting.receivers.forEach((receiver, index) => {
    const first = names.indexOf(receiver.name);
    if (first !== index) {
      issues.push(
        issueAt(
          [...at, "receivers", index, "name"],
          receiver.name,
          `duplicates receivers[${first}].name; receiver names must be unique`,
        ),
      );
    }
  });
  for (const audience of ROUTE_AUDIENCES) {
    const route = alerting.routes[audience];
    if (!route) continue;
    for (const severity of ["page", "ticket"] as const) {
      if (!names.includes(route[severity])) {
        issues.push(
          issueAt(
            [...at, "routes", audience, severity],
            route[severity],
            names.length === 0
              ? `names a receiver, but ${configPath([...at, "receivers"]).replace("im-platform:", "")} lists none; add it there`
              : `is not a receiver of ${configPath([...at, "receivers"]).replace("im-platform:", "")}; one of ${names.join(", ")}`,
          ),
        );
      }
    }
  }
  return issues;
}

/** Prod: each audience (VIP, shared, platform) routed to someone. */
export function unroutedAudienceIssues(
  routes: MonitoringConfig["alerting"]["routes"],
  at: readonly PathSegment[],
): ConfigIssue[] {
  return ROUTE_AUDIENCES.filter((candidate) => !routes[candidate]).map((audience) => ({
    path: configPath([...at, "routes", audience]),
    message: `is required in prod: ${audience === "platform" ? "infrastructure and service alerts" : `${audience} tenants' SLO alerts`} would reach no one; give its page and ticket receivers`,
  }));
}
