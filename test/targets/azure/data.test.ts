import * as keyvault from "@pulumi/azure-native/keyvault";
import { Provider } from "@pulumi/azure-native/provider";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { DataServices, ManagedDataSet, ManagedDataSetRequest } from "../../../components/targets/capabilities";
import { AZURE_DATA_TYPES as DATA, ENVIRONMENT_TAG } from "../../../components/targets/azure/conventions";
import { createDataZones, DATA_DNS_ZONES } from "../../../components/targets/azure/data/dns";
import { dataRules } from "../../../components/targets/azure/firewall";
import { nodeHosts } from "../../../components/targets/azure/data/mongodb";
import { dataServiceName } from "../../../components/targets/azure/data/names";
import { azureDataServices } from "../../../components/targets/azure/data/services";
import { maxPartitions, resolveDataSettings } from "../../../components/targets/azure/data/settings";
import { azureTarget } from "../../../components/targets/azure/definition";
import { AZURE_CALLS, azureState, azureId } from "../../../components/targets/azure/mocks";
import { azureDataSchema } from "../../../components/targets/azure/data/schema";
import { ROLES } from "../../../components/targets/azure/roles";
import { azureTargetSchema } from "../../../components/targets/azure/schema";
import type { PlatformConfig } from "../../../components/config/types";
import { ALL_PACKS } from "../../../policies/rules/packs";
import { runPacks } from "../../../scripts/check/run";
import { deepClone, sampleWithDataInCluster } from "../../helpers/stack";
import { expectIssueAt } from "../../helpers/config";
import { validateStackConfig } from "../../../components/stack/validate";
import { AZ, azureRawConfig, type Raw } from "./helpers";
import { synthesize } from "../../../scripts/synth/synthesize";
import { toStackConfig } from "../../helpers/stack";

type Any = Record<string, any>;
interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Any;
}

const registered: Registered[] = [];
const calls: string[] = [];

/** Pulumi's marker of a secret value in resource inputs under mocks. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Inputs as the engine shows them to policies: secrets unwrapped. */
function unwrap(value: unknown): any {
  if (Array.isArray(value)) return value.map(unwrap);
  if (typeof value !== "object" || value === null) return value;
  const object = value as Any;
  if (SECRET_SIG in object) return unwrap(object.value);
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, unwrap(item)]));
}

/** Strict mocks: an Azure type or call the target's mocks do not know fails the test. */
async function strictMocks(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const state = azureState(args);
        if (state === undefined && args.type !== "pulumi:providers:azure-native")
          throw new Error(`unknown resource type ${args.type}`);
        registered.push({ type: args.type, name: args.name, inputs: unwrap(args.inputs) as Any });
        return { id: azureId(args) ?? `${args.name}-id`, state: state ?? args.inputs };
      },
      call: (args) => {
        const call = AZURE_CALLS[args.token];
        if (!call) throw new Error(`unknown call ${args.token}`);
        calls.push(args.token);
        return call(args.inputs as Record<string, unknown>);
      },
    },
    "im-platform",
    "azure-data",
    false,
  );
}

const value = <T>(output: pulumi.Input<T> | undefined): Promise<T> =>
  new Promise((resolve) => pulumi.output(output as pulumi.Input<T>).apply((v) => resolve(v as T)));
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

const request = (environment: string, overrides: Partial<ManagedDataSetRequest> = {}): ManagedDataSetRequest => ({
  name: `${environment}-pooled`,
  dataSet: "pooled",
  kinds: ["redis", "kafka", "mongodb"],
  partitions: 8,
  mongodbAdminPassword: pulumi.secret("admin-password"),
  cells: [
    {
      cell: "acme",
      redisPassword: pulumi.secret("unused"),
      kafkaPassword: pulumi.secret("unused"),
      topics: ["acme.toRedis", "acme.toMongo", "acme.toPush", "acme.toOfflinePush"],
      consumerGroups: ["acme.redis", "acme.mongo", "acme.push", "acme.offlinePush"],
      bucket: "acme-files",
    },
    {
      cell: "vip",
      keyTenant: "vip",
      redisPassword: pulumi.secret("unused"),
      kafkaPassword: pulumi.secret("unused"),
      topics: ["vip.toRedis", "vip.toMongo", "vip.toPush", "vip.toOfflinePush"],
      consumerGroups: ["vip.redis", "vip.mongo", "vip.push", "vip.offlinePush"],
      bucket: "vip-files",
    },
  ],
  ...overrides,
});

/** The capability as the target builds it, with its keys and zones, for one environment. */
function services(environment: "dev" | "prod"): DataServices {
  const provider = new Provider(`${environment}-azure`, { subscriptionId: "s", location: "westeurope" });
  const opts = { provider };
  const scope = {
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    resourceGroupName: "im-rg",
    location: "westeurope",
    tags: { "managed-by": "im-platform", [ENVIRONMENT_TAG]: environment },
  };
  const key = (keyName: string) =>
    new keyvault.Key(
      `${environment}-key-${keyName}`,
      { resourceGroupName: "im-rg", vaultName: "im-kv", keyName, properties: { kty: "RSA" } },
      opts,
    );
  const settings = resolveDataSettings(azureDataSchema.parse({}), environment);
  return azureDataServices({
    baseName: "im-azure-main",
    salt: "s/im-rg",
    scope,
    settings,
    subnetId: "/subscriptions/s/resourceGroups/im-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/data",
    subnetCidr: "10.50.20.0/23",
    zones: createDataZones(environment, scope, { vnetId: "vnet-id", vnetName: "im-vnet" }, opts),
    platformKey: key("data"),
    tenantKeys: { vip: key("tenant-vip") },
    provider,
  });
}

const of = (environment: string, type: string) =>
  registered.filter((r) => r.type === type && r.name.startsWith(`${environment}-`));

let dev: ManagedDataSet;
let prod: ManagedDataSet;
let devServices: DataServices;

beforeAll(async () => {
  await strictMocks();
  devServices = services("dev");
  dev = devServices.provision(request("dev"), {});
  prod = services("prod").provision(request("prod"), {});
  await value(dev.cell("vip").kafka?.password);
  await value(prod.cell("vip").kafka?.password);
  await value(prod.mongodb?.hosts);
  await settle();
});

describe("Redis: Azure Managed Redis per cell", () => {
  it("gives each cell its own instance, encrypted with its key through a user-assigned identity, private and TLS 1.2", () => {
    for (const environment of ["dev", "prod"]) {
      const caches = of(environment, DATA.redis);
      expect(caches).toHaveLength(2);
      for (const cache of caches) {
        expect(cache.inputs).toMatchObject({
          publicNetworkAccess: "Disabled",
          minimumTlsVersion: "1.2",
          identity: { type: "UserAssigned" },
          encryption: {
            customerManagedKeyEncryption: {
              keyEncryptionKeyIdentity: { identityType: "userAssignedIdentity" },
              keyEncryptionKeyUrl: expect.stringMatching(/^https:\/\/im-kv\.vault\..*\/keys\/.+\/[0-9a-f]{32}$/),
            },
          },
        });
        expect(
          cache.inputs.encryption.customerManagedKeyEncryption.keyEncryptionKeyIdentity.userAssignedIdentityResourceId,
        ).toBe(cache.inputs.identity.userAssignedIdentities[0]);
      }
    }
    const keyOf = (cell: string) =>
      of("prod", DATA.redis).find((r) => r.name === `prod-pooled-${cell}-redis`)?.inputs.encryption
        .customerManagedKeyEncryption.keyEncryptionKeyUrl as string;
    expect(keyOf("acme")).toMatch(/\/keys\/data\//);
    expect(keyOf("vip")).toMatch(/\/keys\/tenant-vip\//);
  });

  it("is small and unreplicated in dev, replicated and persisted (AOF) in prod", () => {
    expect(of("dev", DATA.redis)[0]?.inputs).toMatchObject({
      sku: { name: "Balanced_B0" },
      highAvailability: "Disabled",
    });
    expect(of("prod", DATA.redis)[0]?.inputs).toMatchObject({
      sku: { name: "Balanced_B1" },
      highAvailability: "Enabled",
    });
    expect(of("dev", DATA.redisDatabase)[0]?.inputs.persistence).toEqual({ aofEnabled: false, rdbEnabled: false });
    expect(of("prod", DATA.redisDatabase)[0]?.inputs.persistence).toMatchObject({
      aofEnabled: true,
      aofFrequency: "1s",
    });
  });

  it("serves one TLS endpoint with AUTH and no eviction, and hands the access key as the password", async () => {
    for (const database of of("prod", DATA.redisDatabase))
      expect(database.inputs).toMatchObject({
        databaseName: "default",
        port: 10000,
        clientProtocol: "Encrypted",
        clusteringPolicy: "EnterpriseCluster",
        evictionPolicy: "NoEviction",
        accessKeysAuthentication: "Enabled",
      });
    const redis = prod.cell("acme").redis;
    expect(redis?.tls).toBe(true);
    expect(redis?.caBundle).toBeUndefined();
    const [address] = await value(redis?.addresses);
    expect(address).toMatch(/^im-azure-main-acme-[0-9a-f]{6}\.westeurope\.redis\.synth\.invalid:10000$/);
    expect(await value(redis?.password)).toMatch(/^synth-redis-/);
    expect(calls).toContain("azure-native:redisenterprise:listDatabaseKeys");
  });
});

describe("Kafka: an Event Hubs namespace per cell", () => {
  it("creates one event hub per cell topic with the request's partitions, and no Event Hubs consumer groups", () => {
    const hubs = of("dev", DATA.eventHub).map((hub) => hub.inputs);
    expect(hubs.map((hub) => hub.eventHubName).sort()).toEqual(
      [...request("dev").cells.flatMap((cell) => cell.topics)].sort(),
    );
    for (const hub of hubs) expect(hub.partitionCount).toBe(8);
    expect(registered.some((r) => r.type === "azure-native:eventhub:ConsumerGroup")).toBe(false);
  });

  it("is private, TLS 1.2, SAS on; Standard without BYOK in dev, Premium zone-redundant with the cell's key in prod", () => {
    for (const namespace of [...of("dev", DATA.eventHubNamespace), ...of("prod", DATA.eventHubNamespace)])
      expect(namespace.inputs).toMatchObject({
        publicNetworkAccess: "Disabled",
        minimumTlsVersion: "1.2",
        disableLocalAuth: false,
        kafkaEnabled: true,
      });
    const devNamespace = of("dev", DATA.eventHubNamespace)[0]?.inputs;
    expect(devNamespace).toMatchObject({ sku: { name: "Standard" }, zoneRedundant: false });
    expect(devNamespace?.encryption).toBeUndefined();
    const vip = of("prod", DATA.eventHubNamespace).find((r) => r.name === "prod-pooled-vip-kafka")?.inputs;
    expect(vip).toMatchObject({
      sku: { name: "Premium", capacity: 1 },
      zoneRedundant: true,
      identity: { type: "UserAssigned" },
      encryption: {
        keySource: "Microsoft.KeyVault",
        keyVaultProperties: [{ keyName: "tenant-vip", keyVaultUri: "https://im-kv.vault.synth.invalid/" }],
      },
    });
    expect(vip?.encryption.keyVaultProperties[0].keyVersion).toBeUndefined();
  });

  it("scopes each cell's SAS rule to its own namespace, Listen and Send only, and returns SASL PLAIN over TLS", async () => {
    const rules = of("prod", DATA.eventHubRule);
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect(rule.inputs.rights).toEqual(["Listen", "Send"]);
    expect(new Set(rules.map((rule) => rule.inputs.namespaceName)).size).toBe(2);
    const kafka = prod.cell("vip").kafka;
    expect(kafka).toMatchObject({ tls: true, username: "$ConnectionString" });
    const [address] = await value(kafka?.addresses);
    expect(address).toMatch(/^im-azure-main-vip-[0-9a-f]{6}\.servicebus\.windows\.net:9093$/);
    expect(await value(kafka?.password)).toMatch(/SharedAccessKeyName=openim-cell;/);
  });

  it("refuses more partitions than the tier gives, naming the limit", () => {
    expect(() => devServices.provision(request("dev", { name: "dev-too-many", partitions: 33 }), {})).toThrowError(
      /asks for 33 partitions per topic; Event Hubs Standard \(capacity 1\) gives at most 32/,
    );
  });
});

describe("MongoDB: a vCore cluster per data set", () => {
  it("is private, sized per environment, with a zone-redundant standby in prod", () => {
    const devCluster = of("dev", DATA.mongoCluster);
    expect(devCluster).toHaveLength(1);
    expect(devCluster[0]?.inputs.properties).toMatchObject({
      publicNetworkAccess: "Disabled",
      compute: { tier: "M10" },
      storage: { sizeGb: 32 },
      highAvailability: { targetMode: "Disabled" },
      administrator: { userName: "imadmin" },
    });
    expect(of("prod", DATA.mongoCluster)[0]?.inputs.properties).toMatchObject({
      compute: { tier: "M30" },
      storage: { sizeGb: 128 },
      highAvailability: { targetMode: "ZoneRedundantPreferred" },
      serverVersion: "7.0",
    });
  });

  it("gives the kit node hosts on 10260, the connection string's options, no CA bundle and vCore's cluster-wide roles", async () => {
    const mongodb = prod.mongodb;
    expect(await value(mongodb?.hosts)).toEqual([
      expect.stringMatching(/^fc-[0-9a-f-]+-000\.mongocluster\.cosmos\.azure\.com:10260$/),
    ]);
    expect(mongodb).toMatchObject({
      adminUsername: "imadmin",
      uriOptions: {
        tls: "true",
        authMechanism: "SCRAM-SHA-256",
        retrywrites: "false",
        maxIdleTimeMS: "120000",
        authSource: "admin",
      },
      cellRoles: ["readWriteAnyDatabase", "clusterAdmin"],
    });
    expect(mongodb?.caBundle).toBeUndefined();
  });

  it("reads node hosts from the zone group's records, public names, deduplicated", () => {
    expect(
      nodeHosts([
        {
          recordSets: [
            { fqdn: "fc-1-000.privatelink.mongocluster.cosmos.azure.com." },
            { fqdn: "fc-1-001.privatelink.mongocluster.cosmos.azure.com" },
          ],
        },
        { recordSets: [{ fqdn: "fc-1-000.privatelink.mongocluster.cosmos.azure.com" }, {}] },
      ]),
    ).toEqual(["fc-1-000.mongocluster.cosmos.azure.com:10260", "fc-1-001.mongocluster.cosmos.azure.com:10260"]);
    expect(nodeHosts(undefined)).toEqual([]);
  });
});

describe("private networking, keys and deletion protection", () => {
  it("puts every service behind a private endpoint in the data subnet, its records in the service's zone", () => {
    const endpoints = of("prod", "azure-native:network:PrivateEndpoint");
    const groups = endpoints.map((e) => e.inputs.privateLinkServiceConnections[0].groupIds[0]).sort();
    expect(groups).toEqual(["MongoCluster", "namespace", "namespace", "redisEnterprise", "redisEnterprise"]);
    for (const endpoint of endpoints) expect(endpoint.inputs.subnet.id).toMatch(/\/subnets\/data$/);
    const zones = registered
      .filter((r) => r.type === "azure-native:privatedns:PrivateZone" && r.name.startsWith("prod-"))
      .map((r) => r.inputs.privateZoneName)
      .sort();
    expect(zones).toEqual(Object.values(DATA_DNS_ZONES).sort());
  });

  it("grants the data set's identity wrap/unwrap on exactly the keys its cells use", () => {
    const grants = of("prod", "azure-native:authorization:RoleAssignment");
    expect(grants.map((g) => g.inputs.scope as string).sort()).toEqual([
      expect.stringMatching(/\/keys\/data$/),
      expect.stringMatching(/\/keys\/tenant-vip$/),
    ]);
    for (const grant of grants)
      expect(grant.inputs.roleDefinitionId).toMatch(new RegExp(`${ROLES.keyVaultCryptoServiceEncryptionUser}$`));
  });

  it("locks every prod data service against deletion, and nothing in dev", () => {
    const locks = of("prod", "azure-native:authorization:ManagementLockByScope");
    expect(locks.map((l) => l.inputs.level)).toEqual(Array(5).fill("CanNotDelete"));
    expect(locks.map((l) => (l.inputs.scope as string).split("/providers/")[1]?.split("/")[0]).sort()).toEqual([
      "Microsoft.Cache",
      "Microsoft.Cache",
      "Microsoft.DocumentDB",
      "Microsoft.EventHub",
      "Microsoft.EventHub",
    ]);
    expect(of("dev", "azure-native:authorization:ManagementLockByScope")).toEqual([]);
  });

  it("passes the Azure data rules in both environments; prod fails IMS218 once a lock is gone", () => {
    const plain = (environment: string) =>
      registered
        .filter((r) => r.name.startsWith(`${environment}-`))
        .map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
    const dataFindings = (resources: ReturnType<typeof plain>) =>
      runPacks(resources, ALL_PACKS).filter((finding) => finding.policy.startsWith("azure-data-"));
    expect(dataFindings(plain("dev"))).toEqual([]);
    expect(dataFindings(plain("prod"))).toEqual([]);
    const unlocked = plain("prod").filter(
      (r) =>
        !(r.type === "azure-native:authorization:ManagementLockByScope" && r.props.scope.includes("mongoClusters")),
    );
    expect(dataFindings(unlocked).map((f) => f.message)).toEqual([expect.stringMatching(/no CanNotDelete lock/)]);
  });

  it("admits cells to the data subnet on each service's port only, and nothing plaintext", () => {
    expect(devServices.network("redis")).toEqual({ cidrs: ["10.50.20.0/23"], ports: [10000] });
    expect(devServices.network("kafka")).toEqual({ cidrs: ["10.50.20.0/23"], ports: [9093] });
    expect(devServices.network("mongodb")).toEqual({ cidrs: ["10.50.20.0/23"], ports: [10260] });
    expect(() => devServices.network("objectStore")).toThrowError(/runs no managed objectStore/);
    expect(devServices.plaintext).toEqual({});
    expect(devServices.kinds).toEqual(["redis", "kafka", "mongodb"]);
    expect(() => devServices.provision(request("dev", { name: "dev-s3", kinds: ["objectStore"] }), {})).toThrowError(
      /does not offer \(OpenIM has no Blob engine\)/,
    );
    expect(() => dev.cell("nobody")).toThrowError(/cell nobody is not in data set pooled/);
  });
});

describe("names, NSG and facts", () => {
  it("makes global names that fit, start with a letter and differ by scope", () => {
    const name = dataServiceName("IM_Azure--Main-" + "x".repeat(80), "s/rg", 40);
    expect(name).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    expect(name.length).toBeLessThanOrEqual(40);
    expect(name).not.toMatch(/--/);
    expect(dataServiceName("im-a", "s/rg1", 50)).not.toBe(dataServiceName("im-a", "s/rg2", 50));
  });

  it("lets only the cluster's nodes and pods reach the data subnet, on the data ports", () => {
    const network = azureTargetSchema.parse({ ...deepClone(azureRawConfig("azure-dev").target) }).network;
    const [allow, deny] = dataRules({ network, edgePorts: [], edgeSources: [], dataPorts: [10000, 9093, 10260] });
    expect(allow).toMatchObject({
      access: "Allow",
      sources: [network.nodesCidr, network.podCidr],
      destinations: ["10.50.20.0/23"],
      ports: ["10000", "9093", "10260"],
    });
    expect(deny).toMatchObject({ access: "Deny", sources: ["*"], ports: ["*"] });
  });

  it.each([
    ["Standard", 1, 32],
    ["Premium", 1, 50],
    ["Premium", 2, 100],
    ["Premium", 16, 100],
  ] as const)("gives %s with capacity %d at most %d partitions", (sku, capacity, max) => {
    expect(maxPartitions({ sku, capacity, retentionDays: 1, zoneRedundant: true })).toBe(max);
  });

  it("states its kinds and partition limit to validation per environment", () => {
    const cluster = azureTargetSchema.parse(deepClone(azureRawConfig("azure-dev").target));
    const facts = (environment: string) =>
      azureTarget.managedData?.(cluster, { environment } as unknown as PlatformConfig);
    const sharedAccess = { mongodb: expect.stringMatching(/cluster-wide roles only/) };
    const base = { kinds: ["redis", "kafka", "mongodb"], redisTlsOnly: true, sharedAccess };
    expect(facts("dev")).toEqual({ ...base, maxPartitions: 32 });
    expect(facts("prod")).toEqual({ ...base, maxPartitions: 50 });
  });
});

type Case = [string, (raw: Raw) => void, string, RegExp];
const managed = (raw: Raw) => {
  raw.data = { ...(raw.data ?? {}), mode: "managed" };
};

/** Each case breaks a managed-data config one way; the message names the path and the fix. */
const badConfigs: Array<["azure-dev" | "azure-prod", ...Case]> = [
  [
    "azure-dev",
    "a Redis SKU that is not one",
    (r) => (r.target.data = { redis: { sku: "Premium_P1" } }),
    "im-platform:target.data.redis.sku",
    /not an Azure Managed Redis SKU; use a name like "Balanced_B1"/,
  ],
  [
    "azure-dev",
    "a vCore tier that is not one",
    (r) => (r.target.data = { mongodb: { tier: "large" } }),
    "im-platform:target.data.mongodb.tier",
    /not a vCore compute tier/,
  ],
  [
    "azure-dev",
    "Standard retention beyond 7 days",
    (r) => (r.target.data = { kafka: { retentionDays: 30 } }),
    "im-platform:target.data.kafka.retentionDays",
    /exceeds Event Hubs Standard's 7 days; lower it or use sku "Premium"/,
  ],
  [
    "azure-dev",
    "a Premium capacity Event Hubs does not sell",
    (r) => (r.target.data = { kafka: { sku: "Premium", capacity: 3 } }),
    "im-platform:target.data.kafka.capacity",
    /not a capacity of Event Hubs Premium; use one of 1, 2, 4, 8, 16/,
  ],
  [
    "azure-dev",
    "a data subnet outside the VNet",
    (r) => (r.target.network = { ...(r.target.network ?? {}), dataCidr: "10.99.0.0/24" }),
    "im-platform:target.network.dataCidr",
    /not inside network.vnetCidr/,
  ],
  [
    "azure-prod",
    "Standard Event Hubs in prod",
    (r) => (r.target.data = { kafka: { sku: "Standard" } }),
    "im-platform:target.data.kafka.sku",
    /refused in prod: Event Hubs Standard cannot encrypt with a customer-managed key/,
  ],
  [
    "azure-prod",
    "unreplicated Redis in prod",
    (r) => (r.target.data = { redis: { highAvailability: false } }),
    "im-platform:target.data.redis.highAvailability",
    /refused in prod/,
  ],
  [
    "azure-prod",
    "Redis without persistence in prod",
    (r) => (r.target.data = { redis: { persistence: "none" } }),
    "im-platform:target.data.redis.persistence",
    /refused in prod: a restart would empty the cell's Redis; use "aof" or "rdb"/,
  ],
  [
    "azure-prod",
    "vCore without a standby in prod",
    (r) => (r.target.data = { mongodb: { highAvailability: false } }),
    "im-platform:target.data.mongodb.highAvailability",
    /refused in prod: without a standby/,
  ],
];

describe("config validation of the data section", () => {
  describe.each(badConfigs)("%s: %s", (stack, _title, breakIt, path, message) => {
    it("is refused with the field and the fix", () => {
      const raw = deepClone(azureRawConfig(stack));
      managed(raw);
      breakIt(raw);
      expectIssueAt(raw, path, message);
    });
  });

  it("checks nothing of the data section while data stays in the cluster", () => {
    const raw = sampleWithDataInCluster("azure-prod");
    raw.target.data = { kafka: { sku: "Standard" } };
    raw.target.network = { ...(raw.target.network ?? {}), dataCidr: "10.99.0.0/24" };
    const result = validateStack(raw);
    expect(result.issues.filter((issue) => issue.path.startsWith("im-platform:target.data"))).toEqual([]);
    expect(result.issues.filter((issue) => issue.path.endsWith("dataCidr"))).toEqual([]);
  });
});

function validateStack(raw: Raw): { issues: Array<{ path: string; message: string }> } {
  const result = validateStackConfig(raw as Record<string, unknown>);
  return { issues: result.ok ? [] : [...result.issues] };
}

describe("the target with data.mode managed", () => {
  it("adds the data subnet behind its own NSG, the platform's data key and the three private zones", async () => {
    const raw = deepClone(azureRawConfig("azure-dev"));
    managed(raw);
    const result = await synthesize(toStackConfig(raw), "azure-dev");
    const subnet = result.resources.find((r) => r.type === AZ.subnet && r.inputs.subnetName === "data");
    expect(subnet?.inputs).toMatchObject({
      addressPrefix: "10.50.20.0/23",
      privateEndpointNetworkPolicies: "Enabled",
      networkSecurityGroup: { id: expect.stringMatching(/\/networkSecurityGroups\/im-azure-dev-main-data$/) },
    });
    const nsg = result.resources.find(
      (r) => r.type === AZ.nsg && r.inputs.networkSecurityGroupName === "im-azure-dev-main-data",
    );
    expect((nsg?.inputs as Any | undefined)?.securityRules[0]).toMatchObject({
      name: "allow-cluster-to-data",
      destinationAddressPrefix: "10.50.20.0/23",
      destinationPortRanges: ["10000", "9093", "10260"],
    });
    expect(result.resources.some((r) => r.type === AZ.key && r.inputs.keyName === "data")).toBe(true);
    expect(
      result.resources
        .filter((r) => r.type === AZ.privateZone)
        .map((r) => r.inputs.privateZoneName)
        .filter((zone) => (Object.values(DATA_DNS_ZONES) as unknown[]).includes(zone)),
    ).toHaveLength(3);
  }, 120_000);
});
