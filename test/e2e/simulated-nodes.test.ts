import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectl, kubectlEnv, kubectlOk } from "../../scripts/local/kubectl";
import { LOCAL_KUBECONFIG } from "../../scripts/local/paths";
import { pulumi, type PulumiSettings } from "../../scripts/local/pulumi";
import { measureBurst, millicores } from "../../scripts/local-cluster/load";
import { copyProject, editStackConfig } from "../../scripts/local/project-copy";
import { getJson, isReady, ok, poolOfNodes, sleep, waitFor, type LiveObject } from "./live";
import { StepClock } from "./steps";

/**
 * The local stack on kwok's simulated nodes, with the real engine, scheduler, controllers,
 * metrics-server and KEDA: where pods land, what preempts what, what a drain and a burst do.
 * The stack is the local sample with KEDA on (its queue workers scale on a metrics API this file
 * serves) and a 30 s scale-in window, so a scale-in is seen within the test.
 */
const STACK = "local";
const STABILIZATION_SECONDS = 30;
const clock = new StepClock();
const CELLS = ["acme", "globex", "initech"];
const POOL_OF_NAMESPACE: Record<string, string> = {
  "im-t-acme": "shared",
  "im-t-globex": "shared",
  "im-t-initech": "vip-initech",
  "im-data": "shared",
};

let work: string;
let settings: PulumiSettings;
let lagServer: Server;
let lag = 0;

function run(step: string, args: readonly string[]) {
  return clock.time(step, () => ok(pulumi([...args, "--stack", STACK], settings), step));
}

const podsIn = (namespace: string) => getJson(["get", "pods", "-n", namespace]);
const workloadPods = (namespace: string) =>
  podsIn(namespace).filter((pod) => pod.metadata.ownerReferences?.[0]?.kind !== "Job");
const deployment = (namespace: string, name: string) =>
  JSON.parse(kubectlOk(["get", "deployment", name, "-n", namespace, "-o", "json"])) as LiveObject;
const readyReplicas = (namespace: string, name: string) =>
  (deployment(namespace, name).status?.readyReplicas as number) ?? 0;
const appPods = (namespace: string, service: string) =>
  podsIn(namespace).filter((pod) => pod.metadata.labels?.["app.kubernetes.io/name"] === service);

beforeAll(async () => {
  const reachable = kubectl(["get", "--raw", "/readyz"]);
  if (reachable.status !== 0)
    throw new Error(`the e2e control plane is not running (npm run test:e2e starts it):\n${reachable.stderr}`);
  lagServer = createServer((_, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ lag }));
  });
  await new Promise<void>((resolve) => lagServer.listen(0, "127.0.0.1", resolve));
  const lagUrl = `http://127.0.0.1:${(lagServer.address() as AddressInfo).port}/lag`;

  work = mkdtempSync(join(tmpdir(), "im-platform-e2e-nodes-"));
  mkdirSync(join(work, "state"));
  const project = copyProject(join(work, "project"));
  editStackConfig(project, (config) => {
    config["im-platform:autoscaling"] = {
      ...(config["im-platform:autoscaling"] as object),
      scaleDownStabilizationSeconds: STABILIZATION_SECONDS,
      keda: { enabled: true },
    };
    // The queue workers scale on a trigger this file drives, a metrics API returning the lag, in
    // place of their Kafka lag: no broker runs here for KEDA to read.
    config["im-platform:services"] = [
      ...(config["im-platform:services"] as object[]),
      ...["msgtransfer", "push"].map((name) => ({
        name,
        keda: [{ type: "metrics-api", metadata: { url: lagUrl, valueLocation: "lag", targetValue: "100" } }],
      })),
    ];
  });
  settings = {
    cwd: project,
    backendDir: join(work, "state"),
    passphrase: "e2e-nodes-passphrase",
    kubeconfig: join(work, "no-ambient-kubeconfig"),
  };
  ok(pulumi(["stack", "init", "--stack", STACK, "--secrets-provider", "passphrase"], settings), "stack init");
  const set = (key: string, value: string) =>
    ok(pulumi(["config", "set", "--secret", "--path", key, value, "--stack", STACK], settings), `config set ${key}`);
  set("im-platform:target.kubeconfig", readFileSync(LOCAL_KUBECONFIG, "utf8"));
  set("im-platform:secretSeed", randomBytes(32).toString("base64"));
  run("pulumi up (create, awaiting every rollout)", ["up", "--yes", "--skip-preview"]);
});

afterAll(async () => {
  if (settings) {
    kubectl(["delete", "namespace", "e2e-filler", "--ignore-not-found", "--wait=false"]);
    run("pulumi destroy", ["destroy", "--yes", "--skip-preview"]);
    ok(pulumi(["stack", "rm", "--yes", "--stack", STACK], settings), "stack rm");
  }
  lagServer?.close();
  console.log(clock.report("simulated-node steps with the real engine, scheduler and controllers:"));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the local stack on simulated nodes", () => {
  it("has every pod Ready right after pulumi up: the engine awaited real rollouts", () => {
    for (const namespace of Object.keys(POOL_OF_NAMESPACE)) {
      const pods = workloadPods(namespace);
      expect(pods.length, namespace).toBeGreaterThan(0);
      for (const pod of pods) expect(isReady(pod), `${namespace}/${pod.metadata.name}`).toBe(true);
    }
    // The bootstrap jobs ran to completion before the cells that need them.
    const jobs = getJson(["get", "jobs", "-A"]);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(job.status?.succeeded, job.metadata.name).toBe(1);
  });

  it("puts VIP pods on their dedicated pool, shared pods and data on the shared pool, nothing on the system pool", () => {
    const pools = poolOfNodes();
    expect([...pools.values()].sort()).toEqual(["shared", "shared", "shared", "system", "vip-initech", "vip-initech"]);
    for (const [namespace, pool] of Object.entries(POOL_OF_NAMESPACE)) {
      for (const pod of podsIn(namespace))
        expect(pools.get(pod.spec!.nodeName), `${namespace}/${pod.metadata.name}`).toBe(pool);
    }
    const onSystem = getJson(["get", "pods", "-A"]).filter((pod) => pools.get(pod.spec?.nodeName) === "system");
    expect(onSystem.map((pod) => pod.metadata.name)).toEqual([]);
  });

  it("scales a VIP gateway out on simulated CPU load and back in only after the stabilization window", async () => {
    const hpa = JSON.parse(kubectlOk(["get", "hpa", "msggateway", "-n", "im-t-initech", "-o", "json"])) as LiveObject;
    const min = hpa.spec!.minReplicas as number;
    const burst = await clock.timeAsync("burst: load to Ready and back", () =>
      measureBurst({
        namespace: "im-t-initech",
        service: "msggateway",
        targetReplicas: min + 4,
        stabilizationSeconds: STABILIZATION_SECONDS,
      }),
    );
    console.log(`burst on im-t-initech/msggateway: ${JSON.stringify(burst)}`);
    expect(burst.peakReplicas).toBeGreaterThanOrEqual(min + 4);
    expect(burst.absorbedSeconds).toBeLessThan(180);
    // The first scale-in waits for the window; the gateway then sheds one pod at a time.
    expect(burst.scaleInSeconds).toBeGreaterThanOrEqual(STABILIZATION_SECONDS);
  });

  it("scales the queue worker on its KEDA trigger, driven through the metrics API", async () => {
    const scaled = JSON.parse(
      kubectlOk(["get", "scaledobject", "msgtransfer", "-n", "im-t-initech", "-o", "json"]),
    ) as LiveObject;
    const max = scaled.spec!.maxReplicaCount as number;
    await waitFor(
      "KEDA to take the worker",
      () => kubectl(["get", "hpa", "keda-hpa-msgtransfer", "-n", "im-t-initech"]).status === 0,
      60_000,
    );
    const started = performance.now();
    lag = 100 * max * 2;
    await clock.timeAsync("KEDA scale-out to max", () =>
      waitFor("the worker at its max", () => readyReplicas("im-t-initech", "msgtransfer") >= max, 180_000),
    );
    console.log(`KEDA: lag ${lag} -> ${max} ready workers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    lag = 0;
  });

  it("drains a node one gateway at a time, within the disruption budget, and the cell recovers", async () => {
    const pools = poolOfNodes();
    const gateways = () => appPods("im-t-initech", "msggateway");
    const node = gateways().find((pod) => pools.get(pod.spec!.nodeName) === "vip-initech")!.spec!.nodeName as string;
    let worstUnavailable = 0;
    const drain = spawn("kubectl", ["drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=240s"], {
      env: kubectlEnv(),
    });
    let output = "";
    drain.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    drain.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number>((resolve) => drain.on("exit", (code) => resolve(code ?? 1)));
    let done = false;
    void exited.then(() => (done = true));
    await clock.timeAsync("drain of a VIP node", async () => {
      while (!done) {
        // Against the replicas wanted now: the HPA may still be shedding the burst's pods.
        const wanted = deployment("im-t-initech", "msggateway").spec!.replicas as number;
        const ready = gateways().filter(isReady).length;
        worstUnavailable = Math.max(worstUnavailable, wanted - ready);
        await sleep(250);
      }
    });
    expect(await exited, output).toBe(0);
    expect(worstUnavailable).toBeLessThanOrEqual(1);
    expect(gateways().filter((pod) => pod.spec!.nodeName === node)).toEqual([]);
    kubectlOk(["uncordon", node]);
    await waitFor(
      "the gateways Ready again",
      () => gateways().filter(isReady).length >= (deployment("im-t-initech", "msggateway").spec!.replicas as number),
      120_000,
    );
  });

  it(
    "moves a tenant to VIP onto VIP priority without touching other cells, and VIP pods then preempt shared ones",
    async () => {
      const before = otherCells();
      const dataPods = () => workloadPods("im-data").map((pod) => `${pod.metadata.name} ${pod.metadata.uid}`);
      const dataBefore = dataPods();
      expect(dataBefore).toContainEqual(expect.stringMatching(/^redis-acme-0 /));
      ok(
        pulumi(["config", "set", "--path", "im-platform:tenants[0].tier", "vip", "--stack", STACK], settings),
        "tier vip",
      );
      run("pulumi up (acme to VIP)", ["up", "--yes", "--skip-preview"]);
      const pools = poolOfNodes();
      const acme = workloadPods("im-t-acme");
      for (const pod of acme) {
        expect(pools.get(pod.spec!.nodeName), pod.metadata.name).toBe("shared");
        expect(isReady(pod), pod.metadata.name).toBe(true);
      }
      expect(new Set(acme.map((pod) => pod.spec!.priorityClassName))).toEqual(new Set(["im-platform-vip"]));
      // The documented disruption: the tenant's server restarts as separate services; its Redis and
      // the data sets it shares run on, untouched.
      expect(dataPods()).toEqual(dataBefore);
      expectUntouched(before);

      await clock.timeAsync("preemption: VIP over shared", async () => {
        const fillers = fillSharedPool();
        await waitFor(
          "the shared pool to be full",
          () => getJson(["get", "pods", "-n", "e2e-filler"]).filter(isReady).length === fillers,
        );
        const vipBefore = new Set(workloadPods("im-t-acme").map((pod) => pod.metadata.uid));
        // A shared-priority pod never preempts: it waits, and every VIP pod stays.
        createFiller("e2e-late-shared", "1");
        await sleep(10_000);
        const late = JSON.parse(
          kubectlOk(["get", "pod", "e2e-late-shared", "-n", "e2e-filler", "-o", "json"]),
        ) as LiveObject;
        expect(late.status?.phase).toBe("Pending");
        expect(late.status?.nominatedNodeName).toBeUndefined();
        for (const uid of vipBefore)
          expect(workloadPods("im-t-acme").some((pod) => pod.metadata.uid === uid)).toBe(true);
        // A VIP scale-out on the full pool evicts shared-priority pods to make room.
        kubectlOk([
          "patch",
          "hpa",
          "msggateway",
          "-n",
          "im-t-acme",
          "--type",
          "merge",
          "-p",
          '{"spec":{"minReplicas":6}}',
        ]);
        await waitFor("the VIP scale-out Ready", () => readyReplicas("im-t-acme", "msggateway") >= 6, 180_000);
        // Every victim ran at the shared priority: a filler or a shared tenant's pod, never VIP or data.
        const preempted = getJson(["get", "events", "-A", "--field-selector", "reason=Preempted"]);
        expect(preempted.length).toBeGreaterThan(0);
        for (const event of preempted) expect(["e2e-filler", "im-t-globex"]).toContain(event.metadata.namespace);
      });
      kubectlOk(["delete", "namespace", "e2e-filler", "--wait=true", "--timeout=120s"]);

      ok(
        pulumi(["config", "set", "--path", "im-platform:tenants[0].tier", "shared", "--stack", STACK], settings),
        "tier back",
      );
      run("pulumi up (acme back to shared)", ["up", "--yes", "--skip-preview"]);
      expect(new Set(workloadPods("im-t-acme").map((pod) => pod.spec!.priorityClassName))).toEqual(
        new Set(["im-platform-shared"]),
      );
      expectUntouched(before);
    },
    // Two deploys (to VIP and back) and a preemption: 211-300 s measured, at the suite's default limit.
    600_000,
  );

  it("admits every scalable workload at its maximum: within each cell's quota, on the pools the stack declares", async () => {
    const scalers = CELLS.flatMap((cell) => getJson(["get", "hpa", "-n", `im-t-${cell}`]));
    const targets: Array<{ namespace: string; kind: string; name: string; max: number }> = [];
    for (const scaler of scalers) {
      const namespace = scaler.metadata.namespace!;
      const max = scaler.spec!.maxReplicas as number;
      const owner = scaler.metadata.ownerReferences?.find((reference) => reference.kind === "ScaledObject");
      if (owner) {
        kubectlOk([
          "patch",
          "scaledobject",
          owner.name,
          "-n",
          namespace,
          "--type",
          "merge",
          "-p",
          JSON.stringify({ spec: { minReplicaCount: max } }),
        ]);
      } else {
        kubectlOk([
          "patch",
          "hpa",
          scaler.metadata.name,
          "-n",
          namespace,
          "--type",
          "merge",
          "-p",
          JSON.stringify({ spec: { minReplicas: max } }),
        ]);
      }
      targets.push({ namespace, kind: scaler.spec!.scaleTargetRef.kind, name: scaler.spec!.scaleTargetRef.name, max });
    }
    // Every service of the VIP cell that may scale, the KEDA-driven workers among them.
    expect(targets.length).toBeGreaterThanOrEqual(10);
    expect(targets.map((target) => target.name)).toEqual(expect.arrayContaining(["msggateway", "msgtransfer", "push"]));
    const short = () =>
      targets.filter((target) => {
        const live = JSON.parse(
          kubectlOk(["get", target.kind.toLowerCase(), target.name, "-n", target.namespace, "-o", "json"]),
        ) as LiveObject;
        return ((live.status?.readyReplicas as number) ?? 0) < target.max;
      });
    let lagging = targets;
    await clock
      .timeAsync("every scalable workload at its max", () =>
        waitFor("every workload at its max", () => (lagging = short()).length === 0, 180_000, 2000),
      )
      .catch((error: unknown) => {
        const pending = getJson(["get", "pods", "-A", "--field-selector", "status.phase=Pending"]);
        throw new Error(
          `${String(error)}: short of their max: ${lagging.map((target) => `${target.namespace}/${target.name}`).join(", ")}; pending pods: ${pending.map(keyOf).join(", ")}`,
        );
      });
    for (const cell of CELLS) {
      const namespace = `im-t-${cell}`;
      expect(getJson(["get", "events", "-n", namespace, "--field-selector", "reason=FailedCreate"]), namespace).toEqual(
        [],
      );
      expect(
        podsIn(namespace).filter((pod) => pod.status?.phase === "Pending"),
        namespace,
      ).toEqual([]);
    }
  });
});

/** The other cells' pods (uid and workload, by namespace/name) and the replicas each workload wants. */
interface CellsSnapshot {
  readonly pods: ReadonlyMap<string, { readonly uid: string; readonly workload: string }>;
  readonly replicas: ReadonlyMap<string, number>;
}
const OTHER_CELLS = ["im-t-globex", "im-t-initech"];
const keyOf = (object: LiveObject) => `${object.metadata.namespace}/${object.metadata.name}`;

function otherCells(): CellsSnapshot {
  const pods = OTHER_CELLS.flatMap(workloadPods).map((pod) => {
    const workload = `${pod.metadata.namespace}/${pod.metadata.labels?.["app.kubernetes.io/name"]}`;
    return [keyOf(pod), { uid: pod.metadata.uid, workload }] as const;
  });
  const workloads = OTHER_CELLS.flatMap((namespace) => getJson(["get", "deployments,statefulsets", "-n", namespace]));
  return {
    pods: new Map(pods),
    replicas: new Map(workloads.map((workload) => [keyOf(workload), workload.spec!.replicas as number])),
  };
}

/**
 * A tier move touched no other cell: none of its pods was created or replaced (no restart, no
 * rollout, no rescheduling), and a pod that is gone was shed by its own autoscaler, still
 * settling after the burst: its workload now wants fewer replicas.
 */
function expectUntouched(before: CellsSnapshot): void {
  const after = otherCells();
  for (const [pod, { uid }] of after.pods) expect(before.pods.get(pod)?.uid, `${pod} is new`).toBe(uid);
  for (const [pod, { workload }] of before.pods) {
    if (after.pods.has(pod)) continue;
    expect(after.replicas.get(workload), `${pod} went while ${workload} kept its replicas`).toBeLessThan(
      before.replicas.get(workload)!,
    );
  }
}

/** Shared-priority pods that take what the shared pool's nodes have left, one per node. */
function fillSharedPool(): number {
  kubectlOk(["create", "namespace", "e2e-filler"]);
  const nodes = getJson(["get", "nodes", "-l", "im-platform.io/pool=shared"]);
  for (const node of nodes) {
    const used = getJson(["get", "pods", "-A", "--field-selector", `spec.nodeName=${node.metadata.name}`])
      .filter((pod) => pod.status?.phase !== "Succeeded")
      .flatMap((pod) =>
        (pod.spec!.containers as Array<{ resources?: { requests?: { cpu?: string } } }>).map(
          (c) => c.resources?.requests?.cpu ?? "0",
        ),
      )
      .reduce((sum, cpu) => sum + millicores(cpu), 0);
    const free = millicores(node.status!.allocatable.cpu as string) - used;
    createFiller(`e2e-filler-${node.metadata.name}`, `${free}m`, node.metadata.name);
  }
  return nodes.length;
}

function createFiller(name: string, cpu: string, node?: string): void {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "e2e-filler" },
    spec: {
      priorityClassName: "im-platform-shared",
      nodeSelector: { "im-platform.io/pool": "shared", ...(node ? { "kubernetes.io/hostname": node } : {}) },
      containers: [
        { name: "filler", image: "registry.k8s.io/pause:3.10", resources: { requests: { cpu, memory: "64Mi" } } },
      ],
    },
  };
  kubectlOk(["create", "-f", "-"], JSON.stringify(pod));
}
