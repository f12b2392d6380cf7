import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlatformConfig } from "../../../components/config/types";
import { parseStackConfig } from "../../../components/stack/load";
import type { StackConfig } from "../../../components/stack/types";
import { validateStackConfig } from "../../../components/stack/validate";
import type {
  DataServices,
  ManagedCellData,
  ManagedDataKind,
  ManagedDataSetRequest,
  ManagedMongo,
} from "../../../components/targets/capabilities";
import { awsTarget } from "../../../components/targets/aws/definition";
import { keyFor, type AwsDataContext } from "../../../components/targets/aws/data/context";
import { awsDataIssues } from "../../../components/targets/aws/data/facts";
import { elasticacheToken, physicalName } from "../../../components/targets/aws/data/names";
import { DOCDB_URI_OPTIONS } from "../../../components/targets/aws/data/mongodb";
import { awsSecurityRules } from "../../../components/targets/aws/rules";
import type { AwsPlan } from "../../../components/targets/aws/plan";
import type { TargetPlan } from "../../../components/targets/plan";
import type { AwsTargetConfig } from "../../../components/targets/aws/schema";
import { fromSynth } from "../../../scripts/check/load";
import { runPacks } from "../../../scripts/check/run";
import { ALL_PACKS } from "../../../policies/rules/packs";
import { synthesize, type SynthResource } from "../../../scripts/synth/synthesize";
import { deepClone, sampleRawConfig, sampleWithDataInCluster, toStackConfig } from "../../helpers/stack";

type Any = Record<string, any>;
type Raw = Record<string, any>;

const T = {
  key: "aws:kms/key:Key",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  subnet: "aws:ec2/subnet:Subnet",
  redis: "aws:elasticache/replicationGroup:ReplicationGroup",
  redisSubnets: "aws:elasticache/subnetGroup:SubnetGroup",
  msk: "aws:msk/cluster:Cluster",
  mskConfig: "aws:msk/configuration:Configuration",
  topic: "aws:msk/topic:Topic",
  docdb: "aws:docdb/cluster:Cluster",
  docdbInstance: "aws:docdb/clusterInstance:ClusterInstance",
  docdbParams: "aws:docdb/clusterParameterGroup:ClusterParameterGroup",
  docdbSubnets: "aws:docdb/subnetGroup:SubnetGroup",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: "aws:s3/bucket:Bucket",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  publicBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  cors: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  user: "aws:iam/user:User",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  accessKey: "aws:iam/accessKey:AccessKey",
  dataSet: "im-platform:targets:AwsDataSet",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
} as const;

const mockArn = (module: string, kind: string, name: string) =>
  `arn:aws:${module}:synth-region-1:000000000000:${kind}/${name}`;
const DATA_KEY = mockArn("kms", "key", "main-cluster-keys-data");
const INITECH_KEY = mockArn("kms", "key", "main-cluster-keys-tenant-initech");
const NODES_SG = "main-cluster-firewall-nodes-id";
// The kit's passwords are base64url: `_` is among them, which ElastiCache refuses in a token.
const REDIS_PASSWORD = "Abc_defGHI-jkl_mnoPQR0123456789xy";
const QUEUES = ["toRedis", "toMongo", "toPush", "toOfflinePush"];
const CELLS: ReadonlyArray<{ cell: string; bucket: string; keyTenant?: string }> = [
  { cell: "acme", bucket: "openim-acme-0a1b2c3d" },
  { cell: "initech", bucket: "openim-initech-0a1b2c3d", keyTenant: "initech" },
];

/** The sample stack with its data in the cluster: the baseline these tests switch to managed themselves. */
const inClusterRaw = (stack: string): Raw => sampleWithDataInCluster(stack);

/** The sample stack, validated with its data in the cluster, then switched to managed data (as the target sees it). */
function managedConfig(stack: string, patch: (raw: Raw) => void = () => undefined): StackConfig {
  const raw = inClusterRaw(stack);
  patch(raw);
  const config = parseStackConfig(raw);
  return { ...config, data: { ...config.data, mode: "managed" } } as StackConfig;
}

/** The AWS target of a validated stack, built as the program builds it. */
function buildTarget(config: StackConfig) {
  const target = config.targets[0]!;
  return awsTarget.build("main-cluster", {
    plan: target.plan as TargetPlan<AwsPlan>,
    cluster: target.cluster as AwsTargetConfig,
    platform: config,
  });
}

function request(kinds: readonly ManagedDataKind[]): ManagedDataSetRequest {
  return {
    name: "main-data-pooled",
    dataSet: "pooled",
    kinds,
    partitions: 8,
    mongodbAdminPassword: pulumi.secret("mongo-admin-password"),
    cells: CELLS.map((cell) => ({
      ...cell,
      redisPassword: pulumi.secret(REDIS_PASSWORD),
      kafkaPassword: pulumi.secret("unused-by-msk-unauthenticated"),
      topics: QUEUES.map((queue) => `${cell.cell}.${queue}`),
      consumerGroups: [`${cell.cell}.redis`],
    })),
  };
}

interface Provisioned {
  readonly resources: SynthResource[];
  readonly services: DataServices;
  readonly cells: Record<string, ManagedCellData>;
  readonly mongodb?: ManagedMongo;
  readonly values: Record<string, unknown>;
}

/** A secret input as the mocks record it: wrapped, with Pulumi's secret signature. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: string) => ({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

const valueOf = <V>(output: pulumi.Output<V>): Promise<V> => new Promise((resolve) => output.apply(resolve));

/** Builds the AWS target under the strict mocks, then asks its data capability for one data set. */
async function provision(stack: string, kinds: readonly ManagedDataKind[], config = managedConfig(stack)) {
  let services: DataServices | undefined;
  const cells: Record<string, ManagedCellData> = {};
  let mongodb: ManagedMongo | undefined;
  const pending: Record<string, Promise<unknown>> = {};
  const result = await synthesize(toStackConfig(sampleRawConfig(stack)), stack, () => {
    const built = buildTarget(config);
    services = built.data;
    if (!services) throw new Error("the AWS target offers no data capability");
    const set = services.provision(request(kinds), { parent: built as unknown as pulumi.Resource });
    expect(set.resources.length).toBeGreaterThan(1);
    for (const { cell } of CELLS) {
      const data = set.cell(cell);
      cells[cell] = data;
      if (data.redis) {
        pending[`${cell}.redis.addresses`] = valueOf(data.redis.addresses);
        if (data.redis.password) pending[`${cell}.redis.password`] = valueOf(data.redis.password);
      }
      if (data.kafka) pending[`${cell}.kafka.addresses`] = valueOf(data.kafka.addresses);
      if (data.objectStore) {
        pending[`${cell}.objects.id`] = valueOf(data.objectStore.accessKeyId);
        pending[`${cell}.objects.secret`] = valueOf(data.objectStore.secretAccessKey);
      }
    }
    mongodb = set.mongodb;
    if (mongodb) pending["mongodb.hosts"] = valueOf(mongodb.hosts);
  });
  const values: Record<string, unknown> = {};
  for (const [key, promise] of Object.entries(pending)) values[key] = await promise;
  return { resources: result.resources, services: services!, cells, mongodb, values } as Provisioned;
}

const ALL: ManagedDataKind[] = ["redis", "kafka", "mongodb", "objectStore"];
const sets: Record<string, Provisioned> = {};
beforeAll(async () => {
  sets["aws-dev"] = await provision("aws-dev", ALL);
  sets["aws-prod"] = await provision("aws-prod", ALL);
}, 240_000);

const all = (stack: string, type: string): SynthResource[] => sets[stack]!.resources.filter((r) => r.type === type);
const named = (stack: string, type: string, name: string): Any => {
  const found = all(stack, type).find((r) => r.name === name);
  if (!found)
    throw new Error(
      `${type} ${name} not in ${stack}: ${all(stack, type)
        .map((r) => r.name)
        .join(", ")}`,
    );
  return found.inputs;
};
const privateSubnetIds = ["a", "b", "c"].map((zone) => `main-cluster-network-private-eu-west-1${zone}-id`);

describe("the AWS target's data facts", () => {
  it("runs all four kinds managed with no partition cap, and nothing in plaintext", () => {
    const config = managedConfig("aws-dev");
    const target = config.targets[0]!;
    expect(awsTarget.managedData!(target.cluster as AwsTargetConfig, config)).toEqual({
      kinds: ["redis", "kafka", "mongodb", "objectStore"],
      redisTlsOnly: true,
      sharedAccess: { kafka: expect.stringMatching(/without client authentication/) },
    });
    expect(sets["aws-dev"]!.services.kinds).toEqual(["redis", "kafka", "mongodb", "objectStore"]);
    expect(sets["aws-dev"]!.services.plaintext).toEqual({});
  });

  it("admits each kind's port on the private subnets, and the object store's HTTPS anywhere (S3's public API)", () => {
    const { services } = sets["aws-dev"]!;
    const subnets = ["10.40.0.0/19", "10.40.32.0/19", "10.40.64.0/19"];
    expect(services.network("redis")).toEqual({ cidrs: subnets, ports: [6379] });
    expect(services.network("kafka")).toEqual({ cidrs: subnets, ports: [9094] });
    expect(services.network("mongodb")).toEqual({ cidrs: subnets, ports: [27017] });
    expect(services.network("objectStore")).toEqual({ cidrs: ["0.0.0.0/0"], ports: [443] });
  });

  it("offers no data capability and makes no data key unless the stack runs managed data", async () => {
    const config = parseStackConfig(inClusterRaw("aws-dev"));
    let offered: DataServices | undefined;
    const result = await synthesize(toStackConfig(inClusterRaw("aws-dev")), "aws-dev", () => {
      offered = buildTarget(config).data;
    });
    expect(offered).toBeUndefined();
    expect(result.resources.filter((r) => r.type === T.endpoint)).toEqual([]);
    expect(result.resources.filter((r) => r.type === T.key).map((r) => r.name)).not.toContain("main-cluster-keys-data");
  });
});

describe.each(["aws-dev", "aws-prod"])("%s managed data", (stack) => {
  const prod = stack === "aws-prod";

  it("has a rotating data key of its own, and parents everything under one data set component", () => {
    expect(named(stack, T.key, "main-cluster-keys-data")).toMatchObject({ enableKeyRotation: true });
    expect(all(stack, T.dataSet).map((r) => r.name)).toEqual(["main-data-pooled"]);
    const cloud = sets[stack]!.resources.filter(
      (r) => r.name.startsWith("main-data-pooled-") && !r.type.startsWith("im-platform:"),
    );
    expect(cloud.length).toBeGreaterThan(30);
  });

  it("gives each service a security group admitting only its port, only from the nodes' group", () => {
    const groups = all(stack, T.sg).filter((r) => r.name.startsWith("main-data-pooled-"));
    expect(groups.map((r) => r.name).sort()).toEqual([
      "main-data-pooled-kafka",
      "main-data-pooled-mongodb",
      "main-data-pooled-redis",
    ]);
    const rules = all(stack, T.ingress).filter((r) => r.name.startsWith("main-data-pooled-"));
    expect(rules.map((r) => [r.name, r.inputs.fromPort, r.inputs.toPort, r.inputs.referencedSecurityGroupId])).toEqual(
      expect.arrayContaining([
        ["main-data-pooled-redis-from-nodes", 6379, 6379, NODES_SG],
        ["main-data-pooled-kafka-from-nodes", 9094, 9094, NODES_SG],
        ["main-data-pooled-mongodb-from-nodes", 27017, 27017, NODES_SG],
      ]),
    );
    expect(rules).toHaveLength(3);
    for (const rule of rules) expect(rule.inputs.cidrIpv4).toBeUndefined();
  });

  describe("Redis (ElastiCache)", () => {
    it.each(CELLS)(
      "gives cell $cell a Valkey group of its own, TLS only, with an AUTH token",
      ({ cell, keyTenant }) => {
        const group = named(stack, T.redis, `main-data-pooled-redis-${cell}`);
        expect(group).toMatchObject({
          engine: "valkey",
          engineVersion: "8.0",
          clusterMode: "disabled",
          atRestEncryptionEnabled: true,
          kmsKeyId: keyTenant ? INITECH_KEY : DATA_KEY,
          transitEncryptionEnabled: true,
          transitEncryptionMode: "required",
          authToken: secret(elasticacheToken(REDIS_PASSWORD)),
          port: 6379,
          maintenanceWindow: "sun:03:00-sun:04:00",
          securityGroupIds: ["main-data-pooled-redis-id"],
        });
        expect(group.authToken.value).not.toContain("_");
        expect(group.replicationGroupId).toMatch(new RegExp(`^im-${cell}-redis-[0-9a-f]{8}$`));
        expect(group.replicationGroupId.length).toBeLessThanOrEqual(40);
      },
    );

    it(
      prod
        ? "fails over to a replica in another zone and keeps a week of snapshots"
        : "is a single node without snapshots",
      () => {
        const group = named(stack, T.redis, "main-data-pooled-redis-acme");
        expect(group).toMatchObject(
          prod
            ? {
                numCacheClusters: 2,
                automaticFailoverEnabled: true,
                multiAzEnabled: true,
                snapshotRetentionLimit: 7,
                snapshotWindow: "01:00-02:00",
                nodeType: "cache.m7g.large",
              }
            : {
                numCacheClusters: 1,
                automaticFailoverEnabled: false,
                multiAzEnabled: false,
                snapshotRetentionLimit: 0,
              },
        );
        expect(group.finalSnapshotIdentifier === undefined).toBe(!prod);
      },
    );

    it("lives in the private subnets, and binds each cell to its primary over TLS with the token it was given", () => {
      expect(named(stack, T.redisSubnets, "main-data-pooled-redis").subnetIds).toEqual(privateSubnetIds);
      const { cells, values } = sets[stack]!;
      expect(cells.acme!.redis!.tls).toBe(true);
      const id = named(stack, T.redis, "main-data-pooled-redis-acme").replicationGroupId;
      expect(values["acme.redis.addresses"]).toEqual([`master.${id}.cache.synth.invalid:6379`]);
      expect(values["acme.redis.password"]).toBe("Abc-defGHI-jkl-mnoPQR0123456789xy");
    });
  });

  describe("Kafka (MSK)", () => {
    it("spreads brokers over the zones' private subnets, TLS to clients and between brokers, no public access", () => {
      const cluster = named(stack, T.msk, "main-data-pooled-kafka");
      expect(cluster).toMatchObject({
        kafkaVersion: "3.8.x",
        numberOfBrokerNodes: 3,
        brokerNodeGroupInfo: {
          instanceType: prod ? "kafka.m7g.large" : "kafka.t3.small",
          clientSubnets: privateSubnetIds,
          securityGroups: ["main-data-pooled-kafka-id"],
          storageInfo: { ebsStorageInfo: { volumeSize: prod ? 100 : 20 } },
          connectivityInfo: { publicAccess: { type: "DISABLED" } },
        },
        encryptionInfo: {
          encryptionAtRestKmsKeyArn: DATA_KEY,
          encryptionInTransit: { clientBroker: "TLS", inCluster: true },
        },
        clientAuthentication: { unauthenticated: true },
        configurationInfo: { arn: mockArn("msk", "configuration", "main-data-pooled-kafka"), revision: 1 },
      });
      expect(cluster.clientAuthentication.sasl).toBeUndefined();
    });

    it("logs brokers into an encrypted group and lets no topic appear by accident", () => {
      const cluster = named(stack, T.msk, "main-data-pooled-kafka");
      const logs = named(stack, T.logGroup, "main-data-pooled-kafka");
      expect(logs).toMatchObject({
        name: `/aws/msk/${cluster.clusterName}`,
        kmsKeyId: mockArn("kms", "key", "main-cluster-keys-logs"),
      });
      expect(cluster.loggingInfo).toEqual({ brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: logs.name } } });
      const properties = named(stack, T.mskConfig, "main-data-pooled-kafka").serverProperties.split("\n");
      expect(properties).toEqual(
        expect.arrayContaining([
          "auto.create.topics.enable=false",
          "default.replication.factor=3",
          "min.insync.replicas=2",
          `log.retention.hours=${prod ? 168 : 24}`,
        ]),
      );
    });

    it("creates each cell's four topics with the request's partitions, three replicas each", () => {
      const topics = all(stack, T.topic);
      expect(topics.map((t) => t.inputs.name).sort()).toEqual(
        CELLS.flatMap(({ cell }) => QUEUES.map((queue) => `${cell}.${queue}`)).sort(),
      );
      for (const topic of topics) {
        expect(topic.inputs).toMatchObject({
          clusterArn: mockArn("msk", "cluster", "main-data-pooled-kafka"),
          partitionCount: 8,
          replicationFactor: 3,
        });
        expect(JSON.parse(topic.inputs.configs as string)).toEqual({ "min.insync.replicas": "2" });
      }
    });

    it("binds every cell to the TLS bootstrap brokers", () => {
      const { cells, values } = sets[stack]!;
      const name = named(stack, T.msk, "main-data-pooled-kafka").clusterName;
      expect(cells.initech!.kafka!.tls).toBe(true);
      expect(values["initech.kafka.addresses"]).toEqual(
        [1, 2, 3].map((n) => `b-${n}.${name}.kafka.synth.invalid:9094`),
      );
    });
  });

  describe("MongoDB (DocumentDB)", () => {
    it("encrypts storage with the data set's key and requires TLS through its own parameter group", () => {
      const cluster = named(stack, T.docdb, "main-data-pooled-mongodb");
      const params = named(stack, T.docdbParams, "main-data-pooled-mongodb");
      expect(params.family).toBe("docdb5.0");
      expect(params.parameters).toEqual(
        expect.arrayContaining([
          { name: "tls", value: "enabled" },
          { name: "audit_logs", value: "enabled" },
          { name: "profiler", value: "enabled" },
        ]),
      );
      expect(cluster).toMatchObject({
        engine: "docdb",
        engineVersion: "5.0.0",
        storageEncrypted: true,
        kmsKeyId: DATA_KEY,
        masterUsername: "openimadmin",
        masterPassword: secret("mongo-admin-password"),
        dbClusterParameterGroupName: params.name,
        vpcSecurityGroupIds: ["main-data-pooled-mongodb-id"],
        enabledCloudwatchLogsExports: ["audit", "profiler"],
        preferredBackupWindow: "01:00-02:00",
        preferredMaintenanceWindow: "sun:03:00-sun:04:00",
      });
      expect(named(stack, T.docdbSubnets, "main-data-pooled-mongodb").subnetIds).toEqual(privateSubnetIds);
      for (const type of ["audit", "profiler"])
        expect(named(stack, T.logGroup, `main-data-pooled-mongodb-${type}`)).toMatchObject({
          name: `/aws/docdb/${cluster.clusterIdentifier}/${type}`,
          kmsKeyId: mockArn("kms", "key", "main-cluster-keys-logs"),
        });
    });

    it(
      prod ? "keeps a week of backups, refuses deletion and runs three instances" : "runs one instance, deletable",
      () => {
        const cluster = named(stack, T.docdb, "main-data-pooled-mongodb");
        expect(cluster).toMatchObject(
          prod
            ? { backupRetentionPeriod: 7, deletionProtection: true, skipFinalSnapshot: false }
            : { backupRetentionPeriod: 1, deletionProtection: false, skipFinalSnapshot: true },
        );
        const instances = all(stack, T.docdbInstance);
        expect(instances).toHaveLength(prod ? 3 : 1);
        for (const instance of instances)
          expect(instance.inputs).toMatchObject({
            instanceClass: prod ? "db.r6g.large" : "db.t4g.medium",
            caCertIdentifier: "rds-ca-rsa2048-g1",
          });
      },
    );

    it("tells the kit how to reach it: the cluster endpoint, TLS with the RDS CAs, rs0, no retryable writes", () => {
      const { mongodb, values } = sets[stack]!;
      const id = named(stack, T.docdb, "main-data-pooled-mongodb").clusterIdentifier;
      expect(values["mongodb.hosts"]).toEqual([`${id}.cluster.docdb.synth.invalid:27017`]);
      expect(mongodb).toMatchObject({ adminUsername: "openimadmin", cellRoles: ["readWrite"] });
      expect(mongodb!.uriOptions).toEqual({
        tls: "true",
        replicaSet: "rs0",
        readPreference: "secondaryPreferred",
        retryWrites: "false",
      });
      const certificates = mongodb!.caBundle!.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
      expect(certificates.length).toBeGreaterThan(20);
    });
  });

  describe("object store (S3)", () => {
    it("routes the private subnets' S3 traffic through a gateway endpoint, not the NAT gateways", () => {
      expect(named(stack, T.endpoint, "main-cluster-s3-endpoint")).toMatchObject({
        serviceName: "com.amazonaws.eu-west-1.s3",
        vpcEndpointType: "Gateway",
        vpcId: "main-cluster-network-vpc-id",
        routeTableIds: ["a", "b", "c"].map((zone) => `main-cluster-network-private-eu-west-1${zone}-id`),
      });
    });

    it.each(CELLS)("gives cell $cell a private bucket encrypted with its key", ({ cell, bucket, keyTenant }) => {
      const name = `main-data-pooled-objects-${cell}`;
      expect(named(stack, T.bucket, name)).toMatchObject({ bucket, forceDestroy: false });
      expect(named(stack, T.sse, name).rules).toEqual([
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: keyTenant ? INITECH_KEY : DATA_KEY,
          },
          bucketKeyEnabled: true,
        },
      ]);
      expect(named(stack, T.publicBlock, name)).toMatchObject({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(named(stack, T.ownership, name).rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
      const tlsOnly = JSON.parse(named(stack, T.bucketPolicy, name).policy).Statement[0];
      expect(tlsOnly).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
      expect(named(stack, T.cors, name).corsRules[0]).toMatchObject({
        allowedMethods: ["GET", "PUT", "POST", "HEAD"],
        allowedOrigins: ["*"],
      });
      expect(all(stack, T.versioning).some((r) => r.name === name)).toBe(prod);
    });

    it.each(CELLS)(
      "gives cell $cell a user whose policy names its bucket and key alone",
      ({ cell, bucket, keyTenant }) => {
        const policy = JSON.parse(named(stack, T.userPolicy, `main-data-pooled-objects-${cell}-user`).policy);
        const resources = policy.Statement.flatMap((s: Any) => [s.Resource].flat());
        expect(resources.sort()).toEqual(
          [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`, keyTenant ? INITECH_KEY : DATA_KEY].sort(),
        );
        expect(policy.Statement.find((s: Any) => s.Sid === "CellKeyThroughS3").Condition).toEqual({
          StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
        });
        const others = CELLS.filter((other) => other.cell !== cell).map((other) => other.bucket);
        for (const other of others) expect(JSON.stringify(policy)).not.toContain(other);
      },
    );

    it("binds each cell with OpenIM's aws engine and its user's static key", () => {
      const { cells, values } = sets[stack]!;
      expect(cells.acme!.objectStore).toMatchObject({
        engine: "aws",
        region: "eu-west-1",
        bucket: "openim-acme-0a1b2c3d",
      });
      expect(values["acme.objects.id"]).toBe("main-data-pooled-objects-acme-user-id");
      expect(values["acme.objects.secret"]).toBe("synth-secret-of-main-data-pooled-objects-acme-user");
    });
  });

  it("passes the security pack with no mandatory violation", () => {
    const findings = runPacks(fromSynth(sets[stack]!.resources), ALL_PACKS).filter((f) => f.level === "mandatory");
    expect(findings.map((f) => `${f.policy} ${f.message}`)).toEqual([]);
  });
});

describe("a data set asking for some kinds", () => {
  it("creates only those", async () => {
    const set = await provision("aws-dev", ["kafka"]);
    const types = new Set(set.resources.filter((r) => r.name.startsWith("main-data-pooled")).map((r) => r.type));
    expect(types.has(T.msk)).toBe(true);
    for (const absent of [T.redis, T.docdb, T.bucket, T.user]) expect(types.has(absent)).toBe(false);
    expect(set.cells.acme).toEqual({ kafka: expect.objectContaining({ tls: true }) });
    expect(set.mongodb).toBeUndefined();
  }, 120_000);

  it("refuses a key tenant the target made no key for", () => {
    const context = { clusterName: "im-dev-main", dataKeyArn: DATA_KEY, tenantKeyArn: () => undefined };
    expect(keyFor(context as unknown as AwsDataContext, undefined)).toBe(DATA_KEY);
    expect(() => keyFor(context as unknown as AwsDataContext, "nobody")).toThrow(
      /tenant "nobody" has no key of its own on AWS target im-dev-main/,
    );
  });
});

describe("physical names", () => {
  it("are deterministic, short enough, and differ by cluster", () => {
    const a = physicalName("im-dev-main", ["a-very-long-cell-name-for-a-tenant", "redis"], 40);
    expect(a).toBe(physicalName("im-dev-main", ["a-very-long-cell-name-for-a-tenant", "redis"], 40));
    expect(a.length).toBeLessThanOrEqual(40);
    expect(a).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(a).not.toBe(physicalName("im-prod-main", ["a-very-long-cell-name-for-a-tenant", "redis"], 40));
  });

  it("turn the kit's password into a token ElastiCache accepts", () => {
    expect(elasticacheToken("ab_c-D9")).toBe("ab-c-D9");
    expect(elasticacheToken("A!&#$^<>-z")).toBe("A!&#$^<>-z");
  });
});

describe("data config validation", () => {
  /** The target's checks against the rest of the stack, with the platform switched to managed data. */
  const awsIssues = (stack: string, patch: (raw: Raw) => void, keep: readonly string[] = []) => {
    const config = managedConfig(stack, patch);
    const platform = {
      ...config,
      data: { ...config.data, managed: { keepInCluster: [...keep] } },
    } as unknown as PlatformConfig;
    const target = config.targets[0]!;
    return awsTarget.platformIssues!(target.cluster as AwsTargetConfig, platform, {
      plan: target.plan as TargetPlan<AwsPlan>,
      at: ["target"],
    });
  };
  const issueAt = (issues: ReturnType<typeof awsIssues>, path: string) =>
    issues.find((issue) => issue.path === path)?.message;

  it.each([
    ["data.redis.replicas", 0, /refused in prod: a cell's Redis needs at least 1 replica/],
    ["data.redis.snapshotRetentionDays", 0, /refused in prod: daily snapshots/],
    ["data.mongodb.instances", 1, /refused in prod: a replica must be there/],
    ["data.mongodb.backupRetentionDays", 3, /below 7/],
    // One broker in each of three zones is the three replicas prod wants.
    ["data.kafka.brokersPerZone", 1, undefined],
  ] as const)("prod: %s = %s", (field, value, message) => {
    const [, service, key] = field.split(".");
    const issues = awsIssues("aws-prod", (raw) => {
      raw.target.data = { [service!]: { [key!]: value } };
    });
    const found = issueAt(issues, `im-platform:target.${field}`);
    if (message) expect(found).toMatch(message);
    else expect(found).toBeUndefined();
  });

  it("accepts the same values in dev", () => {
    const issues = awsIssues("aws-dev", (raw) => {
      raw.target.data = { redis: { replicas: 0, snapshotRetentionDays: 0 }, mongodb: { instances: 1 } };
    });
    expect(issues).toEqual([]);
  });

  it("refuses managed Kafka and MongoDB in one zone, unless they stay in the cluster", () => {
    const oneZone = (raw: Raw) => {
      raw.target.availabilityZones = ["eu-west-1a"];
      raw.target.allowFewerZones = true;
    };
    const issues = awsIssues("aws-dev", oneZone);
    expect(
      issues.filter((issue) => issue.path === "im-platform:target.availabilityZones").map((i) => i.message),
    ).toEqual([
      expect.stringMatching(/managed Kafka \(MSK\) needs subnets in at least 2 zones.*keepInCluster/),
      expect.stringMatching(/managed MongoDB \(DocumentDB\) needs subnets in at least 2 zones/),
    ]);
    expect(awsIssues("aws-dev", oneZone, ["kafka", "mongodb"])).toEqual([]);
  });

  it("checks nothing when the data stays in the cluster", () => {
    const config = parseStackConfig(
      (() => {
        const raw = inClusterRaw("aws-prod");
        raw.target.data = { redis: { replicas: 0 } };
        return raw;
      })(),
    );
    expect(awsDataIssues(config.targets[0]!.cluster as AwsTargetConfig, config, ["target"])).toEqual([]);
  });

  it.each([
    ["redis", { nodeType: "m7g.large" }, "redis.nodeType", /is not an ElastiCache node type/],
    ["redis", { engineVersion: "8" }, "redis.engineVersion", /is not a Valkey major\.minor version/],
    ["kafka", { instanceType: "m7g.large" }, "kafka.instanceType", /is not an MSK broker type/],
    ["kafka", { version: "latest" }, "kafka.version", /is not an MSK Kafka version/],
    ["mongodb", { masterUsername: "admin" }, "mongodb.masterUsername", /DocumentDB reserves/],
    ["mongodb", { masterUsername: "9lives" }, "mongodb.masterUsername", /must start with a letter/],
    ["mongodb", { engineVersion: "4.0.0" }, "mongodb.engineVersion", /5\.0\.0|8\.0\.0/],
    ["mongodb", { backupRetentionDays: 0 }, "mongodb.backupRetentionDays", /1|too small/i],
    ["objectStore", { corsOrigins: [] }, "objectStore.corsOrigins", /1|too small/i],
  ] as const)("the schema refuses data.%s %j", (service, value, field, message) => {
    const raw = deepClone(sampleRawConfig("aws-dev")) as Raw;
    raw.target.data = { [service]: value };
    const result = validateStackConfig(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((candidate) => candidate.path === `im-platform:target.data.${field}`);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it.each([
    ["maintenanceWindow", "sunday 3am", /is not a weekly window; use the form "sun:03:00-sun:04:00"/],
    ["backupWindow", "1-2", /is not a daily window; use the form "01:00-02:00"/],
  ])("the schema refuses data.%s %j", (field, value, message) => {
    const raw = deepClone(sampleRawConfig("aws-dev")) as Raw;
    raw.target.data = { [field]: value };
    const result = validateStackConfig(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.find((issue) => issue.path === `im-platform:target.data.${field}`)?.message).toMatch(message);
  });
});

describe("the AWS data rules", () => {
  it("are registered in the AWS block", () => {
    const ids = awsSecurityRules.filter((rule) => rule.name.startsWith("aws-data-")).map((rule) => rule.id);
    expect(ids).toEqual(["IMS112", "IMS113", "IMS114", "IMS115", "IMS116"]);
  });

  it("keep DOCDB_URI_OPTIONS in the form the kit's URI builder takes", () => {
    for (const value of Object.values(DOCDB_URI_OPTIONS)) expect(typeof value).toBe("string");
  });
});
