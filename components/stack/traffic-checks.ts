import type { ConfigIssue } from "../config/errors";
import { issueAt } from "../config/issues";
import type { TrafficConfig } from "../config/traffic-schema";
import { describeFailover, worstFailoverSeconds } from "../core/failover-time";
import { definitionFor, targetDefinitions } from "../targets/registry";
import type { TrafficFacts } from "../targets/traffic-facts";
import { describeIntervals, intervalAllowed } from "../targets/traffic-facts";
import type { Placement } from "./placement";
import type { PlannedTarget } from "./types";

const within = (value: number, range: { min: number; max: number }) => value >= range.min && value <= range.max;

/** The publisher's facts, or the issue that says why there are none. */
function publisherFacts(traffic: TrafficConfig, targets: readonly PlannedTarget[]): TrafficFacts | ConfigIssue {
  const publisher = targets.find((target) => target.name === traffic.publisher);
  if (!publisher) {
    return issueAt(
      ["traffic", "publisher"],
      traffic.publisher,
      `is no target of this stack; targets are ${targets.map((target) => `"${target.name}"`).join(", ")}`,
    );
  }
  const facts = definitionFor(publisher.cluster).globalTraffic?.(publisher.cluster);
  if (facts) return facts;
  const able = targetDefinitions()
    .filter((definition) => definition.globalTraffic)
    .map((definition) => definition.kind);
  return issueAt(
    ["traffic", "publisher"],
    traffic.publisher,
    `target "${publisher.name}" (kind ${publisher.cluster.kind}) has no DNS service the kit publishes through; name a target of kind ${able.join(", ") || "(none registered)"}`,
  );
}

/**
 * Global traffic against its publisher's DNS service and the failover budget: every setting
 * within what the service offers, every serving target's edge addressable by it, and the
 * worst-case failover time within `failover.maxSeconds`. Standbys need global traffic.
 */
export function trafficIssues(
  traffic: TrafficConfig | undefined,
  targets: readonly PlannedTarget[],
  tenants: ReadonlyArray<{ readonly id: string }>,
  placement: Placement,
): ConfigIssue[] {
  if (!traffic) {
    return tenants.flatMap((tenant, index) =>
      placement[tenant.id]?.standby === undefined
        ? []
        : [
            issueAt(
              ["tenants", index, "placement", "standby"],
              placement[tenant.id]?.standby,
              "takes the tenant's clients only through global traffic; set im-platform:traffic (zone and publisher), or remove the standby",
            ),
          ],
    );
  }
  const facts = publisherFacts(traffic, targets);
  if ("path" in facts) return [facts];
  const issues: ConfigIssue[] = [];
  const { healthCheck } = traffic;
  if (!intervalAllowed(facts, healthCheck.intervalSeconds)) {
    issues.push(
      issueAt(
        ["traffic", "healthCheck", "intervalSeconds"],
        healthCheck.intervalSeconds,
        `${facts.service} probes every ${describeIntervals(facts)} s; use one of those`,
      ),
    );
  }
  if (!within(healthCheck.failureThreshold, facts.failureThreshold)) {
    issues.push(
      issueAt(
        ["traffic", "healthCheck", "failureThreshold"],
        healthCheck.failureThreshold,
        `${facts.service} takes ${facts.failureThreshold.min}-${facts.failureThreshold.max} failed probes`,
      ),
    );
  }
  if (facts.timeoutSeconds && !within(healthCheck.timeoutSeconds, facts.timeoutSeconds)) {
    issues.push(
      issueAt(
        ["traffic", "healthCheck", "timeoutSeconds"],
        healthCheck.timeoutSeconds,
        `${facts.service} takes a probe timeout of ${facts.timeoutSeconds.min}-${facts.timeoutSeconds.max} s`,
      ),
    );
  }
  if (!within(traffic.ttlSeconds, facts.ttlSeconds)) {
    issues.push(
      issueAt(
        ["traffic", "ttlSeconds"],
        traffic.ttlSeconds,
        `${facts.service} takes a TTL of ${facts.ttlSeconds.min}-${facts.ttlSeconds.max} s`,
      ),
    );
  }
  if (!facts.probeProtocols.includes("TCP")) {
    issues.push(
      issueAt(["traffic", "publisher"], traffic.publisher, `${facts.service} cannot probe the gateways' TCP listeners`),
    );
  }
  const serving = new Set(Object.values(placement).flatMap((where) => [where.home, where.standby]));
  targets.forEach((target, index) => {
    const kind = target.plan.edgeLimits.addressKind;
    if (!serving.has(target.name) || facts.endpointKinds.includes(kind)) return;
    issues.push(
      issueAt(
        ["targets", index, "cluster"],
        target.cluster.kind,
        `its edge is addressed by ${kind}, and ${facts.service} (traffic.publisher "${traffic.publisher}") health-checks and answers with ${facts.endpointKinds.join(" or ")} only; publish through another target`,
      ),
    );
  });
  const terms = {
    intervalSeconds: healthCheck.intervalSeconds,
    failureThreshold: healthCheck.failureThreshold,
    ttlSeconds: traffic.ttlSeconds,
    clientReconnectSeconds: traffic.failover.clientReconnectSeconds,
  };
  if (worstFailoverSeconds(terms) > traffic.failover.maxSeconds) {
    issues.push(
      issueAt(
        ["traffic", "failover", "maxSeconds"],
        traffic.failover.maxSeconds,
        `is below the worst case (${describeFailover(terms)}); shorten the interval, the threshold or the TTL, or raise the budget`,
      ),
    );
  }
  return issues;
}
