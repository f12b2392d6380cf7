import type { RulePack } from "../types";
import { checkTenantNamespaceLabels } from "./namespace";
import { checkQuotaAndLimits } from "./quota";
import { checkCrossTenantTraffic, checkDefaultDeny } from "./network";
import { checkWorkloadIdentity } from "./identity";
import { checkRoleBindingScope } from "./rbac";
import { checkTierPriorityClass } from "./priority";
import { checkNodePlacement } from "./placement";
import { checkExternalServices } from "./services";
import { checkDataSecretPlacement, checkSharedCellSecrets, checkSharedDataBindings } from "./data";
import { checkCellMonitoring } from "./monitoring";
import { checkProdAlertRouting } from "./alert-routing";

export const tenancyPack: RulePack = {
  name: "im-platform-tenancy",
  description: "Tenant cells of im-platform stay isolated from each other.",
  rules: [
    {
      kind: "resource",
      id: "IMT001",
      details:
        "tenant namespaces (label `im-platform.io/tenant`, not `im-system`) carry tenant + tier labels and PSA `enforce=restricted`",
      name: "tenant-namespace-labels",
      enforcementLevel: "mandatory",
      check: checkTenantNamespaceLabels,
      description:
        "IMT001: Tenant namespaces carry tenant and tier labels and enforce Pod Security Admission restricted.",
    },
    {
      kind: "stack",
      id: "IMT002",
      details:
        "one LimitRange, one unscoped ResourceQuota, and no pod outside a compute quota (unscoped, or scoped to the priority classes the cell-priority admission policy admits)",
      name: "tenant-quota-and-limits",
      enforcementLevel: "mandatory",
      check: checkQuotaAndLimits,
      description:
        "IMT002: Every tenant namespace has one LimitRange, one unscoped ResourceQuota, and a compute quota that counts every pod.",
    },
    {
      kind: "stack",
      id: "IMT003",
      details: "a NetworkPolicy with `podSelector: {}`, both policy types and no rules",
      name: "tenant-default-deny",
      enforcementLevel: "mandatory",
      check: checkDefaultDeny,
      description: "IMT003: Every tenant namespace has a default-deny NetworkPolicy for ingress and egress.",
    },
    {
      kind: "stack",
      id: "IMT004",
      details: "no peer `namespaceSelector` that is `{}` or matches another tenant's namespace",
      name: "no-cross-tenant-traffic",
      enforcementLevel: "mandatory",
      check: checkCrossTenantTraffic,
      description: "IMT004: No NetworkPolicy admits another tenant's namespace or every namespace.",
    },
    {
      kind: "stack",
      id: "IMT005",
      details:
        "tenant pods: non-default ServiceAccount, `automountServiceAccountToken: false`, on the pod and the ServiceAccount",
      name: "tenant-workload-identity",
      enforcementLevel: "mandatory",
      check: checkWorkloadIdentity,
      description: "IMT005: Tenant workloads use their own ServiceAccount and never automount its token.",
    },
    {
      kind: "stack",
      id: "IMT006",
      details:
        "tenant RoleBindings: roleRef kind Role, never cluster-admin, ServiceAccount subjects of the same namespace; no ClusterRoleBinding to a tenant ServiceAccount",
      name: "tenant-rbac-scope",
      enforcementLevel: "mandatory",
      check: checkRoleBindingScope,
      description: "IMT006: Tenant RoleBindings grant a namespaced Role to subjects of the same namespace only.",
    },
    {
      kind: "stack",
      id: "IMT007",
      details: "`priorityClassName` is `im-platform-<tier>` (tier from the namespace, else the pod)",
      name: "tier-priority-class",
      enforcementLevel: "mandatory",
      check: checkTierPriorityClass,
      description: "IMT007: Tenant pods use the PriorityClass of their tier.",
    },
    {
      kind: "stack",
      id: "IMT008",
      details:
        "pool selector/affinity only `shared` or `vip-<tenant>`; dedicated-taint tolerations only for the own tenant",
      name: "tenant-node-placement",
      enforcementLevel: "mandatory",
      check: checkNodePlacement,
      description: "IMT008: Tenant pods are placed only on the shared pool or their own dedicated pool.",
    },
    {
      kind: "stack",
      id: "IMT009",
      details: 'no LoadBalancer/NodePort Service in a tenant namespace unless labelled `im-platform.io/edge: "true"`',
      name: "no-external-tenant-services",
      enforcementLevel: "mandatory",
      check: checkExternalServices,
      description: "IMT009: Tenant namespaces expose no LoadBalancer or NodePort Service except the platform edge.",
    },
    {
      kind: "stack",
      id: "IMT010",
      details:
        "the `im-app-config` ConfigMaps of cells: the isolation knobs their catalogue names (database, Redis, topics, groups, bucket, discovery root, users) meet in no two cells",
      name: "no-shared-data-bindings",
      enforcementLevel: "mandatory",
      check: checkSharedDataBindings,
      description:
        "IMT010: No two cells share a database, Redis instance, topic, consumer group, bucket, discovery root or data user.",
    },
    {
      kind: "stack",
      id: "IMT011",
      details: "the `im-data` Secrets of cells: no secret value (user names and access key ids aside) in two cells",
      name: "no-shared-cell-secrets",
      enforcementLevel: "mandatory",
      check: checkSharedCellSecrets,
      description: "IMT011: No two cells share a password, key or server secret.",
    },
    {
      kind: "stack",
      id: "IMT012",
      details:
        "a Secret labelled `im-platform.io/binding-for: <cell>` lives in that cell's namespace or in a data namespace, nowhere else",
      name: "cell-secrets-in-own-namespace",
      enforcementLevel: "mandatory",
      check: checkDataSecretPlacement,
      description: "IMT012: A cell's data credentials are kept only in its own namespace (and its data set's).",
    },
    {
      kind: "stack",
      id: "IMT013",
      details:
        'a PodMonitor or PodMonitoring in each tenant namespace selecting its cell, and the burn-rate alerts of its SLOs (message success; connection availability where a gateway runs) reading `cell="<cell>"` in a PrometheusRule, GMP Rules, an AMP rule group namespace or an Azure Prometheus rule group',
      name: "every-cell-monitored",
      enforcementLevel: "mandatory",
      check: checkCellMonitoring,
      description: "IMT013: Every cell is scraped and has burn-rate alerts on its message-success and connection SLOs.",
    },
    {
      kind: "stack",
      id: "IMT014",
      details:
        "when the `im-system` namespace is labelled `im-platform.io/environment: prod`: a route to a receiver for each audience (vip, shared, platform) and severity (page, ticket), in an AlertmanagerConfig, an AMP alert manager definition, an Alertmanager config Secret, or the action groups of Azure Prometheus rule groups",
      name: "prod-alerts-routed",
      enforcementLevel: "mandatory",
      check: checkProdAlertRouting,
      description: "IMT014: A prod platform routes every tier's and the platform's pages and tickets to a receiver.",
    },
  ],
};
