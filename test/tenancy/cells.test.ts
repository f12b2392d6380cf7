import { beforeAll, describe, expect, it } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";
import type { ExistingTargetConfig } from "../../components/targets/existing/schema";
import { conventionalNodePools } from "../../components/targets/existing/target";
import { planCells } from "../../components/tenancy/plan";
import { tenancyWarnings } from "../../components/tenancy/warnings";
import type { SynthResource, SynthResult } from "../../scripts/synth/synthesize";
import { synthesize } from "../../scripts/synth/synthesize";
import { deepClone, localRawConfig, meta, ofType, T, toStackConfig } from "../helpers/stack";

let local: SynthResult;
let moved: SynthResult;

beforeAll(async () => {
  local = await synthesize(toStackConfig(localRawConfig()), "local");
  // The tier switch: acme goes VIP, nothing else changes.
  const raw = deepClone(localRawConfig()) as { tenants: Array<{ id: string; tier: string }> };
  raw.tenants[0]!.tier = "vip";
  moved = await synthesize(toStackConfig(raw), "local");
});

// A shared tenant's cell runs the compact server; the VIP cell runs the services one by one.
const cells = [
  { cell: "acme", namespace: "im-t-acme", tier: "shared", edges: ["api-edge", "msggateway-edge"] },
  { cell: "initech", namespace: "im-t-initech", tier: "vip", edges: ["api-edge", "msggateway-edge"] },
];
const workloadsOf = (result: SynthResult, namespace: string) => [
  ...ofType(result.resources, T.deployment, namespace),
  ...ofType(result.resources, T.statefulSet, namespace),
];

type QuotaSpec = { hard: Record<string, string>; scopeSelector?: unknown };
type PodSpec = {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  priorityClassName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
  containers: Array<{
    securityContext?: {
      allowPrivilegeEscalation?: boolean;
      capabilities?: { drop?: string[] };
      readOnlyRootFilesystem?: boolean;
    };
    resources?: { requests?: object; limits?: object };
  }>;
};
const podSpec = (workload: SynthResource) => (workload.inputs.spec as { template: { spec: PodSpec } }).template.spec;

describe("a load balancer that forwards to node ports", () => {
  let viaNodePorts: SynthResult;
  beforeAll(async () => {
    const raw = deepClone(localRawConfig()) as { target: { loadBalancer?: Record<string, unknown> } };
    raw.target.loadBalancer = { ...raw.target.loadBalancer, allocateNodePorts: true };
    viaNodePorts = await synthesize(toStackConfig(raw), "local");
  });

  it("lets each cell's quota admit exactly the node ports of its edge Services", () => {
    for (const { namespace } of cells) {
      const edges = ofType(viaNodePorts.resources, T.service, namespace).filter(
        (service) => meta(service).labels?.["im-platform.io/edge"] === "true",
      );
      const edgePorts = edges.reduce((sum, edge) => sum + (edge.inputs.spec as { ports: unknown[] }).ports.length, 0);
      const quota = ofType(viaNodePorts.resources, T.quota, namespace).find((q) => meta(q).name === "im-cell-quota");
      expect(edgePorts).toBeGreaterThan(0);
      expect((quota!.inputs.spec as { hard: Record<string, string> }).hard["services.nodeports"]).toBe(
        String(edgePorts),
      );
      for (const edge of edges) expect(edge.inputs.spec).toMatchObject({ allocateLoadBalancerNodePorts: true });
    }
  });
});

describe.each(cells)("tenant cell $cell", ({ namespace, tier, cell, edges: edgeNames }) => {
  const inCell = (type: string) => ofType(local.resources, type, namespace);

  it("has a namespace labelled with tenant and tier under Pod Security restricted", () => {
    const [ns] = inCell(T.namespace);
    expect(meta(ns!).labels).toMatchObject({
      "im-platform.io/tenant": cell,
      "im-platform.io/tier": tier,
      "pod-security.kubernetes.io/enforce": "restricted",
    });
  });

  it("has a quota of its objects (no NodePorts), one of its compute at its tier's class and the data class, and one LimitRange", () => {
    const quotas = new Map(inCell(T.quota).map((quota) => [meta(quota).name, quota.inputs.spec as QuotaSpec]));
    expect([...quotas.keys()].sort()).toEqual(["im-cell-compute-" + tier, "im-cell-quota"]);
    expect(quotas.get("im-cell-quota")).toEqual({
      hard: {
        "services.nodeports": "0",
        "services.loadbalancers": "2",
        "requests.storage": expect.any(String),
        persistentvolumeclaims: expect.any(String),
      },
    });
    expect(quotas.get(`im-cell-compute-${tier}`)).toMatchObject({
      hard: { "requests.cpu": expect.any(String), "requests.memory": expect.any(String), pods: expect.any(String) },
      scopeSelector: {
        matchExpressions: [
          { scopeName: "PriorityClass", operator: "In", values: [`im-platform-${tier}`, "im-platform-data"] },
        ],
      },
    });
    expect(inCell(T.limitRange)).toHaveLength(1);
  });

  it("gives its edge Services no node ports, so the quota of zero admits them", () => {
    const edges = inCell(T.service).filter((service) => meta(service).labels?.["im-platform.io/edge"] === "true");
    expect(edges).toHaveLength(edgeNames.length);
    for (const edge of edges)
      expect(edge.inputs.spec).toMatchObject({ type: "LoadBalancer", allocateLoadBalancerNodePorts: false });
  });

  it("denies all ingress and egress by default, then allows DNS and the same cell only", () => {
    const policies: Record<string, Record<string, any>> = Object.fromEntries(
      inCell(T.netpol).map((p) => [meta(p).name, p.inputs.spec as Record<string, any>]),
    );
    expect(policies["default-deny"]).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(policies["allow-dns"]?.egress[0].ports).toContainEqual({ protocol: "UDP", port: 53 });
    expect(policies["allow-same-cell"]?.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
    for (const spec of Object.values(policies)) {
      const peers = [...(spec.ingress ?? []), ...(spec.egress ?? [])].flatMap((rule: any) => [
        ...(rule.from ?? []),
        ...(rule.to ?? []),
      ]);
      for (const peer of peers) {
        if (peer.namespaceSelector) expect(peer.namespaceSelector).not.toEqual({});
        const target = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
        if (target) expect(target).not.toMatch(/^im-(t-|shared)/);
      }
    }
  });

  it("runs workloads as its own ServiceAccount without token automount, and no API access: discovery is etcd", () => {
    const [sa] = inCell(T.serviceAccount);
    expect(sa!.inputs.automountServiceAccountToken).toBe(false);
    expect(inCell(T.role)).toEqual([]);
    expect(inCell(T.roleBinding)).toEqual([]);
    expect(workloadsOf(local, namespace).length).toBeGreaterThan(0);
    for (const workload of workloadsOf(local, namespace)) {
      expect(podSpec(workload).serviceAccountName).toBe(meta(sa!).name);
      expect(podSpec(workload).automountServiceAccountToken).toBe(false);
    }
  });

  it("gives every pod the tier's PriorityClass and a restricted security context", () => {
    for (const workload of workloadsOf(local, namespace)) {
      const spec = podSpec(workload);
      expect(spec.priorityClassName).toBe(`im-platform-${tier}`);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      for (const container of spec.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        expect(container.resources?.requests).toBeDefined();
        expect(container.resources?.limits).toBeDefined();
      }
    }
  });

  it("exposes only the platform edge as LoadBalancer Services", () => {
    const balancers = inCell(T.service).filter((s) => (s.inputs.spec as { type?: string }).type === "LoadBalancer");
    expect(balancers.map((s) => meta(s).name).sort()).toEqual(edgeNames);
    for (const balancer of balancers) expect(meta(balancer).labels?.["im-platform.io/edge"]).toBe("true");
  });
});

describe("VIP and shared cells differ where the tier says", () => {
  it("uses the VIP tenant's own quota and scaling, the pool's for shared tenants", () => {
    const hard = (ns: string) =>
      (
        ofType(local.resources, T.quota, ns).find((q) => meta(q).name?.startsWith("im-cell-compute-"))!.inputs
          .spec as QuotaSpec
      ).hard;
    expect(hard("im-t-initech")["requests.cpu"]).toBe("24");
    // Each shared tenant's cell gets the pool's per-cell quota from the stack.
    expect(hard("im-t-acme")["requests.cpu"]).toBe("1");
    expect(hard("im-t-globex")["requests.cpu"]).toBe("1");
    const gatewayHpa = (ns: string) =>
      ofType(local.resources, T.hpa, ns).find((h) => meta(h).name === "msggateway")!.inputs.spec as {
        minReplicas: number;
        maxReplicas: number;
      };
    expect(gatewayHpa("im-t-initech")).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    // The compact server is one pod: no autoscaler, nothing to scale.
    expect(ofType(local.resources, T.hpa, "im-t-acme")).toEqual([]);
  });

  it("places a VIP tenant with dedicatedNodePool on its own tainted pool only", async () => {
    const raw = deepClone(localRawConfig()) as { tenants: Array<Record<string, unknown>> };
    raw.tenants[2]!.dedicatedNodePool = true;
    const result = await synthesize(toStackConfig(raw), "local");
    const spec = podSpec(ofType(result.resources, T.deployment, "im-t-initech")[0]!);
    expect(spec.nodeSelector).toEqual({ "im-platform.io/pool": "vip-initech" });
    expect(spec.tolerations).toEqual([
      { key: "im-platform.io/dedicated", operator: "Equal", value: "initech", effect: "NoSchedule" },
    ]);
    expect(podSpec(workloadsOf(result, "im-t-acme")[0]!).tolerations).toEqual([]);
  });
});

describe("moving a tenant between tiers", () => {
  const names = (result: SynthResult) => new Set(result.resources.map((r) => `${r.type}::${r.name}`));
  const ofAcme = (name: string) => name.includes("-acme");

  it("rebuilds only the tenant's own cell, from the compact server to the services one by one", () => {
    const before = names(local);
    const after = names(moved);
    const removed = [...before].filter((name) => !after.has(name));
    const added = [...after].filter((name) => !before.has(name));
    expect(removed.length).toBeGreaterThan(0);
    expect(added.length).toBeGreaterThan(removed.length);
    expect([...removed, ...added].filter((name) => !ofAcme(name))).toEqual([]);
    expect(moved.outputs.tenantNamespaces).toMatchObject({
      acme: "im-t-acme",
      globex: "im-t-globex",
      initech: "im-t-initech",
    });
  });

  it("leaves every other tenant's objects as they were, and keeps acme's namespace and data", () => {
    const inputsByName = (result: SynthResult) =>
      new Map(result.resources.map((r) => [`${r.type}::${r.name}`, JSON.stringify(r.inputs)]));
    const before = inputsByName(local);
    const after = inputsByName(moved);
    const changed = [...before.keys()].filter((key) => after.has(key) && before.get(key) !== after.get(key));
    expect(changed.filter((name) => !ofAcme(name))).toEqual(["kubernetes:core/v1:ConfigMap::main-tenancy-directory"]);
    // The same namespace (relabelled in place) and the same data binding: the tenant keeps its users and messages.
    expect(after.has("kubernetes:core/v1:Namespace::main-tenancy-acme-ns")).toBe(true);
    // Its load balancers are updated in place (new selector, same object), so its addresses stay.
    for (const edge of ["msggateway-edge", "api-edge"]) {
      const key = `kubernetes:core/v1:Service::main-tenancy-acme-services-${edge}`;
      expect(before.has(key) && after.has(key), key).toBe(true);
    }
    for (const kept of [
      "kubernetes:core/v1:Secret::main-tenancy-acme-data-secret",
      "kubernetes:core/v1:ConfigMap::main-tenancy-acme-data-app-config",
      "kubernetes:apps/v1:StatefulSet::main-tenancy-acme-data-redis",
    ])
      expect(after.get(kept), kept).toBe(before.get(kept));
  });
});

describe("stable child names", () => {
  it("derives every child name from its parent's", () => {
    for (const resource of local.resources) {
      if (!resource.parent || resource.parent === "im-platform-local") continue;
      expect(resource.name.startsWith(resource.parent), `${resource.name} under ${resource.parent}`).toBe(true);
    }
  });

  it("keeps the public names of a cell", () => {
    const cellNames = local.resources.filter((r) => r.name.startsWith("main-tenancy-initech")).map((r) => r.name);
    expect(cellNames).toEqual(
      expect.arrayContaining([
        "main-tenancy-initech",
        "main-tenancy-initech-ns",
        "main-tenancy-initech-quota",
        "main-tenancy-initech-quota-compute-vip",
        "main-tenancy-initech-limits",
        "main-tenancy-initech-default-deny",
        "main-tenancy-initech-sa",
        "main-tenancy-initech-services",
        "main-tenancy-initech-services-msggateway",
        "main-tenancy-initech-services-msggateway-edge",
        "main-tenancy-initech-services-msggateway-pdb",
        "main-tenancy-initech-services-crontask",
      ]),
    );
  });
});

describe("warnings for risky choices", () => {
  it("names the setting when discovery has no API route or bursts exceed the quota", () => {
    const raw = deepClone(localRawConfig()) as {
      tenants: Array<{ quota?: { cpu: string } }>;
      services: Array<Record<string, unknown>>;
    };
    raw.tenants[2]!.quota!.cpu = "8";
    raw.services[0]!.kubernetesApi = true;
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error("config invalid");
    const target = { name: "main", apiServerCidrs: [] as string[] } as unknown as Parameters<typeof tenancyWarnings>[1];
    const pools = conventionalNodePools(result.config.targets[0]!.cluster as ExistingTargetConfig, result.config);
    const warnings = tenancyWarnings(result.config, target, planCells(result.config, pools, "main"));
    expect(warnings.some((w) => w.includes("target.apiServerCidrs"))).toBe(true);
    expect(warnings.some((w) => w.includes('cell "initech"') && w.includes("bursts stop at the quota"))).toBe(true);
  });
});

describe("a service that discovers peers through the Kubernetes API", () => {
  it("gets read-only access to its own cell's namespace, bound to the cell's ServiceAccount only", async () => {
    const raw = deepClone(localRawConfig()) as { services: Array<Record<string, unknown>> };
    raw.services[0]!.kubernetesApi = true;
    const result = await synthesize(toStackConfig(raw), "local");
    const [role] = ofType(result.resources, T.role, "im-t-initech");
    const [binding] = ofType(result.resources, T.roleBinding, "im-t-initech");
    expect((role!.inputs.rules as Array<{ verbs: string[] }>).flatMap((rule) => rule.verbs)).not.toContain("create");
    expect(binding!.inputs.subjects).toEqual([{ kind: "ServiceAccount", name: "im-cell", namespace: "im-t-initech" }]);
    // The compact cells run no such service, so they stay without API access.
    expect(ofType(result.resources, T.roleBinding, "im-t-acme")).toEqual([]);
  });
});
