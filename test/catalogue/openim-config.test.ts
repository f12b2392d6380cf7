import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { leafKeys } from "../../components/catalogue/openim/config/keys";
import { OPENIM_QUEUES, OPENIM_SECRET_ENV } from "../../components/catalogue/openim/config/files";
import { CATALOGUES } from "../../components/catalogue/registry";
import { BINDING_SECRET_KEYS } from "../../components/core/bindings";
import { synthesize, type SynthResource, type SynthResult } from "../../scripts/synth/synthesize";
import { localRawConfig, meta, ofType, T, toStackConfig } from "../helpers/stack";

interface KeyFixture {
  readonly source: { readonly tag: string; readonly commit: string };
  readonly files: Record<string, string[]>;
}
// Written by scripts/openim/config-keys.ts from the config folder of OpenIM Server at the pinned tag.
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/openim-config-keys.json"), "utf8")) as KeyFixture;
const CELLS = ["acme", "globex", "initech"] as const;
type Cell = (typeof CELLS)[number];

let local: SynthResult;
beforeAll(async () => {
  local = await synthesize(toStackConfig(localRawConfig()), "local");
});

const appConfig = (cell: Cell): Record<string, unknown> => {
  const [configMap] = ofType(local.resources, T.configMap, `im-t-${cell}`).filter(
    (c) => meta(c).name === "im-app-config",
  );
  const files = (configMap!.inputs as { data: Record<string, string> }).data;
  return Object.fromEntries(Object.entries(files).map(([file, text]) => [file, parse(text) as unknown]));
};
/** A Secret's values: under the mocks a secret input arrives wrapped with Pulumi's secret signature. */
const secretValues = (secret: SynthResource): Record<string, string> => {
  const data = secret.inputs.stringData as Record<string, unknown>;
  return ("value" in data ? data.value : data) as Record<string, string>;
};
const dataSecret = (cell: Cell) =>
  secretValues(
    ofType(local.resources, "kubernetes:core/v1:Secret", `im-t-${cell}`).find((s) => meta(s).name === "im-data")!,
  );
const file = (cell: Cell, name: string) => appConfig(cell)[name] as Record<string, any>;

describe(`OpenIM's config, rendered per cell against ${fixture.source.tag}`, () => {
  it("holds exactly the files the services load, each with exactly the keys the server's own files have", () => {
    for (const cell of CELLS) {
      const rendered = appConfig(cell);
      expect(Object.keys(rendered).sort()).toEqual(Object.keys(fixture.files).sort());
      for (const [name, keys] of Object.entries(fixture.files))
        expect(leafKeys(rendered[name]), `${cell} ${name}`).toEqual(keys);
    }
  });

  it("overrides secrets through variables the loader maps onto real keys, and never writes one in the ConfigMap", () => {
    const prefixOf = (name: string) =>
      `IMENV_${name
        .replace(/\.yml$/, "")
        .replaceAll("-", "_")
        .toUpperCase()}_`;
    for (const variable of Object.keys(OPENIM_SECRET_ENV)) {
      const owner = Object.keys(fixture.files).find((name) => variable.startsWith(prefixOf(name)));
      expect(owner, variable).toBeDefined();
      const key = variable.slice(prefixOf(owner!).length);
      expect(
        fixture.files[owner!]!.map((k) => k.replaceAll(".", "_").toUpperCase()),
        variable,
      ).toContain(key);
    }
    for (const cell of CELLS) {
      // User names and access key ids are identities, not secrets: they may appear in the files.
      const identities: string[] = [BINDING_SECRET_KEYS.kafkaUsername, BINDING_SECRET_KEYS.objectStoreAccessKey];
      const secrets = Object.entries(dataSecret(cell))
        .filter(([key]) => !identities.includes(key))
        .map(([, value]) => value);
      expect(secrets.length).toBeGreaterThanOrEqual(6);
      const text = JSON.stringify(appConfig(cell));
      for (const value of secrets) expect(text.includes(value), `${cell}: a secret value in im-app-config`).toBe(false);
      for (const key of Object.values(OPENIM_SECRET_ENV)) expect(dataSecret(cell)[key], `${cell} ${key}`).toBeTruthy();
    }
  });

  it("discovers through etcd (v3.8.3 refuses 'kubernetes'), on fixed ports the pods declare", () => {
    for (const cell of CELLS) {
      expect(file(cell, "discovery.yml").enable).toBe("etcd");
      for (const [name, content] of Object.entries(appConfig(cell))) {
        const rpc = (content as { rpc?: { autoSetPorts?: boolean } }).rpc;
        if (rpc) expect(rpc.autoSetPorts, `${cell} ${name}`).toBe(false);
      }
    }
  });
});

describe("what keeps one tenant's instance from another's", () => {
  const isolating: Record<string, (cell: Cell) => unknown> = {
    database: (cell) => file(cell, "mongodb.yml").database,
    "MongoDB user": (cell) => file(cell, "mongodb.yml").username,
    "Redis instance": (cell) => file(cell, "redis.yml").address.join(","),
    "topic prefix": (cell) => file(cell, "kafka.yml").toRedisTopic,
    "consumer group": (cell) => file(cell, "kafka.yml").toMongoGroupID,
    "Kafka user": (cell) => file(cell, "kafka.yml").username,
    bucket: (cell) => file(cell, "minio.yml").bucket,
    "discovery root": (cell) => file(cell, "discovery.yml").etcd.rootDirectory,
    "etcd user": (cell) => file(cell, "discovery.yml").etcd.username,
    "server secret": (cell) => dataSecret(cell)[BINDING_SECRET_KEYS.serverSecret],
    "MongoDB password": (cell) => dataSecret(cell)[BINDING_SECRET_KEYS.mongodbPassword],
    "Redis password": (cell) => dataSecret(cell)[BINDING_SECRET_KEYS.redisPassword],
    "object store key": (cell) => dataSecret(cell)[BINDING_SECRET_KEYS.objectStoreSecretKey],
  };

  it.each(Object.keys(isolating))("no two cells share a %s", (what) => {
    const values = CELLS.map((cell) => isolating[what]!(cell));
    for (const value of values) expect(value).toBeTruthy();
    expect(new Set(values).size).toBe(CELLS.length);
  });

  it("names each cell's four topics under its prefix, and its bootstrap creates exactly those", () => {
    expect(CATALOGUES.openim.queues).toEqual(OPENIM_QUEUES);
    for (const cell of CELLS) {
      const kafka = file(cell, "kafka.yml");
      const topics = OPENIM_QUEUES.map((queue) => kafka[`${queue}Topic`] as string);
      expect(topics).toEqual(OPENIM_QUEUES.map((queue) => `${cell}.${queue}`));
      const job = ofType(local.resources, "kubernetes:batch/v1:Job", "im-data").find(
        (j) => meta(j).name === `bootstrap-${cell}`,
      )!;
      const script = JSON.stringify(job.inputs.spec);
      const created = [...script.matchAll(/--create --if-not-exists --topic (\S+)/g)].map((match) => match[1]);
      expect(created.sort()).toEqual([...topics].sort());
      expect(script).toContain(`--resource-pattern-type prefixed`);
    }
  });

  it("derives the same credentials again from the same seed, so an update rotates nothing", async () => {
    const again = await synthesize(toStackConfig(localRawConfig()), "local");
    const before = dataSecret("acme");
    const after = secretValues(
      ofType(again.resources, "kubernetes:core/v1:Secret", "im-t-acme").find((s) => meta(s).name === "im-data")!,
    );
    expect(after).toEqual(before);
  });

  it("gives other credentials for another seed", async () => {
    const raw = localRawConfig();
    raw.secretSeed = "another-seed-of-at-least-thirty-two-characters";
    const other = await synthesize(toStackConfig(raw), "local");
    const otherSecret = secretValues(
      ofType(other.resources, "kubernetes:core/v1:Secret", "im-t-acme").find((s) => meta(s).name === "im-data")!,
    );
    expect(otherSecret[BINDING_SECRET_KEYS.serverSecret]).not.toBe(
      dataSecret("acme")[BINDING_SECRET_KEYS.serverSecret],
    );
  });
});
