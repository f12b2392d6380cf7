import type { RulePack } from "../types";
import { checkTenantNamespaceLabels, checkQuotaAndLimits } from "./namespace";
import { checkCrossTenantTraffic, checkDefaultDeny } from "./network";
import { checkWorkloadIdentity } from "./identity";
import { checkRoleBindingScope } from "./rbac";
import { checkTierPriorityClass } from "./priority";
import { checkNodePlacement } from "./placement";
import { checkExternalServices } from "./services";

export const tenancyPack: RulePack = {
  name: "im-platform-tenancy",
  description: "Tenant cells of im-platform stay isolated from each other.",
  rules: [
    { kind: "resource", id: "IMT001", name: "tenant-namespace-labels", enforcementLevel: "mandatory", check: checkTenantNamespaceLabels,
      description: "IMT001: Tenant namespaces carry tenant and tier labels and enforce Pod Security Admission restricted." },
    { kind: "stack", id: "IMT002", name: "tenant-quota-and-limits", enforcementLevel: "mandatory", check: checkQuotaAndLimits,
      description: "IMT002: Every tenant namespace has exactly one ResourceQuota and one LimitRange." },
    { kind: "stack", id: "IMT003", name: "tenant-default-deny", enforcementLevel: "mandatory", check: checkDefaultDeny,
      description: "IMT003: Every tenant namespace has a default-deny NetworkPolicy for ingress and egress." },
    { kind: "stack", id: "IMT004", name: "no-cross-tenant-traffic", enforcementLevel: "mandatory", check: checkCrossTenantTraffic,
      description: "IMT004: No NetworkPolicy admits another tenant's namespace or every namespace." },
    { kind: "stack", id: "IMT005", name: "tenant-workload-identity", enforcementLevel: "mandatory", check: checkWorkloadIdentity,
      description: "IMT005: Tenant workloads use their own ServiceAccount and never automount its token." },
    { kind: "stack", id: "IMT006", name: "tenant-rbac-scope", enforcementLevel: "mandatory", check: checkRoleBindingScope,
      description: "IMT006: Tenant RoleBindings grant a namespaced Role to subjects of the same namespace only." },
    { kind: "stack", id: "IMT007", name: "tier-priority-class", enforcementLevel: "mandatory", check: checkTierPriorityClass,
      description: "IMT007: Tenant pods use the PriorityClass of their tier." },
    { kind: "stack", id: "IMT008", name: "tenant-node-placement", enforcementLevel: "mandatory", check: checkNodePlacement,
      description: "IMT008: Tenant pods are placed only on the shared pool or their own dedicated pool." },
    { kind: "stack", id: "IMT009", name: "no-external-tenant-services", enforcementLevel: "mandatory", check: checkExternalServices,
      description: "IMT009: Tenant namespaces expose no LoadBalancer or NodePort Service except the platform edge." },
  ],
};
