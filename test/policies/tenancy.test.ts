import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { tenancyPack } from "../../policies/rules/tenancy";
import type { PlainResource } from "../../policies/rules/types";
import {
  cell,
  deployment,
  networkPolicy,
  platform,
  replace,
  resource,
  roleBinding,
  service,
  sloAlerts,
  TYPES,
} from "./fixtures";
import { messagesOf } from "./helpers";

interface Case {
  readonly policy: string;
  readonly title: string;
  readonly resources: () => PlainResource[];
  readonly expected: RegExp;
}

const withDeployment = (pod: Parameters<typeof deployment>[0]["pod"]): PlainResource[] =>
  replace(
    platform(),
    "acme-api",
    resource(TYPES.deployment, "acme-api", deployment({ tenant: "acme", tier: "vip", pod })),
  );

/** The platform with acme's SLO rules swapped for `rules`, wherever its target keeps them. */
const withAcmeRules = (...rules: PlainResource[]): PlainResource[] => [
  ...platform().filter((r) => r.name !== "acme-slo-rules"),
  ...rules,
];

/** The system namespace of a platform in `environment`, with the resources that route its alerts. */
const prodPlatform = (environment: string, ...routing: PlainResource[]): PlainResource[] => [
  ...platform(),
  resource(TYPES.namespace, "system", {
    metadata: { name: "im-system", labels: { "im-platform.io/environment": environment } },
  }),
  ...routing,
];

const ROUTES = ["vip", "shared", "platform"].flatMap((audience) =>
  ["page", "ticket"].map((severity) => ({ audience, severity, receiver: `${audience}-${severity}` })),
);

const alertmanagerConfig = (routes = ROUTES) =>
  resource("kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig", "routing", {
    metadata: { name: "im-platform", namespace: "monitoring" },
    spec: {
      route: {
        receiver: "vip-page",
        routes: routes.map((route) => ({
          receiver: route.receiver,
          matchers: [
            { name: "audience", value: route.audience, matchType: "=" },
            { name: "severity", value: route.severity, matchType: "=" },
          ],
        })),
      },
    },
  });

const cases: Case[] = [
  {
    policy: "prod-alerts-routed",
    title: "a prod platform without alert routing",
    resources: () => prodPlatform("prod"),
    expected:
      /prod stack routes no receiver for vip pages, vip tickets, shared pages, shared tickets, platform pages, platform tickets/,
  },
  {
    policy: "prod-alerts-routed",
    title: "a prod platform that routes no shared tickets",
    resources: () =>
      prodPlatform("prod", alertmanagerConfig(ROUTES.filter((route) => route.receiver !== "shared-ticket"))),
    expected: /routes no receiver for shared tickets:/,
  },
  {
    policy: "every-cell-monitored",
    title: "a cell nothing scrapes",
    resources: () => platform().filter((r) => r.name !== "acme-scrape"),
    expected: /"im-t-acme" has no PodMonitor or PodMonitoring selecting im-platform.io\/cell=acme/,
  },
  {
    policy: "every-cell-monitored",
    title: "a cell without SLO alerts",
    resources: () => withAcmeRules(),
    expected: /"im-t-acme" has no SLO burn-rate alerts TenantMessageSuccessBudgetBurn for cell "acme"/,
  },
  {
    policy: "every-cell-monitored",
    title: "SLO alerts that read another cell's series",
    resources: () =>
      withAcmeRules(
        resource(TYPES.prometheusRule, "acme-slo-rules", {
          metadata: { name: "im-slo", namespace: "im-t-acme" },
          spec: { groups: [{ name: "wrong", rules: sloAlerts("globex") }] },
        }),
      ),
    expected: /"im-t-acme" has no SLO burn-rate alerts/,
  },
  {
    policy: "tenant-namespace-labels",
    title: "missing tier",
    resources: () => platform({ acme: { namespaceLabels: { "im-platform.io/tier": "gold" } } }),
    expected: /im-platform.io\/tier=gold; allowed: shared, vip/,
  },
  {
    policy: "tenant-namespace-labels",
    title: "PSA not restricted",
    resources: () => platform({ acme: { namespaceLabels: { "pod-security.kubernetes.io/enforce": "baseline" } } }),
    expected: /enforce=baseline; must be "restricted"/,
  },
  {
    policy: "tenant-quota-and-limits",
    title: "no ResourceQuota",
    resources: () => platform({ acme: { omit: ["quota"] } }),
    expected: /"im-t-acme" has 0 unscoped ResourceQuota objects/,
  },
  {
    policy: "tenant-quota-and-limits",
    title: "no LimitRange",
    resources: () => platform({ globex: { omit: ["limits"] } }),
    expected: /"im-t-globex" has 0 LimitRange objects/,
  },
  {
    policy: "tenant-quota-and-limits",
    title: "two unscoped ResourceQuotas",
    resources: () => [
      ...platform(),
      resource(TYPES.quota, "acme-quota-2", {
        metadata: { name: "extra", namespace: "im-t-acme" },
        spec: { hard: { pods: "1" } },
      }),
    ],
    expected: /"im-t-acme" has 2 unscoped ResourceQuota objects/,
  },
  {
    policy: "tenant-quota-and-limits",
    title: "compute scoped by priority class without the admission policy that keeps pods to those classes",
    resources: () => platform({ admission: false }),
    expected: /"im-t-acme" scopes its compute quota by PriorityClass, but the stack has no im-platform-cell-priority/,
  },
  {
    policy: "tenant-quota-and-limits",
    title: "no compute quota",
    resources: () => platform({ acme: { omit: ["compute"] } }),
    expected: /"im-t-acme" has no quota that bounds requests.cpu, requests.memory, pods/,
  },
  {
    policy: "tenant-quota-and-limits",
    title: "a compute quota that does not count the tier's class",
    resources: () => [
      ...platform({ globex: { omit: ["compute"] } }),
      resource(TYPES.quota, "globex-compute", {
        metadata: { name: "im-cell-compute-vip", namespace: "im-t-globex" },
        spec: {
          hard: { "requests.cpu": "1", "requests.memory": "1Gi", pods: "5" },
          scopeSelector: {
            matchExpressions: [
              { scopeName: "PriorityClass", operator: "In", values: ["im-platform-vip", "im-platform-data"] },
            ],
          },
        },
      }),
    ],
    expected: /"im-t-globex" admits pods at priority class "im-platform-shared" but no PriorityClass In quota bounds/,
  },
  {
    policy: "tenant-default-deny",
    title: "no default deny",
    resources: () => platform({ acme: { omit: ["default-deny"] } }),
    expected: /"im-t-acme" has no default-deny NetworkPolicy/,
  },
  {
    policy: "tenant-default-deny",
    title: "deny covering ingress only",
    resources: () => [
      ...platform({ acme: { omit: ["default-deny"] } }),
      resource(
        TYPES.networkPolicy,
        "acme-deny-in",
        networkPolicy("acme", "deny-in", { podSelector: {}, policyTypes: ["Ingress"] }),
      ),
    ],
    expected: /"im-t-acme" has no default-deny/,
  },
  {
    policy: "no-cross-tenant-traffic",
    title: "ingress from another tenant's namespace",
    resources: () => [
      ...platform(),
      resource(
        TYPES.networkPolicy,
        "acme-from-globex",
        networkPolicy("acme", "from-globex", {
          podSelector: {},
          policyTypes: ["Ingress"],
          ingress: [
            { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "im-t-globex" } } }] },
          ],
        }),
      ),
    ],
    expected: /ingress peer selects namespace "im-t-globex" of tenant "globex" from tenant "acme"/,
  },
  {
    policy: "no-cross-tenant-traffic",
    title: "egress to every tenant by tier label",
    resources: () => [
      ...platform(),
      resource(
        TYPES.networkPolicy,
        "acme-to-shared",
        networkPolicy("acme", "to-shared", {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [
            {
              to: [{ namespaceSelector: { matchExpressions: [{ key: "im-platform.io/tenant", operator: "Exists" }] } }],
            },
          ],
        }),
      ),
    ],
    expected: /egress peer selects namespace "im-t-globex"/,
  },
  {
    policy: "no-cross-tenant-traffic",
    title: "empty namespaceSelector",
    resources: () => [
      ...platform(),
      resource(
        TYPES.networkPolicy,
        "acme-any",
        networkPolicy("acme", "any", {
          podSelector: {},
          policyTypes: ["Ingress"],
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        }),
      ),
    ],
    expected: /empty namespaceSelector \{\}/,
  },
  {
    policy: "tenant-workload-identity",
    title: "default ServiceAccount",
    resources: () => withDeployment({ serviceAccountName: "default" }),
    expected: /ServiceAccount "default"/,
  },
  {
    policy: "tenant-workload-identity",
    title: "token automount on the pod",
    resources: () => withDeployment({ automountServiceAccountToken: true }),
    expected: /automountServiceAccountToken is true; must be false/,
  },
  {
    policy: "tenant-workload-identity",
    title: "token automount on the ServiceAccount",
    resources: () => platform({ acme: { serviceAccount: { automountServiceAccountToken: true } } }),
    expected: /ServiceAccount "im-cell" .* must set automountServiceAccountToken: false/,
  },
  {
    policy: "tenant-rbac-scope",
    title: "binds cluster-admin",
    resources: () =>
      replace(
        platform(),
        "acme-rolebinding",
        resource(
          TYPES.roleBinding,
          "acme-rolebinding",
          roleBinding("acme", {
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
          }),
        ),
      ),
    expected: /binds cluster-admin in tenant namespace "im-t-acme"/,
  },
  {
    policy: "tenant-rbac-scope",
    title: "subject from another namespace",
    resources: () =>
      replace(
        platform(),
        "acme-rolebinding",
        resource(
          TYPES.roleBinding,
          "acme-rolebinding",
          roleBinding("acme", { subjects: [{ kind: "ServiceAccount", name: "im-cell", namespace: "im-t-globex" }] }),
        ),
      ),
    expected: /subject ServiceAccount "im-t-globex\/im-cell" is outside namespace "im-t-acme"/,
  },
  {
    policy: "tenant-rbac-scope",
    title: "ClusterRoleBinding to a tenant ServiceAccount",
    resources: () => [
      ...platform(),
      resource(TYPES.clusterRoleBinding, "acme-view", {
        metadata: { name: "acme-view" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ kind: "ServiceAccount", name: "im-cell", namespace: "im-t-acme" }],
      }),
    ],
    expected: /grants "view" cluster-wide to tenant namespace "im-t-acme"/,
  },
  {
    policy: "tier-priority-class",
    title: "VIP pod on the shared class",
    resources: () => withDeployment({ priorityClassName: "im-platform-shared" }),
    expected: /priorityClassName is "im-platform-shared"; tier vip must use "im-platform-vip"/,
  },
  {
    policy: "tier-priority-class",
    title: "shared pod on the VIP class",
    resources: () =>
      replace(
        platform(),
        "globex-api",
        resource(
          TYPES.deployment,
          "globex-api",
          deployment({ tenant: "globex", tier: "shared", pod: { priorityClassName: "im-platform-vip" } }),
        ),
      ),
    expected: /tier shared must use "im-platform-shared"/,
  },
  {
    policy: "tenant-node-placement",
    title: "another tenant's pool by nodeSelector",
    resources: () => withDeployment({ nodeSelector: { "im-platform.io/pool": "vip-globex" } }),
    expected: /nodeSelector im-platform.io\/pool=vip-globex; allowed pools: shared, vip-acme/,
  },
  {
    policy: "tenant-node-placement",
    title: "affinity onto the system pool",
    resources: () =>
      withDeployment({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: "im-platform.io/pool", operator: "In", values: ["system"] }] },
              ],
            },
          },
        },
      }),
    expected: /node affinity im-platform.io\/pool In \[system\]/,
  },
  {
    policy: "tenant-node-placement",
    title: "tolerates another tenant's taint",
    resources: () =>
      withDeployment({
        tolerations: [{ key: "im-platform.io/dedicated", operator: "Equal", value: "globex", effect: "NoSchedule" }],
      }),
    expected: /does not match own tenant "acme"/,
  },
  {
    policy: "tenant-node-placement",
    title: "tolerates everything",
    resources: () => withDeployment({ tolerations: [{ operator: "Exists" }] }),
    expected: /tolerates every dedicated pool/,
  },
  {
    policy: "no-external-tenant-services",
    title: "LoadBalancer outside the edge",
    resources: () => [...platform(), resource(TYPES.service, "acme-lb", service("acme", "lb", "LoadBalancer"))],
    expected: /Service of type LoadBalancer in tenant namespace "im-t-acme"/,
  },
  {
    policy: "no-external-tenant-services",
    title: "NodePort",
    resources: () => [...platform(), resource(TYPES.service, "globex-np", service("globex", "np", "NodePort"))],
    expected: /Service of type NodePort in tenant namespace "im-t-globex"/,
  },
];

const DATA_RULES = ["no-shared-data-bindings", "no-shared-cell-secrets", "cell-secrets-in-own-namespace"];

describe("tenancy pack", () => {
  it("every policy has a kebab-case name, a rule id in its description and a compliant and violating case here", () => {
    for (const rule of tenancyPack.rules) {
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.id).toMatch(/^IMT\d{3}$/);
      expect(rule.description.startsWith(`${rule.id}: `)).toBe(true);
      // The data-tier rules have their own suite, data.test.ts.
      expect(cases.some((c) => c.policy === rule.name) || DATA_RULES.includes(rule.name)).toBe(true);
    }
  });

  it("a compliant two-tenant platform passes every tenancy policy", () => {
    for (const rule of tenancyPack.rules) expect(messagesOf(rule.name, platform())).toEqual([]);
  });

  it("accepts one unscoped quota that bounds compute, without the admission policy", () => {
    const resources = [
      ...platform({ admission: false, acme: { omit: ["quota"] }, globex: { omit: ["quota"] } }),
      ...["acme", "globex"].map((tenant) =>
        resource(TYPES.quota, `${tenant}-quota`, {
          metadata: { name: "im-cell-quota", namespace: `im-t-${tenant}` },
          spec: { hard: { "requests.cpu": "1", "requests.memory": "1Gi", pods: "5", "services.nodeports": "0" } },
        }),
      ),
    ];
    expect(messagesOf("tenant-quota-and-limits", resources)).toEqual([]);
  });

  it("finds a cell's SLO alerts in a managed rule engine: an AMP rule group namespace or an Azure rule group", () => {
    const amp = resource(TYPES.ampRules, "acme-slo-rules", {
      name: "im-slo-im-t-acme",
      data: stringify({ groups: [{ name: "im-slo-acme", rules: sloAlerts("acme") }] }),
    });
    const azure = resource(TYPES.azureRules, "acme-slo-rules", {
      rules: sloAlerts("acme").map((rule) => ({ alert: rule.alert, expression: rule.expr })),
    });
    expect(messagesOf("every-cell-monitored", withAcmeRules(amp))).toEqual([]);
    expect(messagesOf("every-cell-monitored", withAcmeRules(azure))).toEqual([]);
  });

  it("finds prod routing in an AlertmanagerConfig, an AMP definition, a config Secret or Azure rule actions; dev needs none", () => {
    const file = stringify({
      route: {
        receiver: "default",
        routes: ROUTES.map((route) => ({
          receiver: route.receiver,
          matchers: [`audience="${route.audience}"`, `severity="${route.severity}"`],
        })),
      },
    });
    const amp = resource(TYPES.ampDefinition, "routing", {
      definition: stringify({ alertmanager_config: file }),
    });
    const secret = resource("kubernetes:core/v1:Secret", "routing", {
      metadata: { name: "alertmanager", namespace: "gmp-public" },
      stringData: { "alertmanager.yaml": file },
    });
    const azure = resource(TYPES.azureRules, "platform-rules", {
      rules: ROUTES.map((route) => ({
        alert: "X",
        expression: "up == 0",
        labels: { audience: route.audience, severity: route.severity },
        actions: [{ actionGroupId: `/subscriptions/s/providers/microsoft.insights/actionGroups/${route.receiver}` }],
      })),
    });
    for (const routing of [alertmanagerConfig(), amp, secret, azure]) {
      expect(messagesOf("prod-alerts-routed", prodPlatform("prod", routing))).toEqual([]);
    }
    expect(messagesOf("prod-alerts-routed", prodPlatform("dev"))).toEqual([]);
  });

  it("the system namespace is not a tenant namespace", () => {
    const system = resource(TYPES.namespace, "system", {
      metadata: { name: "im-system", labels: { "im-platform.io/tenant": "system" } },
    });
    expect(messagesOf("tenant-quota-and-limits", [system])).toEqual([]);
    expect(messagesOf("tenant-default-deny", [system])).toEqual([]);
  });

  it("a lone cell with the tenant's own dedicated pool and toleration passes placement", () => {
    const pod = {
      nodeSelector: { "im-platform.io/pool": "vip-acme" },
      tolerations: [{ key: "im-platform.io/dedicated", operator: "Equal", value: "acme", effect: "NoSchedule" }],
    };
    const resources = replace(
      cell("acme"),
      "acme-api",
      resource(TYPES.deployment, "acme-api", deployment({ tenant: "acme", tier: "vip", pod })),
    );
    expect(messagesOf("tenant-node-placement", resources)).toEqual([]);
  });

  describe.each(cases)("$policy: $title", ({ policy, resources, expected }) => {
    it("is reported", () => {
      const messages = messagesOf(policy, resources());
      expect(
        messages.some((message) => expected.test(message)),
        messages.join("\n"),
      ).toBe(true);
    });
  });
});
