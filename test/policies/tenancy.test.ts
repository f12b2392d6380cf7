import { describe, expect, it } from "vitest";
import { tenancyPack } from "../../policies/rules/tenancy";
import type { PlainResource } from "../../policies/rules/types";
import { cell, deployment, networkPolicy, platform, replace, resource, roleBinding, service, TYPES } from "./fixtures";
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

const cases: Case[] = [
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
