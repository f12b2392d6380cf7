import { list, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { ROUTE53_HEALTH_CHECK, ROUTE53_RECORD } from "../conventions";

const ROUTING_POLICIES = ["failoverRoutingPolicies", "weightedRoutingPolicies"] as const;

/**
 * IMS111: every tenant hostname has a health check. A failover or weighted Route 53 record
 * without one is always answered, so clients keep going to a dead target; a disabled or inverted
 * check does the same.
 */
export function checkTrafficHealthChecked(type: string, props: Props): string[] {
  if (type === ROUTE53_HEALTH_CHECK) {
    const problems: string[] = [];
    if (props["disabled"] === true)
      problems.push("the health check is disabled, so Route 53 deems its endpoint healthy whatever happens");
    if (props["invertHealthcheck"] === true)
      problems.push("the health check is inverted, so Route 53 answers with its endpoint only while it fails");
    return problems;
  }
  if (type !== ROUTE53_RECORD) return [];
  const routed = ROUTING_POLICIES.find((policy) => list(props[policy]).length > 0);
  if (!routed || text(props["healthCheckId"])) return [];
  return [
    `${text(props["name"]) ?? "the record"} (${text(props["setIdentifier"]) ?? "no set identifier"}) has ${routed} but no healthCheckId, so Route 53 answers with it even when its endpoint is down; give it a health check`,
  ];
}
