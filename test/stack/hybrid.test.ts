import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { GlobalTraffic, TrafficRecord } from "../../components/targets/capabilities";
import type { ClusterTarget, NodePool, TargetArgs } from "../../components/targets/cluster-target";
import { defineTarget } from "../../components/targets/definition";
import type { TargetPlan } from "../../components/targets/plan";
import { registerTarget } from "../../components/targets/registry";
import { validateStackConfig } from "../../components/stack/validate";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { expectIssueAt } from "../helpers/config";
import { deepClone, localRawConfig, toStackConfig } from "../helpers/stack";

/** A cloud that exists only in this test: it publishes records with health checks, as a resource each. */
class LabRecord extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    super("lab:dns:Record", name, args, opts);
  }
}

class LabCluster extends pulumi.ComponentResource implements ClusterTarget {
  readonly name: string;
  readonly plan: TargetPlan;
  readonly provider: k8s.Provider;
  readonly readiness: pulumi.Resource[] = [];
  readonly edge: ClusterTarget["edge"] = {
    externalTrafficPolicy: "Local",
    allocateNodePorts: false,
    loadBalancerSourceCidrs: { gateway: [], api: [] },
    annotations: () => ({}),
  };
  readonly nodePools: readonly NodePool[] = [];
  readonly apiServerCidrs = ["10.96.0.1/32"];
  readonly waitForWorkloads = false;
  readonly dns?: GlobalTraffic;

  constructor(name: string, args: TargetArgs<{ kind: "lab" }>, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:test:LabCluster", name, {}, opts);
    this.name = args.plan.name;
    this.plan = args.plan;
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: "lab" }, { parent: this });
    if (args.platform.traffic?.publisher === args.plan.name) {
      this.dns = {
        zone: args.platform.traffic.zone,
        publish: (record: TrafficRecord, recordOpts) => [
          new LabRecord(record.name, { ...record }, { ...recordOpts, parent: this }),
        ],
      };
    }
    this.registerOutputs({});
  }
}

const labTarget = defineTarget({
  kind: "lab",
  schema: z.strictObject({ kind: z.literal("lab") }),
  edgeLimits: () => ({ maxIdleTimeoutSeconds: 900, addressKind: "hostname" }),
  globalTraffic: () => ({
    service: "lab-dns",
    healthCheckIntervals: [10, 30],
    failureThreshold: { min: 1, max: 10 },
    ttlSeconds: { min: 1, max: 3600 },
    endpointKinds: ["ip", "hostname"],
    probeProtocols: ["TCP", "HTTP", "HTTPS"],
    source: "this test",
  }),
  build: (name, args, opts) => new LabCluster(name, args, opts),
  mocks: { states: [["lab:", (args) => (args.type === "lab:dns:Record" ? { ...args.inputs } : undefined)]] },
});

const cell = (username: string) => ({ username, password: "a-password-from-pulumi-secrets" });
const external = (address: string, cidr: string, extra: Record<string, unknown> = {}) => ({
  addresses: [address],
  cidrs: [cidr],
  cellCredentials: { acme: cell("im-acme"), globex: cell("im-globex"), initech: cell("im-initech") },
  ...extra,
});

/** The local stack as a hybrid: the on-prem cluster and the lab cloud, data both of them reach. */
function hybridRaw(change: (raw: Record<string, any>) => void = () => undefined): Record<string, any> {
  const raw: Record<string, any> = deepClone(localRawConfig());
  const onprem = raw.target as Record<string, any>;
  delete onprem.nodePools.dedicated;
  delete raw.target;
  raw.targets = [
    { name: "onprem", weight: 80, cluster: onprem },
    { name: "lab", weight: 20, cluster: { kind: "lab" } },
  ];
  for (const tenant of raw.tenants as Array<Record<string, unknown>>) delete tenant.dedicatedNodePool;
  raw.tenants[0].placement = { home: "lab", standby: "onprem" };
  raw.tenants[1].placement = { home: "onprem" };
  raw.tenants[2].placement = { home: "onprem", standby: "lab" };
  raw.monitoring = { enabled: false };
  raw.data = {
    mode: "external",
    external: {
      mongodb: external("mongo.data.example.net:27017", "10.30.0.0/24"),
      kafka: external("kafka.data.example.net:9093", "10.30.1.0/24"),
      objectStore: external("s3.data.example.net:443", "10.30.2.0/24"),
      etcd: external("etcd.data.example.net:2379", "10.30.3.0/24", {
        tls: false,
        plaintextReason: "OpenIM's etcd client has no TLS; the link is a private interconnect",
      }),
    },
  };
  raw.traffic = { zone: "im.example.com", publisher: "lab" };
  change(raw);
  return raw;
}

describe("a hybrid stack: tenants placed per target, published with failover", () => {
  let unregister: () => void;
  let stack: SynthResult;
  beforeAll(async () => {
    unregister = registerTarget(labTarget);
    stack = await synthesize(toStackConfig(hybridRaw()), "hybrid");
  });
  afterAll(() => unregister());

  const namespacesOn = (target: string) =>
    stack.resources
      .filter((resource) => resource.type === "kubernetes:core/v1:Namespace" && resource.name.startsWith(`${target}-`))
      .map((resource) => (resource.inputs.metadata as { name: string }).name)
      .filter((name) => name.startsWith("im-t-"))
      .sort();

  it("lays each tenant's cell on its home and standby only", () => {
    expect(namespacesOn("onprem")).toEqual(["im-t-acme", "im-t-globex", "im-t-initech"]);
    expect(namespacesOn("lab")).toEqual(["im-t-acme", "im-t-initech"]);
    expect(stack.outputs.tenantPlacement).toEqual({
      acme: { home: "lab", standby: "onprem", spread: false },
      globex: { home: "onprem", spread: false },
      initech: { home: "onprem", standby: "lab", spread: false },
    });
  });

  it("gives a standby's instance a discovery root of its own on the etcd both targets reach", () => {
    const roots = stack.resources
      .filter(
        (resource) =>
          resource.type === "kubernetes:core/v1:ConfigMap" &&
          (resource.inputs.metadata as { name: string; namespace: string }).name === "im-app-config" &&
          (resource.inputs.metadata as { namespace: string }).namespace === "im-t-acme",
      )
      .map((resource) => [
        resource.name.split("-")[0],
        /rootDirectory: (\S+)/.exec((resource.inputs.data as Record<string, string>)["discovery.yml"] ?? "")?.[1],
      ])
      .sort();
    expect(roots).toEqual([
      ["lab", "openim-acme"],
      ["onprem", "openim-acme-onprem"],
    ]);
  });

  it("publishes each tenant's gateway and API as failover records: home primary, standby secondary, each probed", () => {
    const records = stack.resources.filter((resource) => resource.type === "lab:dns:Record");
    const byName = Object.fromEntries(records.map((record) => [record.name, record.inputs as Record<string, any>]));
    expect(Object.keys(byName).sort()).toEqual([
      "traffic-acme-api",
      "traffic-acme-gateway",
      "traffic-globex-api",
      "traffic-globex-gateway",
      "traffic-initech-api",
      "traffic-initech-gateway",
    ]);
    const acme = byName["traffic-acme-gateway"]!;
    expect(acme.hostname).toBe("acme-ws.im.example.com");
    expect(acme.routing).toBe("failover");
    expect(acme.ttlSeconds).toBe(20);
    expect(acme.endpoints.map((endpoint: Record<string, unknown>) => [endpoint.target, endpoint.role])).toEqual([
      ["lab", "primary"],
      ["onprem", "secondary"],
    ]);
    expect(acme.endpoints.map((endpoint: Record<string, unknown>) => endpoint.addressKind)).toEqual(["hostname", "ip"]);
    // The local stack serves TLS in the pod: the gateway is probed on its TLS port as a socket.
    expect(acme.healthCheck).toEqual({
      protocol: "TCP",
      port: 443,
      intervalSeconds: 10,
      failureThreshold: 3,
      timeoutSeconds: 5,
    });
    expect(byName["traffic-globex-gateway"]!.endpoints).toHaveLength(1);
    expect(byName["traffic-initech-api"]!.hostname).toBe("initech-api.im.example.com");
  });
});

describe("a standby's queue consumers", () => {
  let unregister: () => void;
  let stack: SynthResult;
  beforeAll(async () => {
    unregister = registerTarget(labTarget);
    stack = await synthesize(
      toStackConfig(hybridRaw((raw) => (raw.autoscaling = { ...raw.autoscaling, keda: { enabled: true } }))),
      "hybrid",
    );
  });
  afterAll(() => unregister());

  /** Per target: the workers of initech (home onprem, standby lab) as their ScaledObject and Deployment size them. */
  const workers = (target: string) =>
    Object.fromEntries(
      stack.resources
        .filter(
          (resource) =>
            resource.name.startsWith(`${target}-`) &&
            (resource.inputs.metadata as { namespace?: string } | undefined)?.namespace === "im-t-initech" &&
            ["msgtransfer", "push"].includes((resource.inputs.metadata as { name: string }).name) &&
            /ScaledObject|apps\/v1:Deployment/.test(resource.type),
        )
        .map((resource) => [
          `${(resource.inputs.metadata as { name: string }).name} ${resource.type.split(":").pop()}`,
          (resource.inputs.spec as { minReplicaCount?: number; replicas?: number }).minReplicaCount ??
            (resource.inputs.spec as { replicas?: number }).replicas,
        ]),
    );

  it("wait at zero on the standby, for KEDA to wake them when the home stops consuming", () => {
    expect(workers("lab")).toEqual({
      "msgtransfer Deployment": 0,
      "msgtransfer ScaledObject": 0,
      "push Deployment": 0,
      "push ScaledObject": 0,
    });
    const home = workers("onprem");
    expect(Object.keys(home)).toHaveLength(4);
    expect(Object.values(home).every((count) => (count ?? 0) >= 1)).toBe(true);
  });

  it("are warned about where they cannot wait at zero: a compact cell runs them in its one pod", () => {
    const result = validateStackConfig(hybridRaw());
    expect(result.warnings.map((warning) => [warning.path, warning.message.split(":")[0]])).toEqual([
      [
        "im-platform:tenants[0].placement.standby",
        expect.stringContaining(
          'runs the tenant\'s queue consumers on "onprem" while its home is healthy (one compact pod runs them)',
        ),
      ],
      ["im-platform:tenants[2].placement.standby", expect.stringContaining("(they do not scale on queue lag)")],
    ]);
  });
});

describe("the API's probe", () => {
  let unregister: () => void;
  beforeAll(() => (unregister = registerTarget(labTarget)));
  afterAll(() => unregister());

  const apiCheck = async (change: (raw: Record<string, any>) => void) => {
    const result = await synthesize(toStackConfig(hybridRaw(change)), "hybrid");
    const record = result.resources.find(
      (resource) => resource.type === "lab:dns:Record" && resource.name === "traffic-globex-api",
    );
    return (record?.inputs as { healthCheck: Record<string, unknown> }).healthCheck;
  };

  it("is its socket unless a path is named: OpenIM's API answers no GET", async () => {
    const plain = (raw: Record<string, any>) => (raw.edge.tls = { mode: "none" });
    expect(await apiCheck(plain)).toMatchObject({ protocol: "TCP" });
    const named = await apiCheck((raw) => {
      plain(raw);
      raw.traffic.healthCheck = { apiPath: "/healthz" };
    });
    expect(named).toMatchObject({ protocol: "HTTP", path: "/healthz" });
  });
});

describe("global traffic validation", () => {
  let unregister: () => void;
  beforeAll(() => (unregister = registerTarget(labTarget)));
  afterAll(() => unregister());

  it("accepts the hybrid stack", () => {
    const result = validateStackConfig(hybridRaw());
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each<[string, (raw: Record<string, any>) => void, string, RegExp]>([
    [
      "a failover budget below the worst case",
      (raw) => (raw.traffic.healthCheck = { intervalSeconds: 30, failureThreshold: 3 }),
      "im-platform:traffic.failover.maxSeconds",
      /below the worst case \(30 s interval x 3 failures \+ 20 s TTL \+ 10 s reconnect = 120 s\)/,
    ],
    [
      "an interval the DNS service does not offer",
      (raw) => (raw.traffic.healthCheck = { intervalSeconds: 15 }),
      "im-platform:traffic.healthCheck.intervalSeconds",
      /lab-dns probes every 10 or 30 s/,
    ],
    [
      "a publisher without a DNS service",
      (raw) => (raw.traffic.publisher = "onprem"),
      "im-platform:traffic.publisher",
      /target "onprem" \(kind existing\) has no DNS service the kit publishes through; name a target of kind .*\blab\b/,
    ],
    [
      "a standby without global traffic",
      (raw) => delete raw.traffic,
      "im-platform:tenants[0].placement.standby",
      /takes the tenant's clients only through global traffic/,
    ],
    [
      "a standby with in-cluster data",
      (raw) => (raw.data = { mode: "inCluster" }),
      "im-platform:tenants[0].placement.standby",
      /keeps it in the home cluster only/,
    ],
    [
      "a VIP's dedicated pool on a cluster whose declared pools have none for it",
      (raw) => (raw.tenants[2].dedicatedNodePool = true),
      "im-platform:targets[0].cluster.nodePools.dedicated.initech",
      /is missing: VIP tenant "initech" runs here with dedicatedNodePool: true/,
    ],
  ])("refuses %s", (_case, change, path, message) => {
    expectIssueAt(hybridRaw(change), path, message);
  });
});
