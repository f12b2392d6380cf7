import { list, namespaceOf, ofKind, record, text } from "../k8s";
import { at, type PlainResource, type StackViolation } from "../types";
import { scopeOf, tenantNamespaces } from "./scope";

/** IMT006: tenant RoleBindings grant a namespaced Role to subjects of the same namespace only. */
export function checkRoleBindingScope(resources: readonly PlainResource[]): StackViolation[] {
  const namespaces = tenantNamespaces(resources);
  const violations: StackViolation[] = [];
  for (const binding of ofKind(resources, "RoleBinding")) {
    if (!scopeOf(binding.props, namespaces)) continue;
    const namespace = namespaceOf(binding.props) ?? "default";
    const roleRef = record(binding.props["roleRef"]) ?? {};
    const refKind = text(roleRef["kind"]);
    const refName = text(roleRef["name"]);
    if (refName === "cluster-admin")
      violations.push({ ...at(binding), message: `binds cluster-admin in tenant namespace "${namespace}"` });
    if (refKind !== "Role")
      violations.push({
        ...at(binding),
        message: `roleRef kind is ${refKind ?? "(missing)"} "${refName ?? ""}"; tenant bindings must reference a Role`,
      });
    for (const item of list(binding.props["subjects"])) {
      const subject = record(item) ?? {};
      const subjectKind = text(subject["kind"]);
      const subjectNamespace = text(subject["namespace"]) ?? namespace;
      if (subjectKind !== "ServiceAccount") {
        violations.push({
          ...at(binding),
          message: `subject ${subjectKind ?? "(missing kind)"} "${text(subject["name"]) ?? ""}" is not namespaced; bind ServiceAccounts of "${namespace}"`,
        });
      } else if (subjectNamespace !== namespace) {
        violations.push({
          ...at(binding),
          message: `subject ServiceAccount "${subjectNamespace}/${text(subject["name"]) ?? ""}" is outside namespace "${namespace}"`,
        });
      }
    }
  }
  // A ClusterRoleBinding to a tenant's ServiceAccount escapes the namespace just the same.
  for (const binding of ofKind(resources, "ClusterRoleBinding")) {
    for (const item of list(binding.props["subjects"])) {
      const subject = record(item) ?? {};
      const subjectNamespace = text(subject["namespace"]);
      if (subjectNamespace && namespaces.has(subjectNamespace)) {
        violations.push({
          ...at(binding),
          message: `ClusterRoleBinding grants "${text(record(binding.props["roleRef"])?.["name"]) ?? ""}" cluster-wide to tenant namespace "${subjectNamespace}"`,
        });
      }
    }
  }
  return violations;
}
