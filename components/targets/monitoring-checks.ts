import { configPath, type ConfigIssue, type PathSegment } from "../config/errors";
import { issueAt } from "../config/issues";
import { RECEIVER_KINDS, type ReceiverKind } from "../config/monitoring-schema";
import type { PlatformConfig } from "../config/types";

/** What a target's metrics collector offers, known from its config alone. */
export interface CollectorFacts {
  /** What collects, for people (and error messages). */
  readonly collector: string;
  readonly receiverKinds: readonly ReceiverKind[];
  /** Whether KEDA can query it for the gateways' online users. */
  readonly query: boolean;
}

/** The monitoring config against the target's collector: one exists, delivers to the receivers given, serves queries if needed. */
export function collectorIssues(
  platform: PlatformConfig,
  facts: CollectorFacts | undefined,
  kind: string,
  at: readonly PathSegment[],
): ConfigIssue[] {
  const monitoring = platform.monitoring;
  if (!monitoring.enabled) return [];
  if (!facts) {
    return [
      issueAt(
        ["monitoring", "enabled"],
        true,
        `${configPath([...at])} (kind ${kind}) has no metrics collector; set monitoring.enabled: false or choose a target kind that provides one`,
      ),
    ];
  }
  const issues: ConfigIssue[] = [];
  monitoring.alerting.receivers.forEach((receiver, index) => {
    const kindGiven = RECEIVER_KINDS.find((candidate) => receiver[candidate] !== undefined);
    if (kindGiven && !facts.receiverKinds.includes(kindGiven)) {
      issues.push(
        issueAt(
          [...(monitoring.alertingPath ?? ["monitoring", "alerting"]), "receivers", index, kindGiven],
          receiver[kindGiven],
          facts.receiverKinds.length === 0
            ? `is a receiver ${facts.collector} cannot deliver to: it routes no alerts`
            : `is a receiver ${facts.collector} cannot deliver to; use one of ${facts.receiverKinds.join(", ")}`,
        ),
      );
    }
  });
  if (platform.autoscaling.gatewayUsersPerPod !== undefined && !facts.query) {
    issues.push(
      issueAt(
        ["autoscaling", "gatewayUsersPerPod"],
        platform.autoscaling.gatewayUsersPerPod,
        `needs a Prometheus endpoint KEDA can query, which ${facts.collector} does not serve; drop gatewayUsersPerPod to scale gateways on CPU`,
      ),
    );
  }
  return issues;
}
