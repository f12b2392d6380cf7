import { isEmptySelector, selectorMatches } from "../selectors";
import { list, namespaceOf, ofKind, record, specOf } from "../k8s";
import { at, type PlainResource, type StackViolation } from "../types";
import { NAMESPACE_TYPE, tenantNamespaces, type TenantNamespace } from "./scope";

function isDefaultDeny(resource: PlainResource): boolean {
  const spec = specOf(resource.props);
  const types = list(spec["policyTypes"]);
  return (
    isEmptySelector(spec["podSelector"]) &&
    types.includes("Ingress") &&
    types.includes("Egress") &&
    list(spec["ingress"]).length === 0 &&
    list(spec["egress"]).length === 0
  );
}

/** IMT003: every tenant namespace has a default-deny policy for both directions. */
export function checkDefaultDeny(resources: readonly PlainResource[]): StackViolation[] {
  const policies = ofKind(resources, "NetworkPolicy");
  return [...tenantNamespaces(resources).values()]
    .filter(
      (scope) => !policies.some((policy) => namespaceOf(policy.props) === scope.namespace && isDefaultDeny(policy)),
    )
    .map((scope) => ({
      ...at({ name: scope.resourceName ?? scope.namespace, type: NAMESPACE_TYPE }),
      message: `tenant namespace "${scope.namespace}" has no default-deny NetworkPolicy (podSelector {}, policyTypes [Ingress, Egress], no rules)`,
    }));
}

/** Peers of every ingress "from" and egress "to" rule. */
function peersOf(resource: PlainResource): Array<{ direction: "ingress" | "egress"; peer: Record<string, unknown> }> {
  const spec = specOf(resource.props);
  const pick = (direction: "ingress" | "egress", field: "from" | "to") =>
    list(spec[direction]).flatMap((rule) =>
      list(record(rule)?.[field]).map((peer) => ({ direction, peer: record(peer) ?? {} })),
    );
  return [...pick("ingress", "from"), ...pick("egress", "to")];
}

/** IMT004: no tenant NetworkPolicy opens to another tenant's namespace or to every namespace. */
export function checkCrossTenantTraffic(resources: readonly PlainResource[]): StackViolation[] {
  const namespaces = tenantNamespaces(resources);
  const violations: StackViolation[] = [];
  for (const policy of ofKind(resources, "NetworkPolicy")) {
    const own = namespaces.get(namespaceOf(policy.props) ?? "default");
    if (!own) continue;
    for (const { direction, peer } of peersOf(policy)) {
      const selector = peer["namespaceSelector"];
      if (selector === undefined) continue;
      if (isEmptySelector(selector)) {
        violations.push({
          ...at(policy),
          message: `${direction} peer uses an empty namespaceSelector {}, which admits every namespace`,
        });
        continue;
      }
      const others = [...namespaces.values()].filter(
        (other: TenantNamespace) => other.tenant !== own.tenant && selectorMatches(selector, other.labels),
      );
      for (const other of others) {
        violations.push({
          ...at(policy),
          message: `${direction} peer selects namespace "${other.namespace}" of tenant "${other.tenant}" from tenant "${own.tenant}"`,
        });
      }
    }
  }
  return violations;
}
