import { byNamespace, labelsOf, ofKind } from "../k8s";
import { PSA_ENFORCE_LABEL, TENANT_LABEL, TIER_LABEL, TIERS } from "../labels";
import { at, type PlainResource, type Props, type StackViolation } from "../types";
import { NAMESPACE_TYPE, tenantNamespaceOf, tenantNamespaces } from "./scope";

/** IMT001: a tenant namespace says whose it is, which tier, and enforces PSA restricted. */
export function checkTenantNamespaceLabels(type: string, props: Props): string[] {
  const scope = tenantNamespaceOf(type, props);
  if (!scope) return [];
  const labels = labelsOf(props);
  const messages: string[] = [];
  if (!scope.tenant) messages.push(`namespace "${scope.namespace}" has an empty ${TENANT_LABEL} label`);
  const tier = labels[TIER_LABEL];
  if (!tier || !(TIERS as readonly string[]).includes(tier)) {
    messages.push(
      `namespace "${scope.namespace}" has ${TIER_LABEL}=${tier ?? "(missing)"}; allowed: ${TIERS.join(", ")}`,
    );
  }
  if (labels[PSA_ENFORCE_LABEL] !== "restricted") {
    messages.push(
      `namespace "${scope.namespace}" has ${PSA_ENFORCE_LABEL}=${labels[PSA_ENFORCE_LABEL] ?? "(missing)"}; must be "restricted"`,
    );
  }
  return messages;
}

/** IMT002: exactly one ResourceQuota and one LimitRange per tenant namespace. */
export function checkQuotaAndLimits(resources: readonly PlainResource[]): StackViolation[] {
  const violations: StackViolation[] = [];
  const perNamespace = ["ResourceQuota", "LimitRange"].map(
    (kind) => [kind, byNamespace(ofKind(resources, kind))] as const,
  );
  for (const scope of tenantNamespaces(resources).values()) {
    for (const [kind, groups] of perNamespace) {
      const count = groups.get(scope.namespace)?.length ?? 0;
      if (count !== 1) {
        violations.push({
          ...at({ name: scope.resourceName ?? scope.namespace, type: NAMESPACE_TYPE }),
          message: `tenant namespace "${scope.namespace}" has ${count} ${kind} objects; exactly 1 is required`,
        });
      }
    }
  }
  return violations;
}
