import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { validateStackConfig } from "../../../components/stack/validate";
import { loadStackConfig } from "../../../components/stack/load";
import type {
  DataServices,
  ManagedCellRequest,
  ManagedDataSet,
  ManagedDataSetRequest,
} from "../../../components/targets/capabilities";
import { ALIBABA_TYPES as A } from "../../../components/targets/alibaba/conventions";
import { alibabaTarget } from "../../../components/targets/alibaba/definition";
import { kafkaPassword } from "../../../components/targets/alibaba/data/kafka";
import { resolveDataSettings, alibabaDataSchema } from "../../../components/targets/alibaba/data/settings";
import type { AlibabaTargetConfig } from "../../../components/targets/alibaba/schema";
import type { AlibabaPlan } from "../../../components/targets/alibaba/plan";
import type { PlatformConfig } from "../../../components/config/types";
import type { TargetPlan } from "../../../components/targets/plan";
import { runPacks } from "../../../scripts/check/run";
import { fromSynth } from "../../../scripts/check/load";
import { ALL_PACKS } from "../../../policies/rules/packs";
import { synthesize, type SynthResult } from "../../../scripts/synth/synthesize";
import { deepClone, toStackConfig } from "../../helpers/stack";
import { expectIssueAt } from "../../helpers/config";
import { alibabaRawConfig, idOf, ofKind, type Raw } from "./helpers";

const TOPICS = ["toRedis", "toMongo", "toPush", "toOfflinePush"];
const GROUPS = ["redis", "mongo", "push", "offlinePush"];

function cellRequest(cell: string, keyTenant?: string): ManagedCellRequest {
  return {
    cell,
    keyTenant,
    redisPassword: pulumi.secret(`Redis_${cell}_Pw1`),
    kafkaPassword: pulumi.secret(`Kafka_${cell}_Pw1`),
    topics: TOPICS.map((topic) => `${cell}.${topic}`),
    consumerGroups: GROUPS.map((group) => `${cell}.${group}`),
    bucket: `im-test-${cell}-files`,
  };
}

const pooled = (): ManagedDataSetRequest => ({
  name: "data-pooled",
  dataSet: "pooled",
  kinds: ["redis", "kafka", "mongodb", "objectStore"],
  cells: [cellRequest("acme"), cellRequest("globex")],
  partitions: 8,
  mongodbAdminPassword: pulumi.secret("Admin_pw_123"),
});

const dedicated = (): ManagedDataSetRequest => ({
  name: "data-initech",
  dataSet: "initech",
  keyTenant: "initech",
  kinds: ["redis", "kafka", "mongodb", "objectStore"],
  cells: [cellRequest("initech", "initech")],
  partitions: 16,
  mongodbAdminPassword: pulumi.secret("Admin_pw_456"),
});

/** A secret as the mocks record it ({ signature, value }), or the plain value. */
const plain = (value: any): unknown => (value && typeof value === "object" && "value" in value ? value.value : value);

/** Runs a synth the program must refuse; the stack's copy of the error surfaces unhandled under mocks. */
async function expectRefused(requests: Array<() => ManagedDataSetRequest>, message: RegExp): Promise<void> {
  const swallow = (reason: unknown) => {
    if (!(reason instanceof Error) || !message.test(reason.message)) throw reason;
  };
  process.on("unhandledRejection", swallow);
  try {
    await expect(synthData("alibaba-dev", requests)).rejects.toThrow(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off("unhandledRejection", swallow);
  }
}

const unwrap = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

interface Resolved {
  readonly redis?: string[];
  readonly kafka?: string[];
  readonly mongoHosts?: string[];
  readonly objectStore?: unknown;
  readonly accessKeyId?: string;
}

/** Builds the Alibaba target from a sample stack and provisions the given data sets through its capability. */
async function synthData(stack: "alibaba-dev" | "alibaba-prod", requests: Array<() => ManagedDataSetRequest>) {
  const resolved: Resolved[] = [];
  const sets: ManagedDataSet[] = [];
  let capability: DataServices | undefined;
  const result = await synthesize(toStackConfig(alibabaRawConfig(stack)), stack, async () => {
    const config = loadStackConfig();
    const planned = config.targets[0]!;
    const target = alibabaTarget.build("t-cluster", {
      cluster: planned.cluster as AlibabaTargetConfig,
      plan: planned.plan as TargetPlan<AlibabaPlan>,
      platform: config as PlatformConfig,
    });
    const data = target.data!;
    capability = data;
    for (const request of requests) {
      const made = request();
      const set = data.provision(made, { parent: target as unknown as pulumi.Resource });
      sets.push(set);
      const first = set.cell(made.cells[0]!.cell);
      const store = first.objectStore;
      resolved.push({
        redis: first.redis && (await unwrap(first.redis.addresses)),
        kafka: first.kafka && (await unwrap(first.kafka.addresses)),
        mongoHosts: set.mongodb && (await unwrap(set.mongodb.hosts)),
        objectStore: store && { ...store, accessKeyId: undefined, secretAccessKey: undefined },
        accessKeyId: store && (await unwrap(store.accessKeyId)),
      });
    }
    return {};
  });
  return { result, resolved, sets, data: capability! };
}

type Synth = Awaited<ReturnType<typeof synthData>>;
let dev: Synth;
let prod: Synth;

beforeAll(async () => {
  dev = await synthData("alibaba-dev", [pooled]);
  prod = await synthData("alibaba-prod", [pooled, dedicated]);
});

const keyId = (result: SynthResult, match: (tags: Record<string, string>) => boolean) =>
  idOf(result.resources.find((r) => r.type === A.kmsKey && match((r.inputs as any).tags))!);

describe("keys", () => {
  it("makes one data key on first use, rotating, and uses a VIP tenant's own key for its dedicated set", () => {
    const dataKeys = ofKind(prod.result.resources, A.kmsKey).filter((key) => key.tags.purpose === "data");
    expect(dataKeys).toHaveLength(1);
    expect(dataKeys[0]).toMatchObject({ automaticRotation: "Enabled", deletionProtection: "Enabled" });
    const data = keyId(prod.result, (tags) => tags.purpose === "data");
    const initech = keyId(prod.result, (tags) => tags.tenant === "initech");
    const redis = ofKind(prod.result.resources, A.redis);
    expect(Object.fromEntries(redis.map((r) => [r.tags.cell, r.encryptionKey]))).toEqual({
      acme: data,
      globex: data,
      initech,
    });
    expect(ofKind(prod.result.resources, A.kafka).map((k) => k.kmsKeyId)).toEqual([data, initech]);
    expect(ofKind(prod.result.resources, A.mongodb).map((m) => m.cloudDiskEncryptionKey)).toEqual([data, initech]);
    const buckets = ofKind(prod.result.resources, A.bucket);
    expect(buckets.find((b) => b.tags.cell === "initech")?.serverSideEncryptionRule).toEqual({
      sseAlgorithm: "KMS",
      kmsMasterKeyId: initech,
    });
  });

  it("refuses a tenant without a key of its own", async () => {
    const bad = () => ({ ...pooled(), name: "data-bad", cells: [cellRequest("acme", "acme")] });
    await expectRefused([bad], /tenant acme has no key of its own/);
  });
});

describe("Redis", () => {
  it("gives each cell a Tair instance with AUTH, no TLS, TDE, the pod vSwitches only; dev in one zone", () => {
    const redis = ofKind(dev.result.resources, A.redis);
    expect(redis.map((r) => r.tags.cell).sort()).toEqual(["acme", "globex"]);
    for (const r of redis) {
      expect(r).toMatchObject({
        instanceClass: "tair.rdb.1g",
        engineVersion: "7.0",
        vpcAuthMode: "Open",
        sslEnable: "Disable",
        tdeStatus: "Enabled",
        instanceReleaseProtection: false,
        securityIps: ["10.0.64.0/19", "10.0.96.0/19"],
        backupTime: "18:00Z-19:00Z",
      });
      expect(r.secondaryZoneId).toBeUndefined();
      expect(plain(r.password)).toMatch(/^Redis_.*_Pw1$/);
    }
    expect(dev.resolved[0]!.redis).toEqual([expect.stringMatching(/^r-[a-z0-9]+\.redis\.rds\.aliyuncs\.com:6379$/)]);
  });

  it("fails over across zones and cannot be released in prod", () => {
    for (const r of ofKind(prod.result.resources, A.redis)) {
      expect(r).toMatchObject({
        zoneId: "cn-hangzhou-h",
        secondaryZoneId: "cn-hangzhou-j",
        instanceClass: "tair.rdb.2g",
        instanceReleaseProtection: true,
      });
      expect(r.backupPeriods).toHaveLength(7);
    }
  });
});

describe("Kafka", () => {
  it("is VPC-only with ACLs on, SSDs under the key, and each cell's topics with the request's partitions", () => {
    const [instance] = ofKind(dev.result.resources, A.kafka);
    expect(instance).toMatchObject({
      deployType: 5,
      diskType: 1,
      specType: "professional",
      enableAutoTopic: "disable",
    });
    expect(JSON.parse(instance.config)).toEqual({ "enable.acl": "true", "kafka.log.retention.hours": "72" });
    expect(instance.partitionNum).toBe(2 * 4 * 8);
    expect(instance.vswitchIds).toHaveLength(1);
    const topics = ofKind(dev.result.resources, A.kafkaTopic);
    expect(topics.map((t) => t.topic).sort()).toEqual(
      ["acme", "globex"].flatMap((cell) => TOPICS.map((topic) => `${cell}.${topic}`)).sort(),
    );
    for (const topic of topics) expect(topic).toMatchObject({ partitionNum: 8, localTopic: false });
    expect(ofKind(dev.result.resources, A.kafkaGroup).map((g) => g.consumerId)).toHaveLength(8);
  });

  it("admits the pod vSwitches on the SASL port only, through its own security group", () => {
    const allowed = ofKind(dev.result.resources, A.kafkaAllowedIp);
    expect(allowed.map((a) => [a.allowedType, a.portRange, a.allowedIp])).toEqual([
      ["vpc", "9094/9094", "10.0.64.0/19"],
      ["vpc", "9094/9094", "10.0.96.0/19"],
    ]);
    const group = dev.result.resources.find((r) => r.type === A.securityGroup && r.name.endsWith("-kafka-sg"))!;
    expect(ofKind(dev.result.resources, A.kafka)[0].securityGroup).toBe(idOf(group));
  });

  it("gives each cell a PLAIN user limited to its own topics and groups", async () => {
    const users = ofKind(dev.result.resources, A.kafkaUser);
    expect(users.map((u) => [u.username, u.type]).sort()).toEqual([
      ["acme", "plain"],
      ["globex", "plain"],
    ]);
    const acme = await unwrap(kafkaPassword(pulumi.output("Kafka_acme_Pw1"), "acme"));
    const globex = await unwrap(kafkaPassword(pulumi.output("Kafka_globex_Pw1"), "globex"));
    expect(acme).toMatch(/^[a-f0-9]{40}$/);
    expect(acme).not.toBe(globex);
    expect(plain(users.find((u) => u.username === "acme")?.password)).toBe(acme);
    const acls = ofKind(dev.result.resources, A.kafkaAcl).filter((acl) => acl.username === "acme");
    expect(acls).toHaveLength(4 * 2 + 4);
    for (const acl of acls) {
      expect(acl.aclResourcePatternType).toBe("LITERAL");
      expect(acl.aclResourceName.startsWith("acme.")).toBe(true);
    }
    expect(dev.resolved[0]!.kafka).toHaveLength(3);
    for (const address of dev.resolved[0]!.kafka!) expect(address).toMatch(/-vpc\.alikafka\.aliyuncs\.com:9094$/);
  });

  it("spreads over every zone in prod", () => {
    for (const instance of ofKind(prod.result.resources, A.kafka)) {
      expect(instance.vswitchIds).toHaveLength(3);
      expect(instance.selectedZones).toEqual(["cn-hangzhou-h", "cn-hangzhou-j", "cn-hangzhou-k"]);
      expect(instance.diskSize).toBe(1000);
    }
  });

  it("refuses topics of one partition", async () => {
    const one = () => ({ ...pooled(), partitions: 1 });
    await expectRefused([one], /at least 2 partitions, not 1/);
  });
});

describe("MongoDB", () => {
  it("is a three-node replica set on encrypted ESSDs, whitelisting the pod vSwitches; dev in one zone", () => {
    const [mongo] = ofKind(dev.result.resources, A.mongodb);
    expect(mongo).toMatchObject({
      replicationFactor: 3,
      encrypted: true,
      storageType: "cloud_essd1",
      networkType: "VPC",
      securityIpLists: ["10.0.64.0/19", "10.0.96.0/19"],
      enableBackupLog: 0,
      backupRetentionPeriod: 7,
      dbInstanceReleaseProtection: false,
    });
    expect(mongo.secondaryZoneId).toBeUndefined();
    expect(plain(mongo.accountPassword)).toBe("Admin_pw_123");
    expect(dev.sets[0]!.mongodb).toMatchObject({
      adminUsername: "root",
      uriOptions: { authSource: "admin" },
      cellRoles: ["readWrite"],
    });
    expect(dev.resolved[0]!.mongoHosts).toEqual([
      expect.stringMatching(/^dds-[a-z0-9]+1\.mongodb\.rds\.aliyuncs\.com:3717$/),
      expect.stringMatching(/^dds-[a-z0-9]+2\.mongodb\.rds\.aliyuncs\.com:3717$/),
    ]);
  });

  it("spans three zones with point-in-time restore and release protection in prod", () => {
    for (const mongo of ofKind(prod.result.resources, A.mongodb)) {
      expect(mongo).toMatchObject({
        zoneId: "cn-hangzhou-h",
        secondaryZoneId: "cn-hangzhou-j",
        hiddenZoneId: "cn-hangzhou-k",
        enableBackupLog: 1,
        logBackupRetentionPeriod: 30,
        dbInstanceReleaseProtection: true,
      });
    }
  });
});

describe("object store", () => {
  it("gives each cell a private, KMS-encrypted bucket and a RAM user scoped to it", () => {
    const buckets = ofKind(dev.result.resources, A.bucket);
    expect(buckets.map((b) => b.bucket).sort()).toEqual(["im-test-acme-files", "im-test-globex-files"]);
    for (const bucket of buckets) {
      expect(bucket.serverSideEncryptionRule.sseAlgorithm).toBe("KMS");
      expect(bucket.versioning).toBeUndefined();
      expect(bucket.redundancyType).toBe("LRS");
    }
    expect(ofKind(dev.result.resources, A.bucketAcl).map((a) => a.acl)).toEqual(["private", "private"]);
    expect(ofKind(dev.result.resources, A.bucketPublicAccessBlock).every((b) => b.blockPublicAccess)).toBe(true);
    const policies = ofKind(dev.result.resources, A.ramPolicy);
    const acme = JSON.parse(policies.find((p) => p.policyName.includes("acme")).policyDocument);
    expect(acme.Statement[0].Resource).toEqual(["acs:oss:*:*:im-test-acme-files", "acs:oss:*:*:im-test-acme-files/*"]);
    expect(acme.Statement[1].Resource[0]).toMatch(/^acs:kms:cn-hangzhou:\*:key\/key-/);
    expect(ofKind(dev.result.resources, A.ramUserPolicyAttachment)).toHaveLength(2);
    expect(dev.resolved[0]!.objectStore).toMatchObject({
      engine: "oss",
      endpoint: "https://oss-cn-hangzhou-internal.aliyuncs.com",
      bucket: "im-test-acme-files",
      bucketUrl: "https://im-test-acme-files.oss-cn-hangzhou.aliyuncs.com",
    });
    expect(dev.resolved[0]!.accessKeyId).toMatch(/^LTAI5t/);
  });

  it("versions objects and keeps them in three zones in prod", () => {
    for (const bucket of ofKind(prod.result.resources, A.bucket)) {
      expect(bucket).toMatchObject({ versioning: { status: "Enabled" }, redundancyType: "ZRS", forceDestroy: false });
    }
  });
});

describe("capability", () => {
  it("offers all four kinds, names the plaintext ones, and admits private ranges only", async () => {
    const config = validateStackConfig(alibabaRawConfig("alibaba-dev"));
    if (!config.ok) throw new Error("sample invalid");
    const planned = config.config.targets[0]!;
    expect(alibabaTarget.managedData?.(planned.cluster as AlibabaTargetConfig, config.config)).toEqual({
      kinds: ["redis", "kafka", "mongodb", "objectStore"],
    });
    const data = dev.data;
    expect(Object.keys(data.plaintext).sort()).toEqual(["kafka", "mongodb", "redis"]);
    expect(data.plaintext.redis).toMatch(/no TLS/);
    expect(data.network("redis")).toEqual({ cidrs: ["10.0.0.0/22", "10.0.4.0/22"], ports: [6379] });
    expect(data.network("kafka").ports).toEqual([9094]);
    expect(data.network("mongodb").ports).toEqual([3717]);
    expect(data.network("objectStore")).toEqual({ cidrs: ["100.64.0.0/10"], ports: [443] });
    for (const kind of data.kinds) expect(data.network(kind).cidrs).not.toContain("0.0.0.0/0");
  });

  it("creates nothing for kinds left in the cluster", async () => {
    const onlyRedis = () => ({ ...pooled(), kinds: ["redis" as const] });
    const { result, sets } = await synthData("alibaba-dev", [onlyRedis]);
    expect(ofKind(result.resources, A.redis)).toHaveLength(2);
    for (const type of [A.kafka, A.mongodb, A.bucket, A.ramUser]) expect(ofKind(result.resources, type)).toEqual([]);
    expect(sets[0]!.mongodb).toBeUndefined();
    expect(sets[0]!.cell("acme").kafka).toBeUndefined();
    expect(() => sets[0]!.cell("nobody")).toThrow(/has no cell nobody/);
  });

  it("passes every Alibaba rule of the security pack, dev and prod", () => {
    for (const { result } of [dev, prod]) {
      const findings = runPacks(fromSynth(result.resources), ALL_PACKS).filter((finding) =>
        /^IMS4\d\d$/.test(finding.id),
      );
      expect(findings).toEqual([]);
    }
  });
});

describe("data config", () => {
  const bad: Array<[string, (raw: Raw) => void, string, RegExp]> = [
    [
      "a Redis class without TDE",
      (r) => (r.target.data = { redis: { instanceClass: "redis.shard.small.2.ce" } }),
      "im-platform:target.data.redis.instanceClass",
      /Tair memory-optimized/,
    ],
    [
      "Kafka's Standard edition",
      (r) => (r.target.data = { kafka: { specType: "normal" } }),
      "im-platform:target.data.kafka.specType",
      /allowed: "professional"/,
    ],
    [
      "a malformed Kafka spec",
      (r) => (r.target.data = { kafka: { ioMaxSpec: "big" } }),
      "im-platform:target.data.kafka.ioMaxSpec",
      /alikafka\.hw\.2xlarge/,
    ],
    [
      "MongoDB storage off the 10 GB grid",
      (r) => (r.target.data = { mongodb: { storageGb: 25 } }),
      "im-platform:target.data.mongodb.storageGb",
      /multiple of 10/,
    ],
    [
      "an OSS range of the whole internet",
      (r) => (r.target.data = { objectStore: { internalCidrs: ["0.0.0.0/0"] } }),
      "im-platform:target.data.objectStore.internalCidrs[0]",
      /whole internet/,
    ],
    [
      "a CORS origin that is not one",
      (r) => (r.target.data = { objectStore: { corsOrigins: ["ftp://files"] } }),
      "im-platform:target.data.objectStore.corsOrigins[0]",
      /not an origin/,
    ],
    ["an unknown data key", (r) => (r.target.data = { rediss: {} }), "im-platform:target.data.rediss", /unknown key/],
  ];

  it.each(bad)("rejects %s, naming the field", (_title, mutate, path, message) => {
    const raw = deepClone(alibabaRawConfig("alibaba-dev"));
    mutate(raw);
    expectIssueAt(raw, path, message);
  });

  it("resolves the environment's defaults in one place", () => {
    const parsed = alibabaDataSchema.parse({});
    expect(resolveDataSettings(parsed, "dev")).toMatchObject({
      deletionProtection: false,
      redis: { instanceClass: "tair.rdb.1g" },
      kafka: { ioMaxSpec: "alikafka.hw.2xlarge", diskSizeGb: 500 },
      mongodb: { storageGb: 20, backupRetentionDays: 7, pointInTime: false },
      objectStore: { versioning: false, internalCidrs: ["100.64.0.0/10"] },
      maintenance: { start: "19:00Z", end: "20:00Z" },
    });
    expect(
      resolveDataSettings(alibabaDataSchema.parse({ deletionProtection: false, backupHourUtc: 23 }), "prod"),
    ).toMatchObject({
      deletionProtection: false,
      backupWindow: "23:00Z-00:00Z",
      mongodb: { pointInTime: true, backupRetentionDays: 30 },
    });
  });
});
