import { beforeAll, describe, expect, it } from "vitest";
import type { ManagedCellData, ManagedDataSetRequest } from "../../../components/targets/capabilities";
import { requireCapability } from "../../../components/targets/capabilities";
import { gcpTarget } from "../../../components/targets/gcp/definition";
import { gcpDataNetwork } from "../../../components/targets/gcp/data/network";
import { bucketName, boundedId, cellAccountId, redisInstanceId } from "../../../components/targets/gcp/data/names";
import { gcpDataSchema, resolveGcpDataSettings } from "../../../components/targets/gcp/data/settings";
import { REDIS_PLAINTEXT_REASON } from "../../../components/targets/gcp/data/services";
import type { GcpTargetConfig } from "../../../components/targets/gcp/schema";
import { type GcpCluster } from "../../../components/targets/gcp/target";
import type { GcpPlan } from "../../../components/targets/gcp/plan";
import type { TargetPlan } from "../../../components/targets/plan";
import { loadStackConfig } from "../../../components/stack/load";
import type { PlatformConfig } from "../../../components/config/types";
import { validateStackConfig } from "../../../components/stack/validate";
import { synthesize, type SynthResource, type SynthResult } from "../../../scripts/synth/synthesize";
import * as pulumi from "@pulumi/pulumi";
import { fromSynth } from "../../../scripts/check/load";
import { runPacks } from "../../../scripts/check/run";
import { securityPack } from "../../../policies/rules/security";
import { deepClone, toStackConfig } from "../../helpers/stack";
import { expectIssueAt } from "../../helpers/config";
import { gcpRawConfig, type Raw } from "./helpers";

const D = {
  redis: "gcp:redis/instance:Instance",
  kafka: "gcp:managedkafka/cluster:Cluster",
  topic: "gcp:managedkafka/topic:Topic",
  acl: "gcp:managedkafka/acl:Acl",
  bucket: "gcp:storage/bucket:Bucket",
  bucketMember: "gcp:storage/bucketIAMMember:BucketIAMMember",
  hmac: "gcp:storage/hmacKey:HmacKey",
  saKey: "gcp:serviceaccount/key:Key",
  account: "gcp:serviceaccount/account:Account",
  projectGrant: "gcp:projects/iAMMember:IAMMember",
  keyGrant: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
  key: "gcp:kms/cryptoKey:CryptoKey",
  address: "gcp:compute/globalAddress:GlobalAddress",
  peering: "gcp:servicenetworking/connection:Connection",
} as const;

const QUEUES = ["toRedis", "toMongo", "toPush", "toOfflinePush"];
const GROUPS = ["redis", "mongo", "push", "offlinePush"];

function cellRequest(cell: string, keyTenant?: string): ManagedDataSetRequest["cells"][number] {
  return {
    cell,
    ...(keyTenant ? { keyTenant } : {}),
    redisPassword: pulumi.output("unused-on-gcp"),
    kafkaPassword: pulumi.output("unused-on-gcp"),
    topics: QUEUES.map((queue) => `${cell}.${queue}`),
    consumerGroups: GROUPS.map((group) => `${cell}.${group}`),
    bucket: `openim-${cell}-synth`,
  };
}

/**
 * The stack's platform with `data.mode: managed` (and the VIPs given dedicated data), set after
 * validation: the kit's validation of managed data is not this target's to test.
 */
function managedPlatform(config: PlatformConfig, dedicatedData: readonly string[] = []): PlatformConfig {
  return {
    ...config,
    data: { ...config.data, mode: "managed" },
    tenants: config.tenants.map((tenant) =>
      dedicatedData.includes(tenant.id) ? { ...tenant, dedicatedData: true } : tenant,
    ),
  };
}

interface Bound {
  readonly cells: Record<string, ManagedCellData>;
  readonly plaintext: unknown;
  readonly kinds: unknown;
}

/** Builds the GCP target from a stack's config and provisions one data set, under the strict mocks. */
async function provisioned(
  stack: "gcp-dev" | "gcp-prod",
  request: Omit<ManagedDataSetRequest, "mongodbAdminPassword">,
  dedicatedData: readonly string[] = [],
): Promise<{ result: SynthResult; bound: Bound }> {
  let bound: Bound | undefined;
  const result = await synthesize(toStackConfig(gcpRawConfig(stack)), stack, () => {
    const config = loadStackConfig();
    const entry = config.targets[0]!;
    const cluster = entry.cluster as GcpTargetConfig;
    const target = gcpTarget.build("main-cluster", {
      plan: entry.plan as TargetPlan<GcpPlan>,
      cluster,
      platform: managedPlatform(config, dedicatedData),
    }) as GcpCluster;
    const services = requireCapability(target, "data", "the test");
    const set = services.provision({ ...request, mongodbAdminPassword: pulumi.output("unused") }, { parent: target });
    const cells = Object.fromEntries(request.cells.map((cell) => [cell.cell, set.cell(cell.cell)]));
    bound = { cells, plaintext: services.plaintext, kinds: services.kinds };
    return {};
  });
  return { result, bound: bound! };
}

/** Findings of the GCP managed data rules on what a synth registered. */
const dataFindings = (result: SynthResult) =>
  runPacks(fromSynth(result.resources), [securityPack]).filter((finding) =>
    /^gcp-(data|redis|bucket|kafka)/.test(finding.policy),
  );

const resolve = <T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> =>
  new Promise((done) => (value === undefined ? done(undefined) : pulumi.output(value).apply((v) => done(v as T))));

const ofType = (result: SynthResult, type: string): SynthResource[] => result.resources.filter((r) => r.type === type);
const inputsOf = (result: SynthResult, type: string): any[] => ofType(result, type).map((r) => r.inputs as any);

const POOLED = (cells: string[]): Omit<ManagedDataSetRequest, "mongodbAdminPassword"> => ({
  name: "main-data-pooled",
  dataSet: "pooled",
  kinds: ["redis", "kafka", "objectStore"],
  cells: cells.map((cell) => cellRequest(cell)),
  partitions: 6,
});

describe("managed data on GCP: dev", () => {
  let dev: { result: SynthResult; bound: Bound };
  beforeAll(async () => {
    dev = await provisioned("gcp-dev", POOLED(["acme", "initech"]));
  });

  it("offers Redis, Kafka and the object store, never MongoDB, and says why Redis is plaintext", () => {
    expect(dev.bound.kinds).toEqual(["redis", "kafka", "objectStore"]);
    expect(gcpTarget.managedData?.({} as GcpTargetConfig, {} as never)).toEqual({
      kinds: ["redis", "kafka", "objectStore"],
    });
    expect(dev.bound.plaintext).toEqual({ redis: REDIS_PLAINTEXT_REASON });
    expect(REDIS_PLAINTEXT_REASON).toMatch(/no TLS/);
  });

  it("encrypts with the platform's data key, granted to the Memorystore, Kafka and Storage agents", () => {
    const dataKey = inputsOf(dev.result, D.key).find((key) => key.name === "managed-data");
    expect(dataKey).toMatchObject({ purpose: "ENCRYPT_DECRYPT", rotationPeriod: `${90 * 86400}s` });
    const grants = inputsOf(dev.result, D.keyGrant)
      .filter((grant) => String(grant.cryptoKeyId).endsWith("/managed-data"))
      .map((grant) => grant.member)
      .sort();
    expect(grants).toEqual([
      "serviceAccount:service-123456789012@cloud-redis.iam.gserviceaccount.com",
      "serviceAccount:service-123456789012@gcp-sa-managedkafka.iam.gserviceaccount.com",
      "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com",
    ]);
    const keyId =
      "projects/im-platform-dev/locations/europe-west1/keyRings/main-cluster-keyring/cryptoKeys/managed-data";
    for (const redis of inputsOf(dev.result, D.redis)) expect(redis.customerManagedKey).toBe(keyId);
    expect(inputsOf(dev.result, D.kafka)[0].gcpConfig.kmsKey).toBe(keyId);
    for (const bucket of inputsOf(dev.result, D.bucket)) expect(bucket.encryption.defaultKmsKeyName).toBe(keyId);
  });

  it("gives each cell a Memorystore instance with AUTH on private services access, single-zone in dev", () => {
    const redis = inputsOf(dev.result, D.redis);
    expect(redis).toHaveLength(2);
    expect(redis.map((r) => r.name).sort()).toEqual(["im-main-acme", "im-main-initech"]);
    for (const instance of redis) {
      expect(instance).toMatchObject({
        tier: "BASIC",
        authEnabled: true,
        transitEncryptionMode: "DISABLED",
        connectMode: "PRIVATE_SERVICE_ACCESS",
        authorizedNetwork: "projects/im-platform-dev/global/networks/main-cluster-vpc",
        reservedIpRange: "im-main-private-services",
        persistenceConfig: { persistenceMode: "DISABLED" },
        deletionProtection: false,
        maintenancePolicy: { weeklyMaintenanceWindows: [{ day: "SUNDAY", startTime: { hours: 3 } }] },
        labels: { environment: "dev", "plaintext-exception": "openim-redis-client-has-no-tls" },
      });
      expect(instance.alternativeLocationId).toBeUndefined();
    }
    expect(inputsOf(dev.result, D.address)[0]).toMatchObject({
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      address: "10.30.0.0",
      prefixLength: 20,
    });
    expect(inputsOf(dev.result, D.peering)[0]).toMatchObject({
      service: "servicenetworking.googleapis.com",
      reservedPeeringRanges: ["im-main-private-services"],
    });
  });

  it("binds a cell's Redis to its own instance, plaintext, with the AUTH string the service generated", async () => {
    const redis = dev.bound.cells.acme!.redis!;
    expect(redis.tls).toBe(false);
    expect(await resolve(redis.addresses)).toEqual([expect.stringMatching(/^10\.30\.\d+\.\d+:6379$/)]);
    expect(await resolve(redis.password)).toMatch(/^synth-auth-.*acme/);
  });

  it("runs one Kafka cluster in the node subnet with every cell's topics, each with the data set's partitions", () => {
    const [kafka] = inputsOf(dev.result, D.kafka);
    expect(inputsOf(dev.result, D.kafka)).toHaveLength(1);
    expect(kafka).toMatchObject({
      clusterId: "im-main-pooled",
      location: "europe-west1",
      capacityConfig: { vcpuCount: "3", memoryBytes: String(3 * 1024 ** 3) },
      gcpConfig: {
        accessConfig: {
          networkConfigs: [{ subnet: "projects/im-platform-dev/regions/europe-west1/subnetworks/main-cluster-nodes" }],
        },
      },
      deletionPolicy: "DELETE",
    });
    const topics = inputsOf(dev.result, D.topic);
    expect(topics.map((topic) => topic.topicId).sort()).toEqual(
      ["acme", "initech"].flatMap((cell) => QUEUES.map((queue) => `${cell}.${queue}`)).sort(),
    );
    for (const topic of topics)
      expect(topic).toMatchObject({ partitionCount: 6, replicationFactor: 3, cluster: "im-main-pooled" });
  });

  it("admits each cell's own account to its own topics and groups only, over SASL/PLAIN and TLS", async () => {
    const acls = inputsOf(dev.result, D.acl);
    expect(acls).toHaveLength(2 * (QUEUES.length + GROUPS.length));
    for (const cell of ["acme", "initech"]) {
      const principal = `User:${cellAccountId("main", cell)}@im-platform-dev.iam.gserviceaccount.com`;
      const mine = acls.filter((acl) => acl.aclEntries.every((entry: any) => entry.principal === principal));
      expect(mine.map((acl) => acl.aclId).sort()).toEqual(
        [...QUEUES.map((q) => `topic/${cell}.${q}`), ...GROUPS.map((g) => `consumerGroup/${cell}.${g}`)].sort(),
      );
      for (const acl of mine) for (const entry of acl.aclEntries) expect(entry.permissionType).toBe("ALLOW");
    }
    const clients = inputsOf(dev.result, D.projectGrant).filter((grant) => grant.role === "roles/managedkafka.client");
    expect(clients).toHaveLength(2);
    const kafka = dev.bound.cells.acme!.kafka!;
    expect(kafka.tls).toBe(true);
    expect(await resolve(kafka.addresses)).toEqual([
      "bootstrap.im-main-pooled.europe-west1.managedkafka.im-platform-dev.cloud.goog:9092",
    ]);
    expect(await resolve(kafka.username)).toBe(
      `${cellAccountId("main", "acme")}@im-platform-dev.iam.gserviceaccount.com`,
    );
    const password = (await resolve(kafka.password)) ?? "";
    // The service account key file, base64-encoded, as the provider returns it.
    expect(JSON.parse(Buffer.from(password, "base64").toString("utf8"))).toMatchObject({ type: "service_account" });
  });

  it("gives each cell a private, CMEK bucket that only its own account reaches, through an HMAC key", async () => {
    const buckets = inputsOf(dev.result, D.bucket);
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) {
      expect(bucket).toMatchObject({
        location: "EUROPE-WEST1",
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        versioning: { enabled: false },
        forceDestroy: true,
        cors: [{ origins: ["*"], methods: expect.arrayContaining(["GET", "PUT"]) }],
      });
    }
    const members = inputsOf(dev.result, D.bucketMember);
    const acme = bucketName("openim-acme-synth", "im-platform-dev");
    const acmeAccount = `serviceAccount:${cellAccountId("main", "acme")}@im-platform-dev.iam.gserviceaccount.com`;
    expect(members.filter((member) => member.bucket === acme).map((m) => [m.role, m.member])).toEqual([
      ["roles/storage.objectAdmin", acmeAccount],
      ["roles/storage.legacyBucketReader", acmeAccount],
    ]);
    for (const member of members) expect(member.member).not.toMatch(/allUsers|allAuthenticatedUsers/);
    const store = dev.bound.cells.acme!.objectStore!;
    expect(store).toMatchObject({
      engine: "minio",
      address: "storage.googleapis.com:443",
      useTls: true,
      externalAddress: "https://storage.googleapis.com",
      bucket: acme,
    });
    if (store.engine !== "minio") throw new Error("expected the minio engine");
    expect(await resolve(store.accessKeyId)).toMatch(/^synth-access-id-/);
    expect(await resolve(store.secretAccessKey)).toMatch(/^synth-secret-/);
  });

  it("passes every security rule", () => {
    expect(dataFindings(dev.result)).toEqual([]);
  });
});

describe("managed data on GCP: prod", () => {
  let prod: { result: SynthResult; bound: Bound };
  beforeAll(async () => {
    prod = await provisioned(
      "gcp-prod",
      {
        name: "main-data-initech",
        dataSet: "initech",
        keyTenant: "initech",
        kinds: ["redis", "kafka", "objectStore"],
        cells: [cellRequest("initech", "initech")],
        partitions: 12,
      },
      ["initech"],
    );
  });

  it("encrypts a VIP's dedicated data with the tenant's own key, granted to the data agents", () => {
    const keyId =
      "projects/im-platform-prod/locations/europe-west1/keyRings/main-cluster-keyring/cryptoKeys/tenant-initech";
    expect(inputsOf(prod.result, D.redis)[0].customerManagedKey).toBe(keyId);
    expect(inputsOf(prod.result, D.kafka)[0].gcpConfig.kmsKey).toBe(keyId);
    expect(inputsOf(prod.result, D.bucket)[0].encryption.defaultKmsKeyName).toBe(keyId);
    const members = inputsOf(prod.result, D.keyGrant)
      .filter((grant) => String(grant.cryptoKeyId).endsWith("/tenant-initech"))
      .map((grant) => grant.member);
    expect(members).toEqual(
      expect.arrayContaining([
        "serviceAccount:service-210987654321@cloud-redis.iam.gserviceaccount.com",
        "serviceAccount:service-210987654321@gcp-sa-managedkafka.iam.gserviceaccount.com",
        "serviceAccount:service-210987654321@gs-project-accounts.iam.gserviceaccount.com",
      ]),
    );
  });

  it("runs Redis on the Standard tier across two zones with RDB snapshots and deletion protection", () => {
    expect(inputsOf(prod.result, D.redis)[0]).toMatchObject({
      tier: "STANDARD_HA",
      locationId: "europe-west1-b",
      alternativeLocationId: "europe-west1-c",
      persistenceConfig: { persistenceMode: "RDB", rdbSnapshotPeriod: "SIX_HOURS" },
      deletionProtection: true,
      authEnabled: true,
      labels: { environment: "prod" },
    });
  });

  it("keeps Kafka and buckets from a careless destroy, versions buckets, sizes Kafka for prod", () => {
    expect(inputsOf(prod.result, D.kafka)[0]).toMatchObject({
      clusterId: "im-main-initech",
      deletionPolicy: "PREVENT",
      capacityConfig: { vcpuCount: "3", memoryBytes: String(12 * 1024 ** 3) },
    });
    for (const topic of inputsOf(prod.result, D.topic)) expect(topic.partitionCount).toBe(12);
    expect(inputsOf(prod.result, D.bucket)[0]).toMatchObject({
      versioning: { enabled: true },
      deletionPolicy: "PREVENT",
      forceDestroy: false,
    });
  });

  it("passes every security rule", () => {
    expect(dataFindings(prod.result)).toEqual([]);
  });
});

describe("managed data off", () => {
  it("creates nothing of it and offers no data capability with in-cluster data", async () => {
    let offered: unknown = "unset";
    const result = await synthesize(toStackConfig(gcpRawConfig("gcp-dev")), "gcp-dev", () => {
      const config = loadStackConfig();
      const entry = config.targets[0]!;
      const target = gcpTarget.build("main-cluster", {
        plan: entry.plan as TargetPlan<GcpPlan>,
        cluster: entry.cluster as GcpTargetConfig,
        platform: config,
      });
      offered = target.data;
      return {};
    });
    expect(offered).toBeUndefined();
    for (const type of [D.address, D.peering, D.redis, D.kafka, D.bucket]) expect(ofType(result, type)).toEqual([]);
    expect(inputsOf(result, D.key).map((key) => key.name)).not.toContain("managed-data");
  });
});

describe("settings and names", () => {
  it("resolve the environment's defaults in one place", () => {
    const parsed = gcpDataSchema.parse({});
    expect(resolveGcpDataSettings(parsed, "dev")).toMatchObject({
      deletionProtection: false,
      redis: { tier: "BASIC", persistence: "DISABLED" },
      kafka: { vcpuCount: 3, memoryGib: 3 },
      objectStore: { versioning: false },
    });
    expect(resolveGcpDataSettings(parsed, "prod")).toMatchObject({
      deletionProtection: true,
      redis: { tier: "STANDARD_HA", persistence: "RDB" },
      kafka: { vcpuCount: 3, memoryGib: 12 },
      objectStore: { versioning: true },
    });
    const explicit = gcpDataSchema.parse({ redis: { tier: "BASIC" }, deletionProtection: false });
    expect(resolveGcpDataSettings(explicit, "prod")).toMatchObject({
      deletionProtection: false,
      redis: { tier: "BASIC" },
    });
  });

  it("keep GCP ids within their limits, deterministic and distinct", () => {
    const long = "a-very-long-tenant-identifier-that-goes-on-and-on";
    expect(redisInstanceId("main", long)).toHaveLength(40);
    expect(redisInstanceId("main", long)).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    expect(redisInstanceId("main", long)).not.toBe(redisInstanceId("main", `${long}-2`));
    expect(cellAccountId("main", long).length).toBeLessThanOrEqual(30);
    expect(cellAccountId("main", "a")).toMatch(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    expect(bucketName("openim-acme", "p1")).toBe(bucketName("openim-acme", "p1"));
    expect(bucketName("openim-acme", "p1")).not.toBe(bucketName("openim-acme", "p2"));
    expect(bucketName("x".repeat(80), "p1").length).toBeLessThanOrEqual(63);
    expect(boundedId("9-Cell_ID-", 63)).toBe("cell-id");
  });

  it("admit the private services range for Redis, the node subnet for Kafka, and only 443 of the world for Storage", () => {
    const cluster = { network: { nodesCidr: "10.10.0.0/22" } } as GcpTargetConfig;
    const network = gcpDataNetwork(cluster, "10.30.0.0/20");
    expect(network("redis")).toEqual({ cidrs: ["10.30.0.0/20"], ports: [6379] });
    expect(network("kafka")).toEqual({ cidrs: ["10.10.0.0/22"], ports: [9092] });
    expect(network("objectStore")).toEqual({ cidrs: ["0.0.0.0/0"], ports: [443] });
    expect(() => network("mongodb")).toThrow(/no managed MongoDB/);
  });
});

/** Each case breaks the valid gcp-dev config one way under `target.data`; the message names the field and the fix. */
const badData: Array<[string, (raw: Raw) => void, string, RegExp]> = [
  [
    "Kafka below the smallest cluster",
    (r) => (r.target.data = { kafka: { vcpuCount: 2 } }),
    "im-platform:target.data.kafka.vcpuCount",
    /at least 3/,
  ],
  [
    "Kafka memory above 8 GiB per vCPU",
    (r) => (r.target.data = { kafka: { vcpuCount: 3, memoryGib: 30 } }),
    "im-platform:target.data.kafka.memoryGib",
    /1 to 8 GiB per vCPU: between 3 and 24/,
  ],
  [
    "private services range overlapping the nodes",
    (r) => (r.target.data = { privateServiceAccessCidr: "10.10.0.0/24" }),
    "im-platform:target.data.privateServiceAccessCidr",
    /overlaps network.nodesCidr/,
  ],
  [
    "private services range too small",
    (r) => (r.target.data = { privateServiceAccessCidr: "10.30.0.0/28" }),
    "im-platform:target.data.privateServiceAccessCidr",
    /between \/16 and \/24/,
  ],
  [
    "unknown Redis tier",
    (r) => (r.target.data = { redis: { tier: "PREMIUM" } }),
    "im-platform:target.data.redis.tier",
    /STANDARD_HA/,
  ],
  [
    "Redis memory of zero",
    (r) => (r.target.data = { redis: { memorySizeGb: 0 } }),
    "im-platform:target.data.redis.memorySizeGb",
    /1/,
  ],
  [
    "maintenance hour past midnight",
    (r) => (r.target.data = { redis: { maintenanceWindow: { hour: 24 } } }),
    "im-platform:target.data.redis.maintenanceWindow.hour",
    /23/,
  ],
  [
    "typo in a data key",
    (r) => (r.target.data = { redis: { memorySize: 2 } }),
    "im-platform:target.data.redis.memorySize",
    /did you mean "memorySizeGb"/,
  ],
  [
    "bootstrap address without a port",
    (r) => (r.target.data = { kafka: { bootstrapAddresses: { pooled: "bootstrap.example" } } }),
    "im-platform:target.data.kafka.bootstrapAddresses.pooled",
    /host:port/,
  ],
  [
    "bootstrap address for a data set the stack lacks",
    (r) => (r.target.data = { kafka: { bootstrapAddresses: { initech: "b.example:9092" } } }),
    "im-platform:target.data.kafka.bootstrapAddresses.initech",
    /names no data set of this stack; use one of "pooled"/,
  ],
];

describe("data config validation", () => {
  it.each(badData)("%s", (_title, edit, path, message) => {
    const raw = deepClone(gcpRawConfig("gcp-dev"));
    edit(raw);
    expectIssueAt(raw, path, message);
  });

  it("accepts a full data section and a bootstrap address for a dedicated data set", () => {
    const full = deepClone(gcpRawConfig("gcp-dev"));
    full.target.data = {
      privateServiceAccessCidr: "10.40.0.0/24",
      deletionProtection: true,
      redis: { memorySizeGb: 5, version: "REDIS_7_2", tier: "STANDARD_HA", persistence: "RDB" },
      kafka: { vcpuCount: 6, memoryGib: 24, rebalance: "NO_REBALANCE" },
      objectStore: { versioning: true, corsOrigins: ["https://chat.example.com"] },
    };
    const valid = validateStackConfig(full);
    expect(valid.ok, JSON.stringify(!valid.ok && valid.issues)).toBe(true);
    const raw = deepClone(gcpRawConfig("gcp-prod"));
    raw.tenants.find((tenant: Raw) => tenant.id === "initech").dedicatedData = true;
    raw.target.data = {
      kafka: { bootstrapAddresses: { initech: "bootstrap-abc.def.europe-west1.managedkafka.s.cloud.goog:9092" } },
    };
    const result = validateStackConfig(raw);
    expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
  });
});
