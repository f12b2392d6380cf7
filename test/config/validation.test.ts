import { describe, expect, it } from "vitest";
import { ConfigError } from "../../components/config/errors";
import { parseStackConfig } from "../../components/stack/load";
import { validateStackConfig } from "../../components/stack/validate";
import { deepClone, localRawConfig } from "../helpers/stack";
import { expectIssueAt } from "../helpers/config";

type Raw = Record<string, any>;

/** Each case breaks the valid local config one way and names the path the message must point at. */
const USER = { username: "im-cell", password: "a-password-from-pulumi-secrets" };
const EXTERNAL_ETCD = {
  addresses: ["etcd.internal:2379"],
  cidrs: ["10.20.0.0/24"],
  cellCredentials: {
    acme: USER,
    globex: { ...USER, username: "im-globex" },
    initech: { ...USER, username: "im-initech" },
  },
};

const badConfigs: Array<[string, (raw: Raw) => void, string, RegExp?]> = [
  [
    "missing environment",
    (r) => {
      delete r.environment;
    },
    "im-platform:environment",
    /required/,
  ],
  [
    "unknown environment",
    (r) => {
      r.environment = "production";
    },
    "im-platform:environment",
    /allowed: "dev", "staging", "prod"/,
  ],
  [
    "typo in a top-level key",
    (r) => {
      r.tenats = r.tenants;
    },
    "im-platform:tenats",
    /did you mean "tenants"/,
  ],
  [
    "typo in a tenant key",
    (r) => {
      r.tenants[0].teir = "vip";
    },
    "im-platform:tenants[0].teir",
    /did you mean "tier"/,
  ],
  [
    "typo in an edge key",
    (r) => {
      r.edge.heartbeatSeconds = 20;
    },
    "im-platform:edge.heartbeatSeconds",
    /unknown key/,
  ],
  [
    "tenant id with upper case",
    (r) => {
      r.tenants[0].id = "Acme";
    },
    "im-platform:tenants[0].id",
    /lower-case/,
  ],
  [
    "tenant id too long",
    (r) => {
      r.tenants[0].id = "a".repeat(21);
    },
    "im-platform:tenants[0].id",
    /at most 20/,
  ],
  [
    "reserved tenant id",
    (r) => {
      r.tenants[0].id = "system";
    },
    "im-platform:tenants[0].id",
    /reserved/,
  ],
  [
    "duplicate tenant id",
    (r) => {
      r.tenants[1].id = "acme";
    },
    "im-platform:tenants[1].id",
    /duplicates tenants\[0\]\.id/,
  ],
  [
    "unknown tier",
    (r) => {
      r.tenants[0].tier = "gold";
    },
    "im-platform:tenants[0].tier",
    /got "gold"; allowed: "shared", "vip"/,
  ],
  [
    "quota cpu not a quantity",
    (r) => {
      r.tenants[2].quota.cpu = "eight";
    },
    "im-platform:tenants[2].quota.cpu",
    /not a Kubernetes quantity/,
  ],
  [
    "quota memory not a quantity",
    (r) => {
      r.tenants[2].quota.memory = "16 GB";
    },
    "im-platform:tenants[2].quota.memory",
    /not a Kubernetes quantity/,
  ],
  [
    "quota on a shared tenant",
    (r) => {
      r.tenants[0].quota = { cpu: "1", memory: "1Gi" };
    },
    "im-platform:tenants[0].quota",
    /VIP cells only/,
  ],
  [
    "dedicated pool on a shared tenant",
    (r) => {
      r.tenants[0].dedicatedNodePool = true;
    },
    "im-platform:tenants[0].dedicatedNodePool",
    /VIP cells only/,
  ],
  [
    "quota below the cell's minimum",
    (r) => {
      r.tenants[2].quota.cpu = "1";
    },
    "im-platform:tenants[2].quota.cpu",
    /needs 4\.5 at minimum replicas|needs \d/,
  ],
  [
    "service min > max",
    (r) => {
      r.services[0].replicas = { min: 8, max: 3 };
    },
    "im-platform:services[0].replicas.min",
    /greater than replicas.max \(3\)/,
  ],
  [
    "tenant scaling min > max",
    (r) => {
      r.tenants[2].scaling.msggateway = { min: 9, max: 4 };
    },
    "im-platform:tenants[2].scaling.msggateway.min",
    /greater than max/,
  ],
  [
    "tenant scaling of an unknown service",
    (r) => {
      r.tenants[2].scaling.gatewy = { min: 1 };
    },
    "im-platform:tenants[2].scaling.gatewy",
    /not a service of the catalogue/,
  ],
  [
    "fixed and min/max together",
    (r) => {
      r.services[0].replicas = { fixed: 4, min: 2 };
    },
    "im-platform:services[0].replicas",
    /both fixed and min\/max/,
  ],
  [
    "singleton with several replicas",
    (r) => {
      r.services.push({ name: "crontask", replicas: { fixed: 3 } });
    },
    "im-platform:services[1].replicas",
    /singleton must be fixed: 1/,
  ],
  [
    "image with :latest",
    (r) => {
      r.services[0].image = "openim/openim-msggateway:latest";
    },
    "im-platform:services[0].image",
    /pin a version/,
  ],
  [
    "image without a tag",
    (r) => {
      r.services[0].image = "openim/openim-msggateway";
    },
    "im-platform:services[0].image",
    /pin a version/,
  ],
  [
    "service port out of range",
    (r) => {
      r.services.push({ name: "api", ports: [{ name: "http", port: 70000, purpose: "http" }] });
    },
    "im-platform:services[1].ports[0].port",
    /65535/,
  ],
  [
    "unknown service role",
    (r) => {
      r.services[0].role = "proxy";
    },
    "im-platform:services[0].role",
    /allowed: "gateway", "api", "worker", "singleton"/,
  ],
  [
    "heartbeat longer than the idle timeout",
    (r) => {
      r.edge.clientHeartbeatSeconds = 120;
      r.edge.idleTimeoutSeconds = 90;
    },
    "im-platform:edge.idleTimeoutSeconds",
    /must exceed clientHeartbeatSeconds \(120\)/,
  ],
  [
    "idle timeout above the load balancer maximum",
    (r) => {
      r.edge.idleTimeoutSeconds = 5000;
      r.target.loadBalancer = { maxIdleTimeoutSeconds: 4000 };
    },
    "im-platform:edge.idleTimeoutSeconds",
    /maximum of 4000/,
  ],
  [
    "malformed CIDR",
    (r) => {
      r.edge.allowedSourceCidrs = ["10.0.0.0"];
    },
    "im-platform:edge.allowedSourceCidrs[0]",
    /not a CIDR/,
  ],
  [
    "CIDR with host bits",
    (r) => {
      r.edge.allowedSourceCidrs = ["10.1.2.3/16"];
    },
    "im-platform:edge.allowedSourceCidrs[0]",
    /did you mean "10.1.0.0\/16"/,
  ],
  [
    "over-broad CIDR",
    (r) => {
      r.edge.allowedSourceCidrs = ["0.0.0.0/2"];
    },
    "im-platform:edge.allowedSourceCidrs[0]",
    /over-broad/,
  ],
  [
    "world-open without publicClients",
    (r) => {
      r.edge.publicClients = false;
      r.edge.allowedSourceCidrs = ["0.0.0.0/0"];
    },
    "im-platform:edge.allowedSourceCidrs[0]",
    /whole internet/,
  ],
  [
    "no client ranges and not public",
    (r) => {
      r.edge.publicClients = false;
      r.edge.allowedSourceCidrs = [];
    },
    "im-platform:edge.allowedSourceCidrs",
    /no client could connect/,
  ],
  [
    "TLS off in prod",
    (r) => {
      r.environment = "prod";
      r.edge.tls = { mode: "none" };
    },
    "im-platform:edge.tls.mode",
    /refused in prod/,
  ],
  [
    "edge TLS without a certificate",
    (r) => {
      r.edge.tls = { mode: "edge" };
    },
    "im-platform:edge.tls.certificate",
    /required when mode is "edge"/,
  ],
  [
    "unknown target kind",
    (r) => {
      r.target = { kind: "openstack" };
    },
    "im-platform:target.kind",
    /got "openstack"/,
  ],
  [
    "no target at all",
    (r) => {
      delete r.target;
    },
    "im-platform:target",
    /is required/,
  ],
  [
    "target and targets together",
    (r) => {
      r.targets = [{ name: "a", weight: 100, cluster: { kind: "existing" } }];
    },
    "im-platform:targets",
    /not both/,
  ],
  [
    "hybrid weights not adding to 100",
    (r) => {
      delete r.target;
      r.targets = [
        { name: "a", weight: 60, cluster: { kind: "existing" } },
        { name: "b", weight: 60, cluster: { kind: "existing" } },
      ];
    },
    "im-platform:targets",
    /add up to 120/,
  ],
  [
    "kubeconfig and kubeconfigPath together",
    (r) => {
      r.target.kubeconfig = "x";
      r.target.kubeconfigPath = "/k";
    },
    "im-platform:target.kubeconfigPath",
    /keep one/,
  ],
  [
    "keda trigger on a non-worker",
    (r) => {
      r.services[0].keda = [{ type: "kafka", metadata: {} }];
    },
    "im-platform:services[0].keda",
    /workers only/,
  ],
  [
    "worker max beyond its partitions",
    (r) => {
      r.services.push({ name: "push", replicas: { min: 2, max: 20 } });
    },
    "im-platform:services[1].replicas.max",
    /exceeds keda\[0\]\.partitions \(8\)/,
  ],
  [
    "an unknown data mode",
    (r) => {
      r.data = { mode: "managed" };
    },
    "im-platform:data.mode",
    /inCluster/,
  ],
  [
    "external data without the services OpenIM binds to",
    (r) => {
      r.data = { mode: "external" };
    },
    "im-platform:data.external.kafka",
    /is not declared.*set data.mode: inCluster/,
  ],
  [
    "external data given to an in-cluster tier",
    (r) => {
      r.data = { mode: "inCluster", external: { etcd: EXTERNAL_ETCD } };
    },
    "im-platform:data.external",
    /set mode: external or remove them/,
  ],
  [
    "one external user for several cells",
    (r) => {
      r.data = { mode: "external", external: { etcd: { ...EXTERNAL_ETCD, credentials: USER, cellCredentials: {} } } };
    },
    "im-platform:data.external.etcd.credentials",
    /would be shared by cells acme, globex, initech/,
  ],
  [
    "external data in plaintext without a reason",
    (r) => {
      r.data = { mode: "external", external: { etcd: { ...EXTERNAL_ETCD, tls: false } } };
    },
    "im-platform:data.external.etcd.tls",
    /plaintextReason/,
  ],
  [
    "credentials for a cell the stack does not have",
    (r) => {
      r.data = {
        mode: "external",
        external: { etcd: { ...EXTERNAL_ETCD, cellCredentials: { ...EXTERNAL_ETCD.cellCredentials, hooli: USER } } },
      };
    },
    "im-platform:data.external.etcd.cellCredentials.hooli",
    /not a cell of this stack/,
  ],
  [
    "dedicated data with external data services",
    (r) => {
      r.data = { mode: "external" };
      r.tenants[2].dedicatedData = true;
    },
    "im-platform:tenants[2].dedicatedData",
    /needs data.mode: inCluster/,
  ],
  [
    "a dedicated data set for a shared tenant",
    (r) => {
      r.tenants[0].dedicatedData = true;
    },
    "im-platform:tenants[0].dedicatedData",
    /VIP/,
  ],
  [
    "a pooled cell for a server without tenants",
    (r) => {
      r.tenancy.sharedPool.layout = "pooledCell";
    },
    "im-platform:tenancy.sharedPool.layout",
    /no tenant concept.*cellPerTenant/,
  ],
  [
    "a seed too short to derive credentials from",
    (r) => {
      r.secretSeed = "short";
    },
    "im-platform:secretSeed",
    /32/,
  ],
];

describe("stack config validation", () => {
  it("accepts the local sample stack and applies defaults", () => {
    const result = validateStackConfig(localRawConfig());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.targets).toEqual([expect.objectContaining({ name: "main", weight: 100 })]);
    expect(result.config.tenants.map((t) => [t.id, t.tier])).toEqual([
      ["acme", "shared"],
      ["globex", "shared"],
      ["initech", "vip"],
    ]);
    expect(result.config.tenants[2]?.quota).toMatchObject({
      cpu: "24",
      memory: "48Gi",
      cpuLimit: "96",
      memoryLimit: "192Gi",
    });
    expect(result.config.services.find((s) => s.name === "msggateway")?.replicas).toEqual({ min: 2, max: 6 });
    expect(result.config.edge.tls.minVersion).toBe("1.2");
  });

  it("round-trips: a validated config validates again to itself", () => {
    const first = validateStackConfig(localRawConfig());
    if (!first.ok) throw new Error("local config invalid");
    // Placement is derived from tenants and targets, not a config key of its own.
    const { targets, services, tenancy, tenants, placement, ...rest } = first.config;
    expect(Object.values(placement).map((where) => where.home)).toEqual(tenants.map(() => "main"));
    const again = validateStackConfig({
      ...deepClone(rest),
      target: targets[0]?.cluster,
      catalogue: "none",
      services: deepClone(services),
      tenancy: deepClone({ sharedPool: tenancy.sharedPool }),
      tenants: deepClone(tenants),
    });
    // The services come back as given, so the catalogue they came from is no longer needed.
    expect(again.ok && again.config).toEqual({ ...first.config, catalogue: "none" });
  });

  it.each(badConfigs)("rejects %s, naming the path", (_label, breakIt, path, pattern) => {
    const raw = deepClone(localRawConfig()) as Raw;
    breakIt(raw);
    expectIssueAt(raw, path, pattern);
  });

  it("reports every problem at once", () => {
    const raw = deepClone(localRawConfig()) as Raw;
    raw.environment = "production";
    raw.tenants[0].tier = "gold";
    raw.tenants[1].id = "Bad Id";
    raw.edge.allowedSourceCidrs = ["nonsense"];
    raw.services[0].replicas = { min: 9, max: 1 };
    const result = validateStackConfig(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        "im-platform:environment",
        "im-platform:tenants[0].tier",
        "im-platform:tenants[1].id",
        "im-platform:edge.allowedSourceCidrs[0]",
        "im-platform:services[0].replicas.min",
      ]),
    );
  });

  it("throws a ConfigError whose message lists each problem with its path and value", () => {
    const raw = deepClone(localRawConfig()) as Raw;
    raw.tenants[0].tier = "gold";
    expect(() => parseStackConfig(raw)).toThrowError(ConfigError);
    expect(() => parseStackConfig(raw)).toThrowError(/im-platform:tenants\[0\]\.tier: got "gold"/);
  });
});
