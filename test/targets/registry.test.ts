import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { securityPack } from "../../policies/rules/security";
import type { ClusterTarget, NodePool, TargetArgs } from "../../components/targets/cluster-target";
import { defineTarget } from "../../components/targets/definition";
import type { TargetPlan } from "../../components/targets/plan";
import { registerTarget, targetDefinitions } from "../../components/targets/registry";
import { validateStackConfig } from "../../components/stack/validate";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { deepClone, localRawConfig, T, toStackConfig } from "../helpers/stack";

/** A target kind that exists only in this test: one made-up cloud resource and a cluster provider. */
const testTargetSchema = z.strictObject({
  kind: z.literal("sandbox"),
  region: z.string().min(1),
  maxIdleSeconds: z.int().min(30).default(120),
});
type SandboxConfig = z.infer<typeof testTargetSchema>;

class SandboxNetwork extends pulumi.CustomResource {
  constructor(name: string, args: { region: string }, opts?: pulumi.CustomResourceOptions) {
    super("sandbox:net:Network", name, args, opts);
  }
}

class SandboxCluster extends pulumi.ComponentResource implements ClusterTarget {
  readonly name: string;
  readonly plan: TargetPlan;
  readonly provider: k8s.Provider;
  readonly readiness: pulumi.Resource[];
  readonly edge: ClusterTarget["edge"];
  readonly nodePools: readonly NodePool[] = [];
  readonly apiServerCidrs = ["10.96.0.1/32"];
  readonly waitForWorkloads = false;

  constructor(name: string, args: TargetArgs<SandboxConfig>, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:test:SandboxCluster", name, {}, opts);
    this.name = args.plan.name;
    this.plan = args.plan;
    const network = new SandboxNetwork(`${name}-net`, { region: args.cluster.region }, { parent: this });
    this.readiness = [network];
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: "sandbox" }, { parent: this });
    this.edge = {
      externalTrafficPolicy: "Local",
      allocateNodePorts: false,
      loadBalancerSourceCidrs: { gateway: [], api: [] },
      annotations: (listener) => ({ "sandbox.example/idle": String(listener.idleTimeoutSeconds) }),
    };
    this.registerOutputs({});
  }
}

const sandboxTarget = defineTarget({
  kind: "sandbox",
  schema: testTargetSchema,
  edgeLimits: (cluster) => ({ maxIdleTimeoutSeconds: cluster.maxIdleSeconds, addressKind: "ip" }),
  platformIssues: (cluster, _platform, { at }) =>
    cluster.region === "nowhere"
      ? [{ path: `im-platform:${at.join(".")}.region`, message: "is not a sandbox region" }]
      : [],
  build: (name, args, opts) => new SandboxCluster(name, args, opts),
  mocks: {
    states: [
      [
        "sandbox:",
        (args) => (args.type === "sandbox:net:Network" ? { ...args.inputs, cidr: "10.0.0.0/16" } : undefined),
      ],
    ],
  },
});

function sandboxRaw(change: (target: Record<string, unknown>) => void = () => undefined): Record<string, unknown> {
  const raw = deepClone(localRawConfig());
  // The sandbox builds no node pools, so no tenant may ask for a dedicated one.
  for (const tenant of raw.tenants as Array<Record<string, unknown>>) delete tenant.dedicatedNodePool;
  const target: Record<string, unknown> = { kind: "sandbox", region: "lab-1" };
  change(target);
  raw.target = target;
  // The sandbox has no metrics collector.
  raw.monitoring = { enabled: false };
  return raw;
}

describe("a target kind registered from outside the kit's folders", () => {
  let unregister: () => void;
  let stack: SynthResult;
  beforeAll(async () => {
    unregister = registerTarget(sandboxTarget);
    stack = await synthesize(toStackConfig(sandboxRaw()), "local");
  });
  afterAll(() => unregister());

  it("is parsed, defaulted and planned by the registry's schema and limits", () => {
    const monitored = validateStackConfig({ ...sandboxRaw(), monitoring: { enabled: true } });
    expect(monitored.ok ? [] : monitored.issues).toEqual([
      {
        path: "im-platform:monitoring.enabled",
        message:
          "got true; im-platform:target (kind sandbox) has no metrics collector; set monitoring.enabled: false or choose a target kind that provides one",
      },
    ]);
    const result = validateStackConfig(sandboxRaw());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [target] = result.config.targets;
    expect(target?.cluster).toEqual({ kind: "sandbox", region: "lab-1", maxIdleSeconds: 120 });
    // The local stack's heartbeat gives 2 x heartbeat + 10, under the sandbox's ceiling.
    expect(target?.plan.edgeLimits.maxIdleTimeoutSeconds).toBe(120);
    expect(target?.plan.edge.idleTimeoutSeconds).toBeLessThanOrEqual(120);
  });

  it("gets its cross-config checks and its edge limit enforced by validation", () => {
    const result = validateStackConfig(
      sandboxRaw((target) => {
        target.region = "nowhere";
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toContain("im-platform:target.region");
    const tooShort = validateStackConfig(
      sandboxRaw((target) => {
        target.maxIdleSeconds = 30;
      }),
    );
    expect(tooShort.ok).toBe(false);
    if (!tooShort.ok)
      expect(tooShort.issues.map((issue) => issue.message).join("\n")).toMatch(
        /sandbox load balancer idle timeout ceiling \(30 s/,
      );
  });

  it("synthesizes a whole stack: its own resources through its mocks, and every cell on its cluster", () => {
    expect(stack.resources.find((resource) => resource.type === "sandbox:net:Network")?.parent).toBe("main-cluster");
    const namespaces = stack.resources
      .filter((resource) => resource.type === T.namespace)
      .map((resource) => (resource.inputs.metadata as { name: string }).name);
    expect(namespaces).toEqual(expect.arrayContaining(["im-system", "im-data", "im-t-acme"]));
    const edge = stack.resources.find(
      (resource) => resource.type === T.service && (resource.inputs.spec as { type?: string }).type === "LoadBalancer",
    );
    expect(
      (edge?.inputs.metadata as { annotations: Record<string, string> }).annotations["sandbox.example/idle"],
    ).toMatch(/^\d+$/);
  });

  it("is refused twice, and an unknown kind lists every registered one", () => {
    expect(() => registerTarget(sandboxTarget)).toThrow(/already registered/);
    const result = validateStackConfig(
      sandboxRaw((target) => {
        target.kind = "moon";
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]?.message).toMatch(/"existing", "aws", "azure", "gcp", "alibaba", "sandbox"/);
  });
});

describe("the security pack", () => {
  it("carries every registered target's cloud rules", () => {
    const ids = new Set(securityPack.rules.map((rule) => rule.id));
    const targetRules = targetDefinitions().flatMap((definition) => definition.securityRules ?? []);
    expect(targetRules.length).toBeGreaterThan(30);
    for (const rule of targetRules) expect(ids.has(rule.id), rule.id).toBe(true);
  });
});
