import { configPath, type ConfigIssue } from "./errors";
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
  if (environment === "prod" && monitoring.enabled) {
    for (const audience of ROUTE_AUDIENCES.filter((candidate) => !monitoring.alerting.routes[candidate])) {
      issues.push({
        path: configPath(["monitoring", "alerting", "routes", audience]),
        message: `is required in prod: ${audience === "platform" ? "infrastructure and service alerts" : `${audience} tenants' SLO alerts`} would reach no one; give its page and ticket receivers`,
      });
    }
  }
  const names = monitoring.alerting.receivers.map((receiver) => receiver.name);
  monitoring.alerting.receivers.forEach((receiver, index) => {
    const first = names.indexOf(receiver.name);
    if (first !== index) {
      issues.push(
        issueAt(
          ["monitoring", "alerting", "receivers", index, "name"],
          receiver.name,
          `duplicates receivers[${first}].name; receiver names must be unique`,
        ),
      );
    }
  });
  for (const audience of ROUTE_AUDIENCES) {
    const route = monitoring.alerting.routes[audience];
    if (!route) continue;
    for (const severity of ["page", "ticket"] as const) {
      if (!names.includes(route[severity])) {
        issues.push(
          issueAt(
            ["monitoring", "alerting", "routes", audience, severity],
            route[severity],
            names.length === 0
              ? "names a receiver, but monitoring.alerting.receivers lists none; add it there"
              : `is not a receiver of monitoring.alerting.receivers; one of ${names.join(", ")}`,
          ),
        );
      }
    }
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
