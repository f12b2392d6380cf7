import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { runPlatformProgram } from "../../components/program";
import { ConfigError } from "../../components/config/errors";
import { validateStackConfig } from "../../components/stack/validate";
import { planEdgeTimings } from "../../components/core/edge-timing";
import { stateFor, UnknownMockError } from "../../scripts/synth/mocks";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { deepClone, localRawConfig, meta, ofType, T, toStackConfig } from "../helpers/stack";

type Raw = Record<string, any>;
let local: SynthResult;
let scaled: SynthResult;

beforeAll(async () => {
  local = await synthesize(toStackConfig(localRawConfig()), "local");
  const raw = deepClone(localRawConfig()) as Raw;
  raw.autoscaling = {
    keda: { enabled: true },
    gatewayUsersPerPod: 20000,
  };
  raw.services.push({ name: "rpc-msg", replicas: { fixed: 4 } });
  raw.edge.sessionAffinity = "clientIP";
  raw.edge.publicClients = false;
  raw.edge.allowedSourceCidrs = ["203.0.113.0/24", "198.51.100.0/24"];
  scaled = await synthesize(toStackConfig(raw), "local");
});

describe("edge timings", () => {
  it.each([
    [10, 5],
    [30, 60],
    [120, 300],
    [300, 30],
  ])(
    "heartbeat %i s, drain %i s: idle > heartbeat and grace >= deregistration >= preStop + drain",
    (heartbeat, drain) => {
      const raw = deepClone(localRawConfig()) as Raw;
      raw.edge.clientHeartbeatSeconds = heartbeat;
      raw.edge.drainSeconds = drain;
      const result = validateStackConfig(raw);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      const timings = planEdgeTimings(result.config.edge, 3600);
      expect(timings.idleTimeoutSeconds).toBeGreaterThan(heartbeat);
      expect(timings.deregistrationDelaySeconds).toBeGreaterThanOrEqual(timings.preStopSeconds + drain);
      expect(timings.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(timings.deregistrationDelaySeconds);
    },
  );

  it("caps a derived idle timeout at the load balancer maximum", () => {
    const raw = deepClone(localRawConfig()) as Raw;
    raw.edge.clientHeartbeatSeconds = 300;
    raw.target.loadBalancer = { maxIdleTimeoutSeconds: 400 };
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(planEdgeTimings(result.config.edge, 400).idleTimeoutSeconds).toBe(400);
  });

  it("lines the gateway pod up with the load balancer: preStop sleep, grace period, annotations", () => {
    const gateway = ofType(local.resources, T.deployment, "im-t-initech").find((d) => meta(d).name === "msggateway")!;
    const spec = (gateway.inputs.spec as any).template.spec;
    expect(spec.containers[0].lifecycle.preStop.sleep.seconds).toBe(15);
    expect(spec.terminationGracePeriodSeconds).toBe(15 + 60 + 5);
    const edge = ofType(local.resources, T.service, "im-t-initech").find((s) => meta(s).name === "msggateway-edge")!;
    expect(meta(edge).annotations).toMatchObject({
      "im-platform.io/idle-timeout-seconds": "70",
      "im-platform.io/drain-seconds": "75",
    });
    expect(edge.inputs.spec).toMatchObject({
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      sessionAffinity: "None",
    });
    expect((edge.inputs.spec as any).ports).toEqual([{ name: "ws", port: 443, targetPort: "ws", protocol: "TCP" }]);
  });

  it("rolls gateways one pod at a time", () => {
    const gateway = ofType(local.resources, T.deployment, "im-t-initech").find((d) => meta(d).name === "msggateway")!;
    expect((gateway.inputs.spec as any).strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
  });

  it("honours session affinity and source ranges", () => {
    const edge = ofType(scaled.resources, T.service, "im-t-initech").find((s) => meta(s).name === "msggateway-edge")!;
    expect(edge.inputs.spec).toMatchObject({
      sessionAffinity: "ClientIP",
      loadBalancerSourceRanges: ["203.0.113.0/24", "198.51.100.0/24"],
    });
  });
});

describe("autoscaling", () => {
  const named = (result: SynthResult, type: string, ns: string, name: string) =>
    ofType(result.resources, type, ns).find((r) => meta(r).name === name);

  it("never gives a singleton an autoscaler or a disruption budget, and recreates it", () => {
    for (const ns of ["im-t-initech"]) {
      expect(named(local, T.hpa, ns, "crontask")).toBeUndefined();
      expect(named(local, T.pdb, ns, "crontask")).toBeUndefined();
      const cron = named(local, T.deployment, ns, "crontask")!;
      expect(cron.inputs.spec).toMatchObject({ replicas: 1, strategy: { type: "Recreate" } });
    }
  });

  it("scales gateways on CPU by default, and on online users per pod through KEDA's Prometheus trigger when asked", () => {
    expect((named(local, T.hpa, "im-t-initech", "msggateway")!.inputs.spec as any).metrics[0].resource.name).toBe(
      "cpu",
    );
    expect(named(scaled, T.hpa, "im-t-initech", "msggateway")).toBeUndefined();
    const spec = named(scaled, T.scaledObject, "im-t-initech", "msggateway")!.inputs.spec as any;
    expect(spec.triggers).toEqual([
      {
        type: "prometheus",
        metadata: {
          serverAddress: "http://kube-prometheus-stack-prometheus.monitoring.svc:9090",
          query: 'sum(online_user_num{cell="initech"}) or vector(0)',
          threshold: "20000",
          activationThreshold: "0",
        },
      },
    ]);
    expect(spec).toMatchObject({ minReplicaCount: 3, maxReplicaCount: 12 });
  });

  it("sheds gateway pods one a minute after the stabilization window", () => {
    const behavior = (named(local, T.hpa, "im-t-initech", "msggateway")!.inputs.spec as any).behavior;
    expect(behavior.scaleDown).toEqual({
      stabilizationWindowSeconds: 300,
      selectPolicy: "Min",
      policies: [{ type: "Pods", value: 1, periodSeconds: 60 }],
    });
  });

  it("scales workers with KEDA on queue lag when enabled, and with CPU otherwise", () => {
    expect(named(local, T.hpa, "im-t-initech", "msgtransfer")).toBeDefined();
    expect(ofType(local.resources, T.scaledObject)).toHaveLength(0);
    const scaledObject = named(scaled, T.scaledObject, "im-t-initech", "msgtransfer")!;
    expect(scaledObject.inputs.spec).toMatchObject({
      minReplicaCount: 2,
      maxReplicaCount: 8,
      triggers: [{ type: "kafka" }],
    });
    expect(named(scaled, T.hpa, "im-t-initech", "msgtransfer")).toBeUndefined();
  });

  it("runs a fixed-count service as a StatefulSet without an autoscaler, with a budget", () => {
    expect(named(scaled, T.statefulSet, "im-t-initech", "rpc-msg")!.inputs.spec).toMatchObject({
      replicas: 4,
      serviceName: "rpc-msg",
    });
    expect(named(scaled, T.hpa, "im-t-initech", "rpc-msg")).toBeUndefined();
    expect(named(scaled, T.pdb, "im-t-initech", "rpc-msg")!.inputs.spec).toMatchObject({ maxUnavailable: 1 });
  });

  it("gives every multi-replica service a PodDisruptionBudget", () => {
    const budgets = new Set(ofType(local.resources, T.pdb, "im-t-initech").map((p) => meta(p).name));
    const multi = ofType(local.resources, T.deployment, "im-t-initech")
      .filter((d) => meta(d).name !== "crontask")
      .map((d) => meta(d).name);
    expect(multi.length).toBe(11);
    for (const name of multi) expect(budgets.has(name)).toBe(true);
  });
});

describe("the platform's cluster-wide pieces and outputs", () => {
  it("creates the system namespace and a PriorityClass per tier, VIP above shared", () => {
    expect(ofType(local.resources, T.namespace, "im-system")).toHaveLength(1);
    const classes = Object.fromEntries(ofType(local.resources, T.priorityClass).map((p) => [meta(p).name, p.inputs]));
    expect(classes["im-platform-vip"]).toMatchObject({ preemptionPolicy: "PreemptLowerPriority" });
    expect(classes["im-platform-shared"]).toMatchObject({ preemptionPolicy: "Never" });
    expect((classes["im-platform-vip"] as any).value).toBeGreaterThan((classes["im-platform-shared"] as any).value);
  });

  it("waits for every rollout unless the stack says not to", async () => {
    const workloads = (result: SynthResult) => [
      ...ofType(result.resources, T.deployment),
      ...ofType(result.resources, T.statefulSet),
    ];
    expect(workloads(local).length).toBeGreaterThan(10);
    for (const workload of workloads(local)) {
      expect(meta(workload).annotations?.["pulumi.com/skipAwait"]).toBeUndefined();
    }
    const raw = deepClone(localRawConfig()) as Raw & { target: Record<string, unknown> };
    raw.target.waitForWorkloads = false;
    const skipping = await synthesize(toStackConfig(raw), "local");
    for (const workload of workloads(skipping)) {
      expect(meta(workload).annotations).toMatchObject({ "pulumi.com/skipAwait": "true" });
    }
  });

  it("exports edge endpoints, tenant namespaces and tiers", () => {
    expect(local.outputs).toMatchObject({
      tenantNamespaces: { acme: "im-t-acme", globex: "im-t-globex", initech: "im-t-initech" },
      tenantTiers: { acme: "shared", globex: "shared", initech: "vip" },
      edgeEndpoints: { main: { initech: { gateway: "msggateway-edge.im-t-initech.edge.synth.invalid" } } },
    });
  });
});

describe("boundaries", () => {
  it("registers zero resources when the config is invalid", async () => {
    const raw = deepClone(localRawConfig()) as Raw;
    raw.tenants[0].tier = "gold";
    const registered: string[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args.type);
          return { id: "id", state: args.inputs };
        },
        call: () => {
          throw new Error("no calls expected");
        },
      },
      "im-platform",
      "local",
      false,
    );
    pulumi.runtime.setAllConfig(toStackConfig(raw).values);
    // The program as the engine runs it: it loads the config itself, inside the stack. The
    // Stack resource's own copy of the rejection surfaces as unhandled under mocks; it is the same error.
    const swallow = (reason: unknown) => {
      if (!(reason instanceof ConfigError)) throw reason;
    };
    process.on("unhandledRejection", swallow);
    await expect(pulumi.runtime.runInPulumiStack(async () => runPlatformProgram())).rejects.toThrowError(ConfigError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off("unhandledRejection", swallow);
    expect(registered.filter((type) => type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("fails loudly on a resource type the mocks do not know", () => {
    expect(() => stateFor({ type: "aws:sagemaker/domain:Domain", name: "x", inputs: {}, custom: true })).toThrowError(
      UnknownMockError,
    );
  });
});
