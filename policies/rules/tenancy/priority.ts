import { podsIn, text } from "../k8s";
import { priorityClassName, TIERS } from "../labels";
import { at, type PlainResource, type StackViolation } from "../types";
import { scopeOf, tenantNamespaces } from "./scope";

/** IMT007: a tenant pod uses its tier's PriorityClass, so a shared pod can never preempt a VIP one. */
export function checkTierPriorityClass(resources: readonly PlainResource[]): StackViolation[] {
  const namespaces = tenantNamespaces(resources);
  const violations: StackViolation[] = [];
  for (const { resource, pod } of podsIn(resources)) {
    const scope = scopeOf(resource.props, namespaces, pod.labels);
    if (!scope) continue;
    const tier = scope.tier;
    const actual = text(pod.spec["priorityClassName"]);
    if (!tier || !(TIERS as readonly string[]).includes(tier)) {
      violations.push({
        ...at(resource),
        message: `cannot tell the tier of namespace "${scope.namespace}" (label im-platform.io/tier is ${tier ?? "missing"})`,
      });
      continue;
    }
    const expected = priorityClassName(tier as (typeof TIERS)[number]);
    if (actual !== expected) {
      violations.push({
        ...at(resource),
        message: `priorityClassName is "${actual ?? "(unset)"}"; tier ${tier} must use "${expected}"`,
      });
    }
  }
  return violations;
}
