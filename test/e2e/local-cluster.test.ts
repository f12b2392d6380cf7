import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyStack, destroyStack, diffStack } from "../../scripts/local/deploy";
import { kubectl, kubectlOk } from "../../scripts/local/kubectl";
import { asList, type KubeObject, manifestsOf, objectKey } from "../../scripts/local/manifests";
import { synthesize } from "../../scripts/synth/synthesize";
import { deepClone, localRawConfig, toStackConfig } from "../helpers/stack";
import { StepClock } from "./steps";

/**
 * The local stack's Kubernetes objects on a real kube-apiserver + kube-controller-manager
 * (scripts/local-cluster): schema validation, Pod Security and ResourceQuota admission, and the
 * deployment/replicaset/namespace controllers are the real ones. There are no nodes, so pods are
 * admitted and stay Pending.
 */
const STACK = "e2e-local";
const MANAGED = "app.kubernetes.io/managed-by=im-platform";
const clock = new StepClock();

interface LiveObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid: string; resourceVersion: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

type RawConfig = { tenants: Array<{ id: string; tier: string }> };

async function render(raw: Record<string, unknown>): Promise<KubeObject[]> {
  return manifestsOf(await synthesize(toStackConfig(raw), "local"));
}

function getJson<T>(args: readonly string[], input?: string): T[] {
  return (JSON.parse(kubectlOk([...args, "-o", "json"], input)) as { items: T[] }).items;
}

/** The live copy of each object, by objectKey. */
function liveObjects(objects: readonly KubeObject[]): Map<string, LiveObject> {
  return new Map(getJson<LiveObject>(["get", "-f", "-"], asList(objects)).map((object) => [objectKey(object), object]));
}

function namespacesOf(objects: readonly KubeObject[]): string[] {
  return objects.filter((object) => object.kind === "Namespace").map((object) => object.metadata.name);
}

function tenantNamespaces(objects: readonly KubeObject[]): string[] {
  return objects.filter((object) => object.kind === "Namespace" && object.metadata.labels?.["im-platform.io/tenant"]).map((object) => object.metadata.name);
}

/** Pods the Deployments of a namespace ask for, at their initial replica counts. */
function expectedPods(objects: readonly KubeObject[], namespace: string): number {
  return objects
    .filter((object) => object.kind === "Deployment" && object.metadata.namespace === namespace)
    .reduce((sum, object) => sum + ((object.spec as { replicas?: number }).replicas ?? 1), 0);
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function podCount(namespace: string): number {
  return getJson<LiveObject>(["get", "pods", "-n", namespace]).length;
}

let base: KubeObject[];
let baseRaw: RawConfig;

beforeAll(async () => {
  const reachable = kubectl(["get", "--raw", "/readyz"]);
  if (reachable.status !== 0) throw new Error(`the local control plane is not running (npm run cluster -- start):\n${reachable.stderr}`);
  destroyStack(STACK);
  baseRaw = localRawConfig() as RawConfig;
  base = await clock.timeAsync("synthesize the local stack", () => render(baseRaw));
});

afterAll(() => {
  console.log(clock.report(`end-to-end steps against the local control plane (${base?.length ?? 0} objects):`));
});

describe("the local stack on a real API server", () => {
  it("is accepted in full by server-side apply", () => {
    const report = clock.time("apply (create)", () => applyStack(STACK, base));
    expect(report.applied).toBe(base.length);
    expect(liveObjects(base).size).toBe(base.length);
  });

  it("gives every tenant namespace Pod Security restricted, a quota, a limit range and default-deny policies", () => {
    const namespaces = tenantNamespaces(base);
    expect(namespaces.length).toBeGreaterThanOrEqual(2);
    for (const namespace of namespaces) {
      const ns = JSON.parse(kubectlOk(["get", "namespace", namespace, "-o", "json"])) as LiveObject;
      expect(ns.metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
      expect(getJson<LiveObject>(["get", "resourcequota", "-n", namespace])).toHaveLength(1);
      expect(getJson<LiveObject>(["get", "limitrange", "-n", namespace])).toHaveLength(1);
      const policies = getJson<LiveObject>(["get", "networkpolicy", "-n", namespace]);
      expect(policies.map((policy) => policy.metadata.name)).toContain("default-deny");
      expect(policies.find((policy) => policy.metadata.name === "default-deny")?.spec).toMatchObject({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    }
  });

  it("has every workload's pods admitted by Pod Security and the quota, as the controllers create them", async () => {
    const namespaces = tenantNamespaces(base);
    await clock.timeAsync("controllers create every pod", () =>
      waitFor("all pods", () => namespaces.every((namespace) => podCount(namespace) === expectedPods(base, namespace))));
    for (const namespace of namespaces) {
      expect(podCount(namespace)).toBeGreaterThan(0);
      const failed = getJson<LiveObject>(["get", "events", "-n", namespace, "--field-selector", "reason=FailedCreate"]);
      expect(failed).toEqual([]);
    }
  });

  it("rejects a privileged pod in a tenant namespace (Pod Security admission)", () => {
    const namespace = tenantNamespaces(base)[0]!;
    const pod = {
      apiVersion: "v1", kind: "Pod", metadata: { name: "e2e-privileged", namespace },
      spec: { containers: [{ name: "shell", image: "busybox:1.36", securityContext: { privileged: true },
        resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "10m", memory: "16Mi" } } }] },
    };
    const result = clock.time("privileged pod rejected", () => kubectl(["create", "-f", "-"], JSON.stringify(pod)));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/violates PodSecurity "restricted:latest"/);
    expect(result.stderr).toMatch(/privileged/);
  });

  it("refuses a NodePort Service in a tenant namespace (quota)", () => {
    const namespace = tenantNamespaces(base)[0]!;
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "e2e-nodeport", namespace },
      spec: { type: "NodePort", selector: { app: "x" }, ports: [{ port: 80 }] } };
    const result = kubectl(["create", "-f", "-"], JSON.stringify(service));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/exceeded quota: im-cell-quota.*services\.nodeports/);
  });

  it("changes nothing when applied a second time", () => {
    const before = liveObjects(base);
    expect(clock.time("diff after apply", () => diffStack(base))).toBe("");
    clock.time("apply (no changes)", () => applyStack(STACK, base));
    const after = liveObjects(base);
    for (const [key, object] of before) expect(after.get(key)?.metadata.resourceVersion, key).toBe(object.metadata.resourceVersion);
  });

  it("moves a tenant into its own cell and back, touching only what the move changes", async () => {
    const movedRaw = deepClone(baseRaw);
    const acme = movedRaw.tenants.find((tenant) => tenant.id === "acme")!;
    acme.tier = "vip";
    const moved = await render(movedRaw as unknown as Record<string, unknown>);
    const before = liveObjects(base);
    const toVip = clock.time("apply (acme to VIP)", () => applyStack(STACK, moved));
    expect(toVip.removed).toEqual([]);

    const baseByKey = new Map(base.map((object) => [objectKey(object), JSON.stringify(object)]));
    const after = liveObjects(moved);
    const changed: string[] = [];
    const expectedChanged: string[] = [];
    for (const object of moved) {
      const key = objectKey(object);
      const previous = before.get(key);
      if (!previous) continue;
      expect(after.get(key)?.metadata.uid, `${key} was replaced`).toBe(previous.metadata.uid);
      if (after.get(key)?.metadata.resourceVersion !== previous.metadata.resourceVersion) changed.push(key);
      if (baseByKey.get(key) !== JSON.stringify(object)) expectedChanged.push(key);
    }
    // Only objects whose manifest changed were written; workloads of other tenants were not touched.
    for (const key of changed) expect(expectedChanged, key).toContain(key);
    expect(changed.some((key) => key.includes("/Deployment/"))).toBe(false);
    const acmeNamespace = namespacesOf(moved).find((name) => !namespacesOf(base).includes(name))!;
    expect(acmeNamespace).toContain("acme");
    await waitFor("acme's pods", () => podCount(acmeNamespace) === expectedPods(moved, acmeNamespace));

    const back = clock.time("apply (acme back to shared)", () => applyStack(STACK, base));
    expect(back.removed.length).toBe(moved.length - base.length);
    expect(back.removed.every((key) => key.includes(acmeNamespace))).toBe(true);
    expect(kubectl(["get", "namespace", acmeNamespace]).status).not.toBe(0);
    const restored = liveObjects(base);
    for (const [key, object] of before) expect(restored.get(key)?.metadata.uid, key).toBe(object.metadata.uid);
  });

  it("leaves no kit object behind when destroyed", () => {
    const deleted = clock.time("destroy", () => destroyStack(STACK));
    expect(deleted).toBe(base.length);
    const kinds = "namespaces,priorityclasses,deployments,services,configmaps,serviceaccounts,resourcequotas,limitranges,networkpolicies,roles,rolebindings,poddisruptionbudgets,horizontalpodautoscalers";
    expect(kubectlOk(["get", kinds, "-A", "-l", MANAGED, "-o", "name"]).trim()).toBe("");
    expect(namespacesOf(base).filter((name) => kubectl(["get", "namespace", name]).status === 0)).toEqual([]);
  });
});
