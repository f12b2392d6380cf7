import { labelsOf } from "../k8s";
import { PSA_ENFORCE_LABEL, TENANT_LABEL, TIER_LABEL, TIERS } from "../labels";
import type { Props } from "../types";
import { tenantNamespaceOf } from "./scope";

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
