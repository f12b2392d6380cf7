import { unroutedAudienceIssues } from "../config/monitoring-checks";
import type { ConfigIssue } from "../config/errors";
import { issueAt } from "../config/issues";
import type { PlatformConfig } from "../config/types";

/**
 * Routing per target names targets of the stack; in prod, a target without routing of its own
 * uses the main block, which must then route every audience.
 */
export function perTargetAlertingIssues(config: PlatformConfig, targets: readonly string[]): ConfigIssue[] {
  const { monitoring, environment } = config;
  const perTarget = Object.keys(monitoring.alerting.perTarget);
  const issues = perTarget
    .filter((name) => !targets.includes(name))
    .map((name) =>
      issueAt(
        ["monitoring", "alerting", "perTarget", name],
        name,
        `is no target of this stack; targets are ${targets.map((target) => `"${target}"`).join(", ")}`,
      ),
    );
  const usingMain = targets.some((target) => !perTarget.includes(target));
  if (perTarget.length > 0 && usingMain && environment === "prod" && monitoring.enabled) {
    issues.push(...unroutedAudienceIssues(monitoring.alerting.routes, ["monitoring", "alerting"]));
  }
  return issues;
}
