import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_SIGNATURE, withoutSecretEnvelopes } from "../../components/core/secret-envelope";
import { synthesize, type SynthResource, type SynthResult } from "../../scripts/synth/synthesize";
import { deepClone, meta, ofType, sampleRawConfig, T, toStackConfig } from "../helpers/stack";

type Spec = Record<string, any>;
const JOB = "kubernetes:batch/v1:Job";
const SECRET = "kubernetes:core/v1:Secret";

const plain = (resource: SynthResource): Spec => withoutSecretEnvelopes(resource.inputs) as Spec;
const named = (result: SynthResult, type: string, name: string, namespace?: string): Spec => {
  const found = ofType(result.resources, type, namespace).find((resource) => meta(resource).name === name);
  if (!found) throw new Error(`no ${type} ${name} in ${namespace ?? "any namespace"}`);
  return plain(found);
};
/** One file of a cell's rendered OpenIM config, parsed. */
const configFile = (result: SynthResult, cell: string, file: string): Spec =>
  parse(named(result, T.configMap, "im-app-config", `im-t-${cell}`).data[file] as string) as Spec;
const cloudOfType = (result: SynthResult, type: string): Spec[] =>
  result.resources.filter((resource) => resource.type === type).map(plain);
const steps = (job: Spec): Spec[] => [
  ...(job.spec.template.spec.initContainers ?? []),
  ...job.spec.template.spec.containers,
];

let gcp: SynthResult;
let azure: SynthResult;
let alibaba: SynthResult;
let kafkaKept: SynthResult;
beforeAll(async () => {
  gcp = await synthesize(toStackConfig(sampleRawConfig("gcp-dev")), "gcp-dev");
  azure = await synthesize(toStackConfig(sampleRawConfig("azure-dev")), "azure-dev");
  alibaba = await synthesize(toStackConfig(sampleRawConfig("alibaba-dev")), "alibaba-dev");
  const raw = deepClone(sampleRawConfig("gcp-dev")) as { data: Spec };
  raw.data.managed = { keepInCluster: ["kafka"] };
  kafkaKept = await synthesize(toStackConfig(raw), "gcp-dev");
}, 300_000);

describe("a managed Redis that takes AUTH without TLS (GCP)", () => {
  it("is the cell's own instance, its address in the cell's redis.yml and its AUTH string in the cell's Secret", () => {
    const instances = cloudOfType(gcp, "gcp:redis/instance:Instance");
    expect(instances).toHaveLength(2);
    const acme = configFile(gcp, "acme", "redis.yml");
    const initech = configFile(gcp, "initech", "redis.yml");
    expect(acme.address).toHaveLength(1);
    expect(acme.address[0]).toMatch(/^10\.30\.\d+\.\d+:6379$/);
    expect(initech.address[0]).not.toBe(acme.address[0]);
    const secret = named(gcp, SECRET, "im-data", "im-t-acme");
    expect(secret.stringData["redis-password"]).toMatch(/^synth-auth-.*acme/);
  });

  it("runs no Redis in the cluster, and the cell's egress reaches the service's private range on its port only", () => {
    const sets = ofType(gcp.resources, T.statefulSet, "im-data").map((set) => meta(set).name);
    expect(sets.filter((name) => name?.startsWith("redis-"))).toEqual([]);
    const egress = named(gcp, T.netpol, "allow-data-bindings", "im-t-acme").spec.egress as Spec[];
    const redis = egress.find((rule) => rule.ports[0].port === 6379)!;
    expect(redis.to).toEqual([{ ipBlock: { cidr: expect.stringMatching(/^10\.\d+\.\d+\.\d+\/\d+$/) } }]);
  });

  it("is declared plaintext with the target's reason on the cell's Secret", () => {
    const secret = named(gcp, SECRET, "im-data", "im-t-acme");
    const reasons = JSON.parse(secret.metadata.annotations["im-platform.io/plaintext"] as string) as Spec;
    expect(reasons.redis).toMatch(/AUTH/);
    expect(reasons.kafka).toBeUndefined();
  });
});

describe("a managed Kafka (GCP)", () => {
  it("binds each cell over TLS as its own user, with its own topics and groups", () => {
    const kafka = configFile(gcp, "acme", "kafka.yml");
    expect(kafka.tls.enableTLS).toBe(true);
    expect(kafka.username).toMatch(/acme.*@.*iam\.gserviceaccount\.com$/);
    expect(kafka.address[0]).toMatch(/:9092$/);
    expect(kafka.toRedisTopic).toBe("acme.toRedis");
    const topics = cloudOfType(gcp, "gcp:managedkafka/topic:Topic").map((topic) => topic.topicId as string);
    expect(topics.filter((topic) => topic.startsWith("acme."))).toHaveLength(4);
  });

  it("creates no topics in the cluster, and KEDA reads lag over TLS with the cell's user", () => {
    const job = named(gcp, JOB, "bootstrap-acme", "im-data");
    expect(steps(job).map((step) => step.name)).toEqual(["mongodb-user", "etcd-user"]);
    for (const scaled of ofType(gcp.resources, T.scaledObject, "im-t-initech").map(plain)) {
      for (const trigger of (scaled.spec.triggers as Spec[]).filter((t) => t.type === "kafka")) {
        expect(trigger.metadata).toMatchObject({ sasl: "plaintext", tls: "enable" });
        expect(trigger.metadata.bootstrapServers).toMatch(/:9092$/);
      }
    }
  });

  it("stays in the cluster when the stack keeps it there, with the cluster's topics and ACLs", () => {
    expect(cloudOfType(kafkaKept, "gcp:managedkafka/cluster:Cluster")).toHaveLength(0);
    expect(ofType(kafkaKept.resources, T.statefulSet, "im-data").map((set) => meta(set).name)).toContain("kafka");
    const job = named(kafkaKept, JOB, "bootstrap-acme", "im-data");
    expect(steps(job).map((step) => step.name)).toContain("kafka-topics");
    expect(configFile(kafkaKept, "acme", "kafka.yml").tls.enableTLS).toBe(false);
  });
});

describe("a managed object store", () => {
  it("on GCS is reached through OpenIM's minio engine over TLS, with the cell's HMAC key", () => {
    const minio = configFile(gcp, "acme", "minio.yml");
    expect(minio.internalAddress).toBe("https://storage.googleapis.com:443");
    expect(minio.bucket).toMatch(/^openim-acme-/);
    expect(configFile(gcp, "acme", "openim-rpc-third.yml").object.enable).toBe("minio");
    const secret = named(gcp, SECRET, "im-data", "im-t-acme");
    expect(secret.stringData["object-store-access-key"]).toMatch(/^synth-access-id-/);
    expect(ofType(gcp.resources, T.statefulSet, "im-data").map((set) => meta(set).name)).not.toContain("object-store");
  });

  it("on OSS uses OpenIM's oss engine: the region's internal endpoint, the bucket and the URL clients fetch from", () => {
    const third = configFile(alibaba, "acme", "openim-rpc-third.yml");
    expect(third.object.enable).toBe("oss");
    expect(third.object.oss.endpoint).toMatch(/^https:\/\/oss-[a-z0-9-]+-internal\.aliyuncs\.com$/);
    expect(third.object.oss.bucketURL).toBe(
      `https://${third.object.oss.bucket}.${third.object.oss.endpoint.slice(8).replace("-internal", "")}`,
    );
    const workload = ofType(alibaba.resources, T.statefulSet, "im-t-acme").map(plain)[0]!;
    const env = (workload.spec.template.spec.containers[0].env as Spec[]).map((variable) => variable.name);
    expect(env).toEqual(
      expect.arrayContaining([
        "IMENV_OPENIM_RPC_THIRD_OBJECT_OSS_ACCESSKEYID",
        "IMENV_OPENIM_RPC_THIRD_OBJECT_OSS_ACCESSKEYSECRET",
      ]),
    );
  });
});

describe("a managed Redis that requires TLS (Azure)", () => {
  it("is reached through a TLS proxy standing where the cell's Redis would, verified against the service's name", () => {
    const proxy = named(azure, T.deployment, "redis-acme", "im-data");
    expect(proxy.spec.template.spec.containers[0].image).toMatch(/^haproxy:/);
    expect(proxy.spec.replicas).toBe(2);
    expect(named(azure, T.pdb, "redis-acme", "im-data").spec.maxUnavailable).toBe(1);
    const config = named(azure, T.configMap, "redis-acme", "im-data").data["haproxy.cfg"] as string;
    const backend = /server redis (\S+):(\d+) ssl verify required ca-file \S+ sni str\((\S+)\) verifyhost (\S+)/.exec(
      config,
    );
    expect(backend).not.toBeNull();
    expect(backend![3]).toBe(backend![1]);
    expect(backend![4]).toBe(backend![1]);
    expect(configFile(azure, "acme", "redis.yml").address).toEqual(["redis-acme.im-data.svc:6379"]);
    expect(ofType(azure.resources, T.statefulSet, "im-data").map((set) => meta(set).name)).not.toContain("redis-acme");
  });

  it("admits the cell to its proxy only, and lets the data namespace reach the managed services' range", () => {
    const policies = Object.fromEntries(
      ofType(azure.resources, T.netpol, "im-data").map((policy) => [meta(policy).name, plain(policy).spec as Spec]),
    );
    expect(policies["allow-cells-redis-acme"]!.ingress[0].from[0].namespaceSelector.matchExpressions[0].values).toEqual(
      ["im-t-acme"],
    );
    const egress = policies["allow-managed-services"]!.egress as Spec[];
    expect(egress.map((rule) => rule.ports[0].port).sort()).toEqual([10000, 10260]);
    for (const rule of egress) expect(rule.to[0].ipBlock.cidr).not.toBe("0.0.0.0/0");
  });

  it("hands the cell the service's access key, not a password of the kit's", () => {
    const secret = named(azure, SECRET, "im-data", "im-t-acme");
    const databases = cloudOfType(azure, "azure-native:redisenterprise:Database");
    expect(databases.length).toBeGreaterThan(0);
    expect(secret.stringData["redis-password"]).not.toMatch(/^Im7/);
    expect(secret.stringData["redis-password"].length).toBeGreaterThan(0);
  });
});

describe("a managed MongoDB", () => {
  it("gets each cell's user from the cell's bootstrap, logged in as the administrator with the password the cloud was given", () => {
    const [instance] = cloudOfType(alibaba, "alicloud:mongodb/instance:Instance");
    const admin = named(alibaba, SECRET, "im-data-admin", "im-data").stringData as Spec;
    expect(admin["mongodb-root-password"]).toBe(instance!.accountPassword);
    expect(admin["mongodb-root-password"]).toMatch(/^Im7[A-Za-z0-9_]{27}$/);
    const step = steps(named(alibaba, JOB, "bootstrap-acme", "im-data")).find((s) => s.name === "mongodb-user")!;
    const script = step.command[2] as string;
    expect(script).toContain('createUser({ user: "im-acme"');
    expect(script).toContain('"role":"readWrite","db":"openim_acme"');
    expect(step.env.map((variable: Spec) => variable.name)).toEqual(["ROOT_PASSWORD", "CELL_PASSWORD"]);
  });

  it("binds the cell with the service's URI options, and no MongoDB runs in the cluster", () => {
    const uri = named(alibaba, SECRET, "im-data", "im-t-acme").stringData["mongodb-uri"] as string;
    expect(uri).toMatch(/^mongodb:\/\/im-acme:[^@]+@[^/]+\/openim_acme\?/);
    expect(new URLSearchParams(uri.split("?")[1]).get("authSource")).toBe("admin");
    expect(ofType(alibaba.resources, T.statefulSet, "im-data").map((set) => meta(set).name)).toEqual(["etcd"]);
  });

  it("on Cosmos DB vCore creates users in admin with the only roles the service grants, over TLS", () => {
    const step = steps(named(azure, JOB, "bootstrap-acme", "im-data")).find((s) => s.name === "mongodb-user")!;
    const script = step.command[2] as string;
    expect(script).toContain('getSiblingDB("admin")');
    expect(script).toMatch(/tls=true/);
    const uri = new URL(named(azure, SECRET, "im-data", "im-t-acme").stringData["mongodb-uri"] as string);
    expect(uri.searchParams.get("tls")).toBe("true");
    expect(uri.searchParams.get("authSource")).toBe("admin");
  });
});

describe("secrets of managed services", () => {
  it("stay Pulumi secrets in the cell's Secret", () => {
    const secret = ofType(gcp.resources, SECRET, "im-t-acme").find((resource) => meta(resource).name === "im-data")!;
    const values = (secret.inputs as Spec).stringData as Spec;
    expect(Object.keys(values)).toContain(SECRET_SIGNATURE);
    expect(Object.keys(values.value as Spec)).toEqual(
      expect.arrayContaining(["redis-password", "kafka-password", "object-store-secret-key", "mongodb-uri"]),
    );
  });
});
