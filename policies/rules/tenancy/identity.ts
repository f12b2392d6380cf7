import { namespaceOf, objectNameOf, ofKind, podsIn, text } from "../k8s";
import { at, type PlainResource, type StackViolation } from "../types";
import { scopeOf, tenantNamespaces } from "./scope";

/** IMT005: tenant pods run as their own ServiceAccount, and no API token is mounted by default. */
export function checkWorkloadIdentity(resources: readonly PlainResource[]): StackViolation[] {
  const namespaces = tenantNamespaces(resources);
  const violations: StackViolation[] = [];
  const accounts = ofKind(resources, "ServiceAccount");
  for (const { resource, pod } of podsIn(resources)) {
    const scope = scopeOf(resource.props, namespaces, pod.labels);
    if (!scope) continue;
    const account = text(pod.spec["serviceAccountName"]) ?? text(pod.spec["serviceAccount"]);
    if (!account || account === "default") {
      violations.push({
        ...at(resource),
        message: `pod runs as ServiceAccount "${account ?? "default"}"; tenant workloads need their own ServiceAccount`,
      });
    }
    if (pod.spec["automountServiceAccountToken"] !== false) {
      violations.push({
        ...at(resource),
        message: `pod automountServiceAccountToken is ${String(pod.spec["automountServiceAccountToken"] ?? "unset")}; must be false`,
      });
    }
  }
  for (const account of accounts) {
    if (!scopeOf(account.props, namespaces)) continue;
    if (account.props["automountServiceAccountToken"] !== false) {
      violations.push({
        ...at(account),
        message: `ServiceAccount "${objectNameOf(account.props) ?? account.name}" in tenant namespace "${namespaceOf(account.props) ?? "default"}" must set automountServiceAccountToken: false`,
      });
    }
  }
  return violations;
}
