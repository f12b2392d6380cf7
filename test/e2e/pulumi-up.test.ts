import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawConfigFrom } from "../../components/stack/load";
import { validateStackConfig } from "../../components/stack/validate";
import { kubectl, kubectlOk } from "../../scripts/local/kubectl";
import { CACHE_DIR, LOCAL_KUBECONFIG } from "../../scripts/local/paths";
import {
  POLICY_PACK_FLAGS,
  pulumi,
  pulumiEnv,
  type PulumiResult,
  type PulumiSettings,
} from "../../scripts/local/pulumi";
import { readStackConfig, stackFilePath } from "../../scripts/synth/stack-file";
import { synthesize } from "../../scripts/synth/synthesize";
import { copyFixture, copyProject } from "../../scripts/local/project-copy";
import { loadStack } from "../../scripts/local-cluster/stack";
import { getJson, ok, waitFor, type LiveObject } from "./live";
import { expectCellMonitoring, expectPlatformMonitoring, monitoringFacts } from "./monitoring";
import { StepClock } from "./steps";

/**
 * The real Pulumi engine (CLI, Node.js language host, Kubernetes provider plugin, policy packs)
 * deploys the local stack to the real control plane of scripts/local-cluster (the suite's own,
 * cluster "e2e"): file backend, passphrase secrets, stack config from stackConfigDir. The suite
 * runs on the local stack's simulated node pools, so the engine awaits real rollouts.
 */
const STACK = "local";
const MANAGED = "app.kubernetes.io/managed-by=im-platform";
const PASSPHRASE = "e2e-local-passphrase";
const REPLACING = ["replace", "create-replacement", "delete-replaced"];
const clock = new StepClock();

let work: string;
let settings: PulumiSettings;

interface StateResource {
  urn: string;
  type: string;
  outputs?: {
    kind?: string;
    apiVersion?: string;
    metadata?: { name: string; namespace?: string; uid?: string };
    spec?: { replicas?: number };
  };
}
interface PreviewStep {
  op: string;
  urn: string;
}

function run(step: string, args: readonly string[], on: PulumiSettings = settings): PulumiResult {
  return clock.time(step, () => pulumi([...args, "--stack", STACK], on));
}

function kubeResources(): StateResource[] {
  const exported = JSON.parse(ok(pulumi(["stack", "export", "--stack", STACK], settings), "stack export").stdout) as {
    deployment: { resources?: StateResource[] };
  };
  return (exported.deployment.resources ?? []).filter((resource) => resource.type.startsWith("kubernetes:"));
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
const tenantNamespaces = () =>
  getJson<LiveObject>(["get", "namespaces", "-l", "im-platform.io/tenant"]).map((ns) => ns.metadata.name);
const podCount = (namespace: string) => getJson<LiveObject>(["get", "pods", "-n", namespace]).length;

/** The uid of every live object the stack holds, by URN (a replace would change it), in one read. */
function liveUids(resources: readonly StateResource[]): Map<string, string> {
  const objects = resources.filter((resource) => resource.outputs?.kind && resource.outputs.metadata);
  if (objects.length === 0) return new Map();
  const kinds = [...new Set(objects.map((resource) => resource.outputs!.kind!.toLowerCase()))].join(",");
  const keyOf = (kind: string, metadata: { name: string; namespace?: string }) =>
    `${kind}/${metadata.namespace ?? ""}/${metadata.name}`;
  const live = new Map(
    getJson<LiveObject & { kind: string }>(["get", kinds, "-A"]).map((object) => [
      keyOf(object.kind, object.metadata),
      object.metadata.uid,
    ]),
  );
  return new Map(
    objects.flatMap((resource) => {
      const uid = live.get(keyOf(resource.outputs!.kind!, resource.outputs!.metadata!));
      return uid ? [[resource.urn, uid] as const] : [];
    }),
  );
}

/** `npm run ci -- <args>` on the suite's project and backend, as a pipeline runs it: the backend named by PULUMI_BACKEND_URL. */
function ci(step: string, args: readonly string[]): PulumiResult {
  return clock.time(step, () => {
    const result = spawnSync(
      "npx",
      ["tsx", join(__dirname, "..", "..", "scripts", "ci.ts"), ...args, "--stack", STACK, "--cwd", settings.cwd!],
      { encoding: "utf8", env: pulumiEnv(settings), maxBuffer: 256 * 2 ** 20 },
    );
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  });
}

function preview(step: string): PreviewStep[] {
  const result = ok(run(step, ["preview", "--json"]), step);
  return (JSON.parse(result.stdout) as { steps?: PreviewStep[] }).steps ?? [];
}

/** The user's own local cluster (npm run up:local), which the suite must never touch. */
const USER_KUBECONFIG = join(CACHE_DIR, "cluster", "kubeconfig");
function userClusterObjects(): string | undefined {
  if (!existsSync(USER_KUBECONFIG) || USER_KUBECONFIG === LOCAL_KUBECONFIG) return undefined;
  const listed = kubectl([
    "--kubeconfig",
    USER_KUBECONFIG,
    "get",
    "namespaces,deployments,statefulsets,secrets",
    "-A",
    "-l",
    MANAGED,
    "-o",
    'jsonpath={range .items[*]}{.metadata.uid} {.metadata.generation}{"\\n"}{end}',
  ]);
  return listed.status === 0 ? listed.stdout : undefined;
}
let userObjectsBefore: string | undefined;

beforeAll(() => {
  userObjectsBefore = userClusterObjects();
  const reachable = kubectl(["get", "--raw", "/readyz"]);
  if (reachable.status !== 0)
    throw new Error(`the local control plane is not running (npm run cluster -- start):\n${reachable.stderr}`);
  work = mkdtempSync(join(tmpdir(), "im-platform-e2e-"));
  mkdirSync(join(work, "state"));
  settings = {
    cwd: copyProject(join(work, "project")),
    backendDir: join(work, "state"),
    passphrase: PASSPHRASE,
    kubeconfig: join(work, "no-ambient-kubeconfig"),
  };
});

afterAll(() => {
  console.log(clock.report("end-to-end steps with the real engine against the local control plane:"));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the local stack through the real Pulumi engine", () => {
  it("runs on a control plane of its own, never the one npm run up:local deploys to", () => {
    expect(LOCAL_KUBECONFIG).not.toBe(USER_KUBECONFIG);
    const server = (file: string) => /server: (\S+)/.exec(readFileSync(file, "utf8"))?.[1];
    expect(server(LOCAL_KUBECONFIG)).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    if (existsSync(USER_KUBECONFIG)) expect(server(LOCAL_KUBECONFIG)).not.toBe(server(USER_KUBECONFIG));
  });

  it("creates the stack on a file backend and keeps the cluster's kubeconfig as an encrypted secret", () => {
    ok(run("stack init", ["stack", "init", "--secrets-provider", "passphrase"]), "stack init");
    // The program reaches the cluster only through this secret: the ambient KUBECONFIG points nowhere.
    const kubeconfig = readFileSync(LOCAL_KUBECONFIG, "utf8");
    ok(
      pulumi(
        ["config", "set", "--secret", "--path", "im-platform:target.kubeconfig", kubeconfig, "--stack", STACK],
        settings,
      ),
      "config set",
    );
    ok(
      pulumi(
        ["config", "set", "--secret", "im-platform:secretSeed", randomBytes(32).toString("base64"), "--stack", STACK],
        settings,
      ),
      "config set seed",
    );
    const stackFile = readFileSync(join(settings.cwd!, "stacks", "Pulumi.local.yaml"), "utf8");
    expect(stackFile).toMatch(/secure: v1:/);
    expect(stackFile).not.toContain("client-key-data");

    const shown = JSON.parse(
      ok(pulumi(["config", "--json", "--show-secrets", "--stack", STACK], settings), "config").stdout,
    ) as Record<string, { value: string; secret: boolean }>;
    expect(shown["im-platform:target"]?.secret).toBe(true);
    expect(shown["im-platform:secretSeed"]?.secret).toBe(true);
    const result = validateStackConfig(
      rawConfigFrom(Object.fromEntries(Object.entries(shown).map(([key, entry]) => [key, entry.value]))),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.targets[0]?.cluster).toMatchObject({ kind: "existing", kubeconfig });
  });

  it("deploys every resource the program declares, the same set the offline synth registers", async () => {
    ok(run("pulumi up (create)", ["up", "--yes", "--skip-preview"]), "pulumi up");
    const deployed = kubeResources().filter((resource) => !resource.type.startsWith("pulumi:providers:"));
    const synthesized = (await synthesize(readStackConfig(stackFilePath("local")), "local")).resources.filter(
      (resource) => resource.type.startsWith("kubernetes:"),
    );
    expect(deployed.map((resource) => `${resource.type} ${nameOf(resource.urn)}`).sort()).toEqual(
      synthesized.map((resource) => `${resource.type} ${resource.name}`).sort(),
    );
    // Every one of them is on the API server, with the uid it was given there.
    expect(liveUids(deployed).size).toBe(deployed.length);
  });

  it("has the operator's CRDs accept each cell's PodMonitor and SLO rules, the platform's rules, dashboards and alert routing, and fences metrics to its Prometheus", () => {
    // On the suite's control plane the operator's CRDs judge them (monitoring-crds.test.ts shows they refuse wrong fields).
    const facts = monitoringFacts(loadStack(stackFilePath(STACK)));
    clock.time("monitoring objects checked", () => {
      expectCellMonitoring(facts);
      expectPlatformMonitoring(facts);
    });
  });

  it("gives every tenant namespace Pod Security restricted, its object and compute quotas, a limit range and default-deny policies", () => {
    const namespaces = tenantNamespaces();
    expect(namespaces.length).toBeGreaterThanOrEqual(2);
    for (const namespace of namespaces) {
      const ns = JSON.parse(kubectlOk(["get", "namespace", namespace, "-o", "json"])) as LiveObject;
      expect(ns.metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
      const tier = ns.metadata.labels?.["im-platform.io/tier"];
      const quotas = getJson<LiveObject>(["get", "resourcequota", "-n", namespace]).map((quota) => quota.metadata.name);
      expect(quotas.sort()).toEqual([`im-cell-compute-${tier}`, "im-cell-quota"]);
      expect(getJson<LiveObject>(["get", "limitrange", "-n", namespace])).toHaveLength(1);
      const deny = getJson<LiveObject>(["get", "networkpolicy", "-n", namespace]).find(
        (policy) => policy.metadata.name === "default-deny",
      );
      expect(deny?.spec).toMatchObject({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    }
  });

  it("has every workload's pods admitted by Pod Security and the quota as the controllers create them", async () => {
    const workloads = kubeResources().filter((resource) =>
      ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:batch/v1:Job"].includes(
        resource.type,
      ),
    );
    const wanted = new Map<string, number>();
    for (const workload of workloads) {
      const namespace = workload.outputs!.metadata!.namespace!;
      // On the simulated nodes every workload runs its replicas; a Job keeps its completed pod.
      const pods = workload.outputs!.spec?.replicas ?? 1;
      wanted.set(namespace, (wanted.get(namespace) ?? 0) + pods);
    }
    expect(wanted.has("im-data")).toBe(true);
    await clock.timeAsync("controllers create every pod", () =>
      waitFor("all pods", () => [...wanted].every(([namespace, count]) => podCount(namespace) >= count)),
    );
    for (const namespace of wanted.keys()) {
      expect(
        getJson<LiveObject>(["get", "events", "-n", namespace, "--field-selector", "reason=FailedCreate"]),
      ).toEqual([]);
    }
  });

  it("gives every cell credentials of its own, kept in its own namespace", () => {
    const cells = tenantNamespaces();
    const secrets = cells.map((namespace) => {
      const secret = JSON.parse(kubectlOk(["get", "secret", "im-data", "-n", namespace, "-o", "json"])) as {
        data: Record<string, string>;
      };
      return Object.fromEntries(
        Object.entries(secret.data).map(([key, value]) => [key, Buffer.from(value, "base64").toString("utf8")]),
      );
    });
    for (const key of ["server-secret", "mongodb-password", "redis-password", "kafka-password", "etcd-password"]) {
      const values = secrets.map((secret) => secret[key]);
      for (const value of values) expect(value, key).toMatch(/^.{16,}$/);
      expect(new Set(values).size, key).toBe(cells.length);
    }
    // No tenant namespace holds another cell's credentials.
    for (const namespace of cells) {
      const held = getJson<LiveObject>(["get", "secrets", "-n", namespace, "-l", "im-platform.io/binding-for"]);
      const cell = namespace.replace(/^im-t-/, "");
      for (const secret of held) expect(secret.metadata.labels?.["im-platform.io/binding-for"]).toBe(cell);
    }
  });

  it("declares each cell's four topics in the job that creates them, the ones its server config reads", () => {
    for (const namespace of tenantNamespaces()) {
      const cell = namespace.replace(/^im-t-/, "");
      const config = JSON.parse(kubectlOk(["get", "configmap", "im-app-config", "-n", namespace, "-o", "json"])) as {
        data: Record<string, string>;
      };
      const topics = [...config.data["kafka.yml"]!.matchAll(/^to\w+Topic: (\S+)$/gm)].map((match) => match[1]!);
      expect(topics.sort()).toEqual(
        ["toMongo", "toOfflinePush", "toPush", "toRedis"].map((q) => `${cell}.${q}`).sort(),
      );
      const job = kubectlOk(["get", "job", `bootstrap-${cell}`, "-n", "im-data", "-o", "json"]);
      for (const topic of topics) expect(job).toContain(`--topic ${topic} `);
    }
  });

  it("closes the data namespace to all but the cells bound to it, and publishes none of it", () => {
    const policies = getJson<LiveObject>(["get", "networkpolicy", "-n", "im-data"]);
    const byName = new Map(policies.map((policy) => [policy.metadata.name, policy.spec as Record<string, any>]));
    expect(byName.get("default-deny")).toMatchObject({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const cells = tenantNamespaces().sort();
    for (const [name, spec] of byName) {
      if (!name.startsWith("allow-cells-")) continue;
      const admitted = spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values as string[];
      const cell = name.startsWith("allow-cells-redis-") ? name.replace("allow-cells-redis-", "im-t-") : undefined;
      expect(admitted, name).toEqual(cell ? [cell] : cells);
    }
    for (const service of getJson<LiveObject>(["get", "services", "-n", "im-data"]))
      expect(service.spec?.type, service.metadata.name).toBe("ClusterIP");
  });

  it("has the API server refuse a privileged pod and a NodePort Service in a tenant namespace", () => {
    const namespace = tenantNamespaces()[0]!;
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "e2e-privileged", namespace },
      spec: {
        containers: [
          {
            name: "shell",
            image: "busybox:1.36",
            securityContext: { privileged: true },
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "10m", memory: "16Mi" } },
          },
        ],
      },
    };
    const refused = kubectl(["create", "-f", "-"], JSON.stringify(pod));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/violates PodSecurity "restricted:latest".*privileged/s);
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "e2e-nodeport", namespace },
      spec: { type: "NodePort", selector: { app: "x" }, ports: [{ port: 80 }] },
    };
    const quota = kubectl(["create", "-f", "-"], JSON.stringify(service));
    expect(quota.status).not.toBe(0);
    expect(quota.stderr).toMatch(/exceeded quota: im-cell-quota.*services\.nodeports/);
  });

  it("admits a cell's pods at its tier's priority class or the data class only (the class its compute quota counts)", () => {
    const shared = tenantNamespaces().find((namespace) => namespace === "im-t-acme")!;
    const pod = (priorityClassName?: string) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "e2e-priority", namespace: shared },
      spec: {
        ...(priorityClassName ? { priorityClassName } : {}),
        securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
          {
            name: "pause",
            image: "registry.k8s.io/pause:3.10",
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "10m", memory: "16Mi" } },
          },
        ],
      },
    });
    const offer = (priorityClassName?: string) =>
      kubectl(["create", "--dry-run=server", "-f", "-"], JSON.stringify(pod(priorityClassName)));
    for (const admitted of ["im-platform-shared", "im-platform-data"])
      expect(offer(admitted).status, offer(admitted).stderr).toBe(0);
    for (const refused of ["im-platform-vip", undefined]) {
      const result = offer(refused);
      expect(result.status, String(refused)).not.toBe(0);
      expect(result.stderr).toMatch(
        /im-platform-cell-priority.*run at priority class im-platform-data or the namespace's tier class/,
      );
    }
  });

  it("reports no changes on a second pulumi up", () => {
    const before = liveUids(kubeResources());
    ok(run("pulumi up (no changes)", ["up", "--yes", "--expect-no-changes"]), "second pulumi up");
    expect(liveUids(kubeResources())).toEqual(before);
  });

  it("finds no drift after a deploy, names what kubectl changed behind Pulumi's back, and a pipeline deploy puts it back", () => {
    const inCell = (kind: string, prefix = "") => {
      const found = kubeResources().find(
        (resource) =>
          resource.outputs?.kind === kind &&
          resource.outputs.metadata?.namespace === "im-t-globex" &&
          resource.outputs.metadata.name.startsWith(prefix),
      );
      expect(found, `a ${kind} in im-t-globex`).toBeDefined();
      return { name: nameOf(found!.urn), object: found!.outputs!.metadata!.name };
    };
    const quota = inCell("ResourceQuota", "im-cell-compute-");
    const policy = inCell("NetworkPolicy");
    const hardPods = () =>
      kubectlOk(["get", "resourcequota", quota.object, "-n", "im-t-globex", "-o", "jsonpath={.spec.hard.pods}"]);
    const declaredPods = hardPods();

    const clean = ci("npm run ci -- drift (after a deploy)", ["drift"]);
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("### drift `local`: no drift");

    kubectlOk([
      "patch",
      "resourcequota",
      quota.object,
      "-n",
      "im-t-globex",
      "--type=merge",
      "-p",
      '{"spec":{"hard":{"pods":"1"}}}',
    ]);
    kubectlOk(["delete", "networkpolicy", policy.object, "-n", "im-t-globex"]);
    const stateBefore = kubeResources();
    const drifted = ci("npm run ci -- drift (after kubectl)", ["drift"]);
    expect(drifted.status, drifted.stderr).toBe(1);
    expect(drifted.stdout).toContain("### drift `local`: drift found");
    expect(drifted.stdout).toContain(`| update | \`kubernetes:core/v1:ResourceQuota\` | ${quota.name} |`);
    expect(drifted.stdout).toContain(`| create | \`kubernetes:networking.k8s.io/v1:NetworkPolicy\` | ${policy.name} |`);
    // Nothing else drifted, and the check wrote no state.
    expect(drifted.stdout.match(/^\| (update|create|delete|replace) \|/gm)).toHaveLength(2);
    expect(kubeResources()).toEqual(stateBefore);

    const deployed = ci("npm run ci -- deploy (puts the drift back)", ["deploy"]);
    expect(deployed.status, deployed.stderr).toBe(0);
    expect(deployed.stdout).toContain("### deploy `local`: deployed");
    expect(hardPods()).toBe(declaredPods);
    expect(kubectl(["get", "networkpolicy", policy.object, "-n", "im-t-globex"]).status).toBe(0);
    const after = ci("npm run ci -- drift (after the deploy)", ["drift"]);
    expect(after.status, after.stdout + after.stderr).toBe(0);
  });

  it("passes pulumi preview with both policy packs", () => {
    const result = ok(run("preview with both policy packs", ["preview", ...POLICY_PACK_FLAGS]), "policy preview");
    expect(result.stdout).toMatch(/im-platform-tenancy/);
    expect(result.stdout).toMatch(/im-platform-security/);
    expect(result.stdout).not.toMatch(/mandatory/);
  });

  it("stops a violating program in pulumi preview and names the policies it breaks", () => {
    const fixture: PulumiSettings = {
      ...settings,
      cwd: copyFixture("violating", join(work, "violating")),
      kubeconfig: LOCAL_KUBECONFIG,
    };
    ok(pulumi(["stack", "init", "--stack", STACK, "--secrets-provider", "passphrase"], fixture), "fixture stack init");
    const result = run("preview of a violating program", ["preview", ...POLICY_PACK_FLAGS], fixture);
    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/\[mandatory\]\s+no-privileged-containers/);
    expect(output).toMatch(/no-host-namespaces/);
    expect(output).toMatch(/pinned-images/);
    // Nothing reached the cluster.
    expect(kubectl(["get", "namespace", "im-t-rogue"]).status).not.toBe(0);
  });

  it("moves a tenant between tiers and back touching its own cell only, never by a replace", async () => {
    const uids = liveUids(kubeResources());
    const ofAcme = (step: PreviewStep) => nameOf(step.urn).includes("acme");
    const directory = (step: PreviewStep) => nameOf(step.urn) === "main-tenancy-directory";
    ok(
      pulumi(["config", "set", "--path", "im-platform:tenants[0].tier", "vip", "--stack", STACK], settings),
      "config set tier",
    );
    const toVip = preview("preview (acme to VIP)");
    expect(toVip.filter((step) => REPLACING.includes(step.op))).toEqual([]);
    const changed = toVip.filter((step) => step.op !== "same");
    expect(changed.filter((step) => !ofAcme(step) && !directory(step))).toEqual([]);
    const created = changed.filter((step) => step.op === "create").map((step) => nameOf(step.urn));
    const deleted = changed.filter((step) => step.op === "delete").map((step) => nameOf(step.urn));
    expect(created.length).toBeGreaterThan(10);
    expect(deleted.length).toBeGreaterThan(0);

    ok(run("pulumi up (acme to VIP)", ["up", "--yes", "--skip-preview"]), "up acme vip");
    const afterMove = liveUids(kubeResources());
    // The tenant keeps its namespace, credentials and Redis: its users and messages stay where they are.
    for (const [urn, uid] of uids) if (!deleted.includes(nameOf(urn))) expect(afterMove.get(urn), urn).toBe(uid);

    ok(
      pulumi(["config", "set", "--path", "im-platform:tenants[0].tier", "shared", "--stack", STACK], settings),
      "config set tier back",
    );
    const back = preview("preview (acme back to shared)");
    expect(back.filter((step) => REPLACING.includes(step.op))).toEqual([]);
    const removed = back.filter((step) => step.op === "delete").map((step) => nameOf(step.urn));
    const restored = back.filter((step) => step.op === "create").map((step) => nameOf(step.urn));
    expect(removed.sort()).toEqual([...created].sort());
    expect(restored.sort()).toEqual([...deleted].sort());
    ok(run("pulumi up (acme back to shared)", ["up", "--yes", "--skip-preview"]), "up acme shared");
    const final = liveUids(kubeResources());
    for (const [urn, uid] of uids) if (!deleted.includes(nameOf(urn))) expect(final.get(urn), urn).toBe(uid);
    // Every object the stack holds is live again, the restored ones included.
    expect([...uids.keys()].filter((urn) => !final.has(urn))).toEqual([]);
    expect(final.size).toBe(uids.size);
  });

  it("left the user's local deployment, when there is one, exactly as it was", () => {
    // In CI the local stack is deployed beside the suite (npm run up:local first).
    expect(userClusterObjects()).toBe(userObjectsBefore);
  });

  it("leaves no kit object behind when destroyed", async () => {
    const namespaces = kubeResources()
      .filter((resource) => resource.type === "kubernetes:core/v1:Namespace")
      .map((ns) => ns.outputs!.metadata!.name);
    ok(run("pulumi destroy", ["destroy", "--yes", "--skip-preview"]), "destroy");
    expect(kubeResources()).toEqual([]);
    const kinds =
      "namespaces,priorityclasses,deployments,statefulsets,jobs,secrets,services,configmaps,serviceaccounts,resourcequotas,limitranges,networkpolicies,roles,rolebindings,poddisruptionbudgets,horizontalpodautoscalers,podmonitors.monitoring.coreos.com,prometheusrules.monitoring.coreos.com,alertmanagerconfigs.monitoring.coreos.com";
    expect(kubectlOk(["get", kinds, "-A", "-l", MANAGED, "-o", "name"]).trim()).toBe("");
    await clock.timeAsync("namespaces finalized", () =>
      waitFor("namespaces to go", () => namespaces.every((name) => kubectl(["get", "namespace", name]).status !== 0)),
    );
    ok(pulumi(["stack", "rm", "--yes", "--stack", STACK], settings), "stack rm");
  });
});
