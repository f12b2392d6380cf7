import { describe, expect, it } from "vitest";
import { renderOpenImConfig } from "../../components/catalogue/openim/config/files";
import { cellBindings } from "../../components/addons/data-tier/bindings";
import { dataSchema } from "../../components/config/data-schema";
import type { PlainResource } from "../../policies/rules/types";
import { cell, resource, TYPES } from "./fixtures";
import { messagesOf } from "./helpers";

const DATA = dataSchema.parse({});
const SECRET = "kubernetes:core/v1:Secret";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const owned = (tenant: string) => ({ "im-platform.io/binding-for": tenant, "im-platform.io/cell": tenant });

/** A cell's server config as the data tier renders it, from real bindings. */
function appConfig(tenant: string, edit: (files: Record<string, string>) => void = () => undefined): PlainResource {
  const files = { ...renderOpenImConfig(cellBindings(DATA, { cell: tenant, dataSet: "pooled" })).files };
  edit(files);
  return resource(CONFIG_MAP, `${tenant}-app-config`, {
    metadata: {
      name: "im-app-config",
      namespace: `im-t-${tenant}`,
      labels: { ...owned(tenant), "im-platform.io/catalogue": "openim" },
    },
    data: files,
  });
}

function dataSecret(
  tenant: string,
  values: Record<string, string> = { "server-secret": `${tenant}-secret-value`, "kafka-username": "im-shared-name" },
  namespace = `im-t-${tenant}`,
  plaintext: string | null = JSON.stringify({ redis: "the catalogue's Redis client has no TLS setting" }),
): PlainResource {
  return resource(SECRET, `${tenant}-data-secret-${namespace}`, {
    metadata: {
      name: "im-data",
      namespace,
      labels: owned(tenant),
      annotations: plaintext === null ? {} : { "im-platform.io/plaintext": plaintext },
    },
    stringData: values,
  });
}

const dataNamespace = resource(TYPES.namespace, "data-ns", {
  metadata: { name: "im-data", labels: { "im-platform.io/data-set": "pooled" } },
});
const dataService = (type?: string) =>
  resource(TYPES.service, "mongodb", {
    metadata: { name: "mongodb", namespace: "im-data" },
    spec: { type, clusterIP: type ? undefined : "None", ports: [{ port: 27017 }] },
  });

const compliant = (): PlainResource[] => [
  ...cell("acme"),
  ...cell("globex", { tier: "shared" }),
  appConfig("acme"),
  appConfig("globex"),
  dataSecret("acme"),
  dataSecret("globex"),
  dataNamespace,
  dataService(),
  // The provisioning copy in the data namespace is where the bootstrap reads it.
  dataSecret("acme", { "mongodb-password": "p" }, "im-data"),
];

describe("the data-tier rules", () => {
  it("pass two cells with their own bindings, secrets and a closed data namespace", () => {
    for (const policy of [
      "no-shared-data-bindings",
      "no-shared-cell-secrets",
      "cell-secrets-in-own-namespace",
      "no-public-data-endpoints",
      "plaintext-data-needs-reason",
    ])
      expect(messagesOf(policy, compliant()), policy).toEqual([]);
  });

  it.each([
    ["mongodb.yml", /shares its MongoDB database with cell "acme"/],
    ["redis.yml", /shares its Redis instance and db/],
    ["kafka.yml", /shares its Kafka topic/],
    ["minio.yml", /shares its bucket/],
    ["discovery.yml", /shares its discovery root/],
  ])("catch globex reading acme's %s", (file, expected) => {
    const acme = appConfig("acme").props["data"] as Record<string, string>;
    const resources = [
      ...compliant().filter((r) => r.name !== "globex-app-config"),
      appConfig("globex", (files) => {
        files[file] = acme[file]!;
      }),
    ];
    expect(messagesOf("no-shared-data-bindings", resources).join("\n")).toMatch(expected);
  });

  it("catch one topic shared, even when the others differ", () => {
    const resources = [
      ...compliant().filter((r) => r.name !== "globex-app-config"),
      appConfig("globex", (files) => {
        files["kafka.yml"] = files["kafka.yml"]!.replace("globex.toPush", "acme.toPush");
      }),
    ];
    expect(messagesOf("no-shared-data-bindings", resources)).toEqual([
      'cell "globex" shares its Kafka topic with cell "acme"',
    ]);
  });

  it("catch a secret value two cells hold, and let a shared identity pass", () => {
    const shared = [
      ...compliant().filter((r) => !r.name.startsWith("globex-data-secret")),
      dataSecret("globex", { "server-secret": "acme-secret-value", "kafka-username": "im-shared-name" }),
    ];
    expect(messagesOf("no-shared-cell-secrets", shared)).toEqual([
      'cell "globex" shares its secret (server-secret) with cell "acme"',
    ]);
  });

  it("take an empty value for no credential: a service the cells reach without one leaves it empty in each", () => {
    const resources = [
      ...compliant().filter((r) => !r.name.startsWith("acme-data-secret") && !r.name.startsWith("globex-data-secret")),
      dataSecret("acme", { "server-secret": "acme-secret-value", "kafka-password": "" }),
      dataSecret("globex", { "server-secret": "globex-secret-value", "kafka-password": "" }),
    ];
    expect(messagesOf("no-shared-cell-secrets", resources)).toEqual([]);
  });

  it("read secrets under Pulumi's secret envelope and from base64 data", () => {
    const wrapped = resource(SECRET, "globex-wrapped", {
      metadata: { name: "im-data", namespace: "im-t-globex", labels: owned("globex") },
      data: {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        value: { "server-secret": Buffer.from("acme-secret-value").toString("base64") },
      },
    });
    const resources = [...compliant().filter((r) => !r.name.startsWith("globex-data-secret")), wrapped];
    expect(messagesOf("no-shared-cell-secrets", resources)).toHaveLength(1);
  });

  it("catch a cell's credentials kept in another cell's namespace", () => {
    const resources = [...compliant(), dataSecret("acme", { x: "y" }, "im-t-globex")];
    expect(messagesOf("cell-secrets-in-own-namespace", resources)).toEqual([
      expect.stringMatching(/holds cell "acme"'s credentials in namespace "im-t-globex", which is cell "globex"'s/),
    ]);
  });

  it.each([["LoadBalancer"], ["NodePort"]])("catch a data Service of type %s", (type) => {
    const resources = [...compliant().filter((r) => r.name !== "mongodb"), dataService(type)];
    expect(messagesOf("no-public-data-endpoints", resources)).toEqual([
      expect.stringMatching(new RegExp(`"mongodb" is ${type}`)),
    ]);
  });

  it("catch a data NetworkPolicy admitting an address range", () => {
    const open = resource(TYPES.networkPolicy, "open", {
      metadata: { name: "open", namespace: "im-data" },
      spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] },
    });
    expect(messagesOf("no-public-data-endpoints", [...compliant(), open])).toEqual([
      expect.stringMatching(/admits 0.0.0.0\/0 into a data namespace/),
    ]);
  });

  it.each([
    ["no declaration", null, /lacks im-platform.io\/plaintext/],
    ["an empty reason", JSON.stringify({ mongodb: "" }), /mongodb runs without TLS and without a reason/],
    ["not JSON", "mongodb", /not a JSON object/],
  ])("catch plaintext with %s", (_title, plaintext, expected) => {
    const resources = [
      ...compliant().filter((r) => !r.name.startsWith("globex-data-secret")),
      dataSecret("globex", undefined, "im-t-globex", plaintext),
    ];
    expect(messagesOf("plaintext-data-needs-reason", resources).join("\n")).toMatch(expected);
  });

  describe("data volumes", () => {
    const storageClass = resource("kubernetes:storage.k8s.io/v1:StorageClass", "gp3", {
      metadata: { name: "im-gp3" },
      provisioner: "ebs.csi.aws.com",
      parameters: { encrypted: "true" },
    });
    const dataSet = (storageClassName?: string) =>
      resource(TYPES.statefulSet, "mongodb-set", {
        metadata: { name: "mongodb", namespace: "im-data" },
        spec: { volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { storageClassName } }] },
      });

    it("pass on the target's class, and where the stack declares none (an existing cluster's own)", () => {
      expect(messagesOf("data-volumes-on-stack-classes", [...compliant(), storageClass, dataSet("im-gp3")])).toEqual(
        [],
      );
      expect(messagesOf("data-volumes-on-stack-classes", [...compliant(), dataSet()])).toEqual([]);
    });

    it.each([
      ["the cluster's default", undefined, /uses the cluster's default StorageClass/],
      ["a class the stack does not declare", "standard", /"standard", which the stack does not declare/],
    ])("catch a data volume on %s", (_title, className, expected) => {
      expect(
        messagesOf("data-volumes-on-stack-classes", [...compliant(), storageClass, dataSet(className)]).join(),
      ).toMatch(expected);
    });
  });
});
