import type * as k8s from "@pulumi/kubernetes";
import type { PlainResource, Props } from "../../policies/rules/types";
import { CELL_PRIORITY_POLICY } from "../../components/core/labels";
import { CELL_QUOTA, cellQuotas } from "../../components/tenancy/quota";

type Container = k8s.types.input.core.v1.Container;
type SecurityContext = k8s.types.input.core.v1.SecurityContext;
type PodSpec = k8s.types.input.core.v1.PodSpec;
type Tier = "shared" | "vip";

/** Typed args become the plain JSON the engine hands a policy. */
export function plain(args: object): Props {
  return JSON.parse(JSON.stringify(args)) as Props;
}

export const TYPES = {
  namespace: "kubernetes:core/v1:Namespace",
  quota: "kubernetes:core/v1:ResourceQuota",
  admissionPolicy: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
  admissionPolicyBinding: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
  limits: "kubernetes:core/v1:LimitRange",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  service: "kubernetes:core/v1:Service",
  pod: "kubernetes:core/v1:Pod",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  cronJob: "kubernetes:batch/v1:CronJob",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  podMonitor: "kubernetes:monitoring.coreos.com/v1:PodMonitor",
  prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
  ampRules: "aws:amp/ruleGroupNamespace:RuleGroupNamespace",
  azureRules: "azure-native:alertsmanagement:PrometheusRuleGroup",
  ampDefinition: "aws:amp/alertManagerDefinition:AlertManagerDefinition",
} as const;

/** A cell's burn-rate alerts, as the monitoring add-on names them, reading that cell's series. */
export function sloAlerts(cell: string): Array<{ alert: string; expr: string }> {
  return ["TenantMessageSuccessBudgetBurn", "TenantConnectionAvailabilityBudgetBurn"].map((alert) => ({
    alert,
    expr: `im_slo:errors:ratio_1h{cell="${cell}"} > 0.0072`,
  }));
}

/** A cell's scrape object and SLO rules, as the Prometheus Operator collector makes them. */
export function cellMonitoring(tenant: string): PlainResource[] {
  const namespace = namespaceOf(tenant);
  return [
    resource(TYPES.podMonitor, `${tenant}-scrape`, {
      metadata: { name: "im-cell", namespace },
      spec: {
        selector: { matchLabels: { "im-platform.io/cell": tenant } },
        podMetricsEndpoints: [{ port: "metrics" }],
      },
    }),
    resource(TYPES.prometheusRule, `${tenant}-slo-rules`, {
      metadata: { name: "im-slo", namespace },
      spec: { groups: [{ name: `im-slo-${tenant}`, rules: sloAlerts(tenant) }] },
    }),
  ];
}

export function resource(type: string, name: string, args: object): PlainResource {
  return { type, name, props: plain(args) };
}

export function namespaceOf(tenant: string): string {
  return `im-t-${tenant}`;
}

export function tenantLabels(tenant: string, tier: Tier): Record<string, string> {
  return { "im-platform.io/tenant": tenant, "im-platform.io/tier": tier };
}

export function secureContext(overrides: Partial<SecurityContext> = {}): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    seccompProfile: { type: "RuntimeDefault" },
    ...overrides,
  };
}

export function container(overrides: Partial<Container> = {}): Container {
  return {
    name: "app",
    image: "openim/openim-api:v3.8.3",
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    securityContext: secureContext(),
    ...overrides,
  };
}

export function podSpec(tier: Tier, overrides: Partial<PodSpec> = {}): PodSpec {
  return {
    automountServiceAccountToken: false,
    serviceAccountName: "im-cell",
    priorityClassName: `im-platform-${tier}`,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
    containers: [container()],
    ...overrides,
  };
}

export interface DeploymentOptions {
  readonly tenant: string;
  readonly tier: Tier;
  readonly name?: string;
  readonly replicas?: number;
  readonly pod?: Partial<PodSpec>;
}

export function deployment(options: DeploymentOptions): k8s.apps.v1.DeploymentArgs {
  const name = options.name ?? "api";
  const labels = { "app.kubernetes.io/name": name, ...tenantLabels(options.tenant, options.tier) };
  return {
    metadata: { name, namespace: namespaceOf(options.tenant), labels },
    spec: {
      replicas: options.replicas ?? 2,
      selector: { matchLabels: { "app.kubernetes.io/name": name } },
      template: { metadata: { labels }, spec: podSpec(options.tier, options.pod) },
    },
  };
}

export function pdb(tenant: string, name = "api"): k8s.policy.v1.PodDisruptionBudgetArgs {
  return {
    metadata: { name, namespace: namespaceOf(tenant) },
    spec: { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": name } } },
  };
}

export function networkPolicy(
  tenant: string,
  name: string,
  spec: k8s.types.input.networking.v1.NetworkPolicySpec,
): k8s.networking.v1.NetworkPolicyArgs {
  return { metadata: { name, namespace: namespaceOf(tenant) }, spec };
}

export function service(
  tenant: string,
  name: string,
  type: string,
  labels: Record<string, string> = {},
): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name, namespace: namespaceOf(tenant), labels },
    spec: { type, selector: { "app.kubernetes.io/name": "api" }, ports: [{ port: 443 }] },
  };
}

export function roleBinding(
  tenant: string,
  overrides: Partial<k8s.rbac.v1.RoleBindingArgs> = {},
): k8s.rbac.v1.RoleBindingArgs {
  const namespace = namespaceOf(tenant);
  return {
    metadata: { name: "im-cell-discovery", namespace },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "im-cell-discovery" },
    subjects: [{ kind: "ServiceAccount", name: "im-cell", namespace }],
    ...overrides,
  };
}

export interface CellOptions {
  readonly tier?: Tier;
  readonly namespaceLabels?: Record<string, string>;
  /** Parts left out: `quota` drops both quotas, `compute` only the compute one. */
  readonly omit?: ReadonlyArray<"quota" | "compute" | "limits" | "default-deny" | "monitoring">;
  readonly serviceAccount?: Partial<k8s.core.v1.ServiceAccountArgs>;
}

/** A complete, compliant tenant cell: what the tenancy layer is expected to produce. */
export function cell(tenant: string, options: CellOptions = {}): PlainResource[] {
  const tier = options.tier ?? "vip";
  const namespace = namespaceOf(tenant);
  const omit = new Set(options.omit ?? []);
  const ns: k8s.core.v1.NamespaceArgs = {
    metadata: {
      name: namespace,
      labels: {
        ...tenantLabels(tenant, tier),
        "pod-security.kubernetes.io/enforce": "restricted",
        ...options.namespaceLabels,
      },
    },
  };
  // The kit's own quotas, so the pack is tested against what a cell carries.
  const quotas = cellQuotas(
    { cpu: "4", memory: "8Gi", cpuLimit: "16", memoryLimit: "32Gi", pods: 40, storage: "0" },
    { loadBalancers: 1, nodePorts: 0 },
    tier,
  ).filter((quota) => !omit.has("quota") && !(omit.has("compute") && quota.name !== CELL_QUOTA));
  const limits: k8s.core.v1.LimitRangeArgs = {
    metadata: { name: "im-cell-limits", namespace },
    spec: {
      limits: [
        {
          type: "Container",
          default: { cpu: "500m", memory: "512Mi" },
          defaultRequest: { cpu: "100m", memory: "128Mi" },
        },
      ],
    },
  };
  const serviceAccount: k8s.core.v1.ServiceAccountArgs = {
    metadata: { name: "im-cell", namespace },
    automountServiceAccountToken: false,
    ...options.serviceAccount,
  };
  const resources: PlainResource[] = [
    resource(TYPES.namespace, `${tenant}-ns`, ns),
    resource(TYPES.serviceAccount, `${tenant}-sa`, serviceAccount),
    resource(TYPES.roleBinding, `${tenant}-rolebinding`, roleBinding(tenant)),
    resource(
      TYPES.networkPolicy,
      `${tenant}-allow-same-cell`,
      networkPolicy(tenant, "allow-same-cell", {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      }),
    ),
    resource(
      TYPES.networkPolicy,
      `${tenant}-allow-scrape`,
      networkPolicy(tenant, "allow-scrape", {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "im-system" } } }] }],
      }),
    ),
    resource(TYPES.deployment, `${tenant}-api`, deployment({ tenant, tier })),
    resource(TYPES.pdb, `${tenant}-api-pdb`, pdb(tenant)),
    resource(TYPES.service, `${tenant}-api-svc`, service(tenant, "api", "ClusterIP")),
    resource(
      TYPES.service,
      `${tenant}-api-edge`,
      service(tenant, "api-edge", "LoadBalancer", { "im-platform.io/edge": "true" }),
    ),
  ];
  for (const quota of quotas)
    resources.push(
      resource(TYPES.quota, `${tenant}-${quota.name}`, { metadata: { name: quota.name, namespace }, spec: quota.spec }),
    );
  if (!omit.has("limits")) resources.push(resource(TYPES.limits, `${tenant}-limits`, limits));
  if (!omit.has("monitoring")) resources.push(...cellMonitoring(tenant));
  if (!omit.has("default-deny")) {
    resources.push(
      resource(
        TYPES.networkPolicy,
        `${tenant}-default-deny`,
        networkPolicy(tenant, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
      ),
    );
  }
  return resources;
}

/** The platform's admission policy that holds each cell's pods to its tier's class, and its binding. */
export function cellPriorityAdmission(): PlainResource[] {
  const metadata = { name: CELL_PRIORITY_POLICY };
  return [
    resource(TYPES.admissionPolicy, "cell-priority", { metadata, spec: { failurePolicy: "Fail" } }),
    resource(TYPES.admissionPolicyBinding, "cell-priority", {
      metadata,
      spec: { policyName: CELL_PRIORITY_POLICY, validationActions: ["Deny"] },
    }),
  ];
}

/** Two tenants side by side, so cross-tenant rules have something to cross. */
export function platform(
  overrides: { acme?: CellOptions; globex?: CellOptions; admission?: boolean } = {},
): PlainResource[] {
  return [
    ...(overrides.admission === false ? [] : cellPriorityAdmission()),
    ...cell("acme", { tier: "vip", ...overrides.acme }),
    ...cell("globex", { tier: "shared", ...overrides.globex }),
  ];
}

/** Replaces the named resource (e.g. a mutated Deployment) in a list. */
export function replace(resources: readonly PlainResource[], name: string, next: PlainResource): PlainResource[] {
  return resources.map((r) => (r.name === name ? next : r));
}
