import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { deepClone, localRawConfig } from "../helpers/stack";

const run = promisify(execFile);
const TSX = path.resolve(__dirname, "../../node_modules/.bin/tsx");
const SYNTH = path.resolve(__dirname, "../../scripts/synth.ts");
const DIR = mkdtempSync(path.join(tmpdir(), "im-hostile-"));

type Raw = Record<string, any>;

/** A stack file of the local stack's keys, changed by `change`, plus raw YAML lines under `config:`. */
function stackFile(name: string, change: (raw: Raw) => void = () => undefined, extraConfigLines = ""): string {
  const raw = deepClone(localRawConfig()) as Raw;
  change(raw);
  const config = Object.fromEntries(Object.entries(raw).map(([key, value]) => [`im-platform:${key}`, value]));
  const file = path.join(DIR, `${name}.yaml`);
  writeFileSync(file, `${stringify({ config })}${extraConfigLines}`);
  return file;
}

function rawFile(name: string, text: string): string {
  const file = path.join(DIR, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Runs the offline synth as a user would: exit code, what it printed, and how many resources it registered. */
async function synth(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [SYNTH, "--config", file, "--json"], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Refused before anything registers: exit 1, each expected text in the message, no stack trace, no resources. */
async function expectRefused(file: string, expected: readonly (string | RegExp)[]): Promise<string> {
  const result = await synth(file);
  expect(result.code, result.stderr).toBe(1);
  for (const text of expected) expect(result.stderr).toMatch(text);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe("");
  return result.stderr;
}

describe.concurrent("prototype keys are refused wherever they appear, and inject nothing", () => {
  it.each([
    [
      "at the top, standing in for a missing environment",
      () =>
        stackFile("proto-top", (raw) => delete raw.environment, "  im-platform:__proto__:\n    environment: prod\n"),
      ["im-platform:__proto__: is a reserved key", "im-platform:environment: is required"],
    ],
    [
      "inside per-tenant scaling",
      () =>
        stackFile("proto-scaling", (raw) => {
          raw.tenants[0] = { ...raw.tenants[0], tier: "vip", scaling: JSON.parse('{"__proto__": {"min": 1}}') };
        }),
      ["im-platform:tenants[0].scaling.__proto__: is a reserved key"],
    ],
    [
      "constructor in the edge",
      () =>
        stackFile("constructor-edge", (raw) => {
          raw.edge.constructor = { drainSeconds: 1 };
        }),
      ["im-platform:edge.constructor: is a reserved key"],
    ],
    [
      "prototype in a service override",
      () =>
        stackFile("prototype-service", (raw) => {
          raw.services[0].prototype = "x";
        }),
      ["im-platform:services[0].prototype: is a reserved key"],
    ],
    [
      "constructor in the target's load balancer settings",
      () =>
        stackFile("constructor-target", (raw) => {
          raw.target.loadBalancer = { constructor: { a: 1 } };
        }),
      ["im-platform:target.loadBalancer.constructor: is a reserved key"],
    ],
  ])("%s", async (_title, file, expected) => {
    await expectRefused(file(), expected);
  });
});

describe.concurrent("every problem is reported at once, across the phases of validation", () => {
  it("a schema error in the edge does not hide a quota too small for a VIP cell", async () => {
    const file = stackFile("edge-and-quota", (raw) => {
      raw.edge.allowedSourceCidrs = ["not-a-range"];
      raw.tenants.push({ id: "tiny", tier: "vip", quota: { cpu: "10m", memory: "1Mi", pods: 1 } });
    });
    await expectRefused(file, [
      "im-platform:edge.allowedSourceCidrs[0]",
      "im-platform:tenants[3].quota.cpu",
      "im-platform:tenants[3].quota.pods",
    ]);
  });

  it("a wrong target key does not hide per-tenant scaling beyond its bounds", async () => {
    const file = stackFile("target-and-scaling", (raw) => {
      raw.target.sharedNodePol = true;
      raw.tenants.push({ id: "bursty", tier: "vip", scaling: { msggateway: { min: 9, max: 2 } } });
    });
    await expectRefused(file, [
      "im-platform:target.sharedNodePol",
      /did you mean "sharedNodePool"/,
      "im-platform:tenants[3].scaling.msggateway.min",
    ]);
  });
});

describe.concurrent("stack files that are not valid YAML name the file, line and column, and nothing else", () => {
  it.each([
    [
      "unclosed",
      "an unclosed flow sequence",
      "config:\n  im-platform:environment: dev\n  im-platform:tenants: [1, 2\n",
      /unclosed\.yaml:4:1: Flow sequence/,
    ],
    [
      "duplicate",
      "a duplicate key",
      "config:\n  im-platform:environment: dev\n  im-platform:environment: prod\n",
      /duplicate\.yaml:3:3: Map keys must be unique/,
    ],
    ["tab", "a tab as indentation", "config:\n\tim-platform:environment: dev\n", /tab\.yaml:2:1: Tabs are not allowed/],
    [
      "compact",
      "a nested mapping in a compact one",
      "config:\n  im-platform:environment: dev: prod\n",
      /compact\.yaml:2:\d+: Nested mappings/,
    ],
    ["top", "a list at the top", "- config\n", /top\.yaml:1:1: the stack file must be a mapping/],
  ])("%s: %s", async (name, _title, text, expected) => {
    const file = rawFile(name, text);
    const message = await expectRefused(file, [expected]);
    expect(message.trim().split("\n")).toHaveLength(1);
  });

  it("accepts merge keys as Pulumi's own reader does", async () => {
    const base = await synth(stackFile("plain"));
    const merged = stackFile("merged", (raw) => {
      delete raw.edge;
    });
    const raw = deepClone(localRawConfig()) as Raw;
    const withAnchor = `defaults: &edge\n${stringify(raw.edge).replace(/^/gm, "  ").trimEnd()}\n${readFileSync(merged, "utf8")}  im-platform:edge:\n    <<: *edge\n`;
    const result = await synth(rawFile("anchored", withAnchor));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).resources).toEqual(JSON.parse(base.stdout).resources);
  });

  it("a missing file is named, without a stack trace", async () => {
    await expectRefused(path.join(DIR, "nowhere.yaml"), [/nowhere\.yaml: cannot read the stack file \(no such file\)/]);
  });
});

describe.concurrent("a misspelt namespace or an empty tenant list cannot delete the fleet", () => {
  it("keys under an unknown namespace are refused, with the namespace it resembles", async () => {
    const file = stackFile("misspelt", () => undefined, "  im-platfrom:tenants: []\n");
    await expectRefused(file, [
      "im-platfrom:tenants: is in the unknown config namespace",
      /did you mean "im-platform"/,
    ]);
  });

  it("a file without any im-platform key is refused", async () => {
    await expectRefused(rawFile("foreign", "config:\n  im-platfrom:environment: dev\n  kubernetes:context: x\n"), [
      /im-platform: no key of this namespace is set/,
      /im-platfrom:environment: is in the unknown config namespace/,
    ]);
  });

  it("an empty tenant list needs tenancy.allowNoTenants, and runs with it", async () => {
    await expectRefused(
      stackFile("no-tenants", (raw) => {
        raw.tenants = [];
      }),
      ["im-platform:tenants: got []", /tenancy\.allowNoTenants: true/],
    );
    const allowed = await synth(
      stackFile("no-tenants-allowed", (raw) => {
        raw.tenants = [];
        // A dedicated pool names its tenant: with no tenants there is none to declare.
        (raw.target as { nodePools: { dedicated: object } }).nodePools.dedicated = {};
        raw.tenancy = { ...raw.tenancy, allowNoTenants: true };
      }),
    );
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it("provider namespaces of the registered targets are accepted", async () => {
    const result = await synth(
      stackFile(
        "with-providers",
        () => undefined,
        "  kubernetes:context: x\n  aws:region: eu-west-1\n  pulumi:disable-default-providers: '[\"*\"]'\n",
      ),
    );
    expect(result.code, result.stderr).toBe(0);
  });
});

describe.concurrent(
  "values the API server would refuse and images a prod stack may not run, from the command line",
  () => {
    it("are refused together, each at its path, before anything registers", async () => {
      const file = stackFile("kubernetes-rules", (raw) => {
        raw.services = [
          {
            name: "api",
            ports: [
              { name: "http", port: 10002, purpose: "http" },
              { name: "alt", port: 10002, purpose: "http" },
            ],
            env: { "A=B": "x" },
            resources: { requests: { cpu: "2", memory: "256Mi" }, limits: { cpu: "1", memory: "256Mi" } },
          },
        ];
        raw.target.loadBalancer = { annotations: { "bad key": "x" }, loadBalancerClass: "a/b/c" };
      });
      await expectRefused(file, [
        "im-platform:services[0].ports[1].port",
        "im-platform:services[0].env.A=B",
        "im-platform:services[0].resources.requests.cpu",
        "im-platform:target.loadBalancer.annotations.bad key",
        "im-platform:target.loadBalancer.loadBalancerClass",
      ]);
    });

    it("an HPA service or a tenant's bounds scaled to zero", async () => {
      const file = stackFile("scale-to-zero", (raw) => {
        raw.services = [{ name: "api", replicas: { min: 0, max: 4 } }];
        raw.tenants[2].scaling = { msggateway: { min: 0, max: 3 } };
      });
      await expectRefused(file, [
        "im-platform:services[0].replicas.min",
        "im-platform:tenants[2].scaling.msggateway.min",
      ]);
    });

    it("a prod stack without digests names every image", async () => {
      const file = stackFile("prod-tags", (raw) => {
        raw.environment = "prod";
        raw.edge.tls = { mode: "pod", secretName: "im-edge-tls" };
      });
      const message = await expectRefused(file, [
        "im-platform:images.digests.openim/openim-api:v3.8.3",
        /npm run pin-images/,
      ]);
      // Twelve services, the compact server that runs them in one pod, and seven data-tier images.
      expect(message.match(/im-platform:images\.digests\./g)?.length).toBe(20);
    });
  },
);
