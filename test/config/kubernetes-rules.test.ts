import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";
import { deepClone, localRawConfig } from "../helpers/stack";

type Raw = Record<string, any>;

const apiOverride = (change: Record<string, unknown>) => (raw: Raw) => {
  raw.services = [{ name: "api", ...change }];
};

/** Values the API server would refuse, each refused at validation with the field that holds it. */
const CASES: ReadonlyArray<[string, (raw: Raw) => void, string, RegExp]> = [
  [
    "an HPA with minReplicas 0",
    apiOverride({ replicas: { min: 0, max: 4 } }),
    "im-platform:services[0].replicas.min",
    /HorizontalPodAutoscaler, whose minReplicas Kubernetes holds at 1/,
  ],
  [
    "a VIP tenant scaling an HPA service to 0",
    (raw) => {
      raw.tenants[2].scaling = { api: { min: 0, max: 3 } };
    },
    "im-platform:tenants[2].scaling.api.min",
    /use min: 1, or give the worker KEDA triggers/,
  ],
  [
    "the same port and protocol twice in one Service",
    apiOverride({
      ports: [
        { name: "http", port: 10002, purpose: "http" },
        { name: "alt", port: 10002, purpose: "http" },
      ],
    }),
    "im-platform:services[0].ports[1].port",
    /repeats ports\[0\] \(10002\/TCP\)/,
  ],
  [
    "a port name with --",
    apiOverride({ ports: [{ name: "http--api", port: 10002, purpose: "http" }] }),
    "im-platform:services[0].ports[0].name",
    /must not contain "--"/,
  ],
  [
    "a port name longer than 15",
    apiOverride({ ports: [{ name: "http-api-public-x", port: 10002, purpose: "http" }] }),
    "im-platform:services[0].ports[0].name",
    /at most 15/,
  ],
  [
    "an environment variable named with =",
    apiOverride({ env: { "A=B": "x" } }),
    "im-platform:services[0].env.A=B",
    /without "="/,
  ],
  [
    "an environment variable with a control character",
    apiOverride({ env: { "A\tB": "x" } }),
    "im-platform:services[0].env.A\tB",
    /printable ASCII/,
  ],
  [
    "a cpu request above its limit",
    apiOverride({ resources: { requests: { cpu: "2", memory: "256Mi" }, limits: { cpu: "1", memory: "256Mi" } } }),
    "im-platform:services[0].resources.requests.cpu",
    /exceeds the limit \(1\)/,
  ],
  [
    "a memory request above its limit",
    apiOverride({ resources: { requests: { cpu: "100m", memory: "1Gi" }, limits: { cpu: "1", memory: "512Mi" } } }),
    "im-platform:services[0].resources.requests.memory",
    /exceeds the limit \(512Mi\)/,
  ],
  [
    "an annotation key Kubernetes refuses",
    (raw) => {
      raw.target.loadBalancer = { annotations: { "bad key": "x" } };
    },
    "im-platform:target.loadBalancer.annotations.bad key",
    /name part Kubernetes refuses/,
  ],
  [
    "an annotation prefix that is not a DNS subdomain",
    (raw) => {
      raw.target.loadBalancer = { annotations: { "Example.COM/x": "y" } };
    },
    "im-platform:target.loadBalancer.annotations.Example.COM/x",
    /prefix that is not a DNS subdomain/,
  ],
  [
    "a loadBalancerClass with two slashes",
    (raw) => {
      raw.target.loadBalancer = { loadBalancerClass: "a/b/c" };
    },
    "im-platform:target.loadBalancer.loadBalancerClass",
    /more than one "\/"/,
  ],
  [
    "an ingress class that is not a DNS subdomain",
    (raw) => {
      raw.edge.api = { exposure: "ingress", ingressClassName: "My_Class" };
    },
    "im-platform:edge.api.ingressClassName",
    /DNS subdomain/,
  ],
];

describe("values the API server would refuse are refused first, naming the field", () => {
  it.each(CASES)("%s", (_title, change, path, message) => {
    const raw = deepClone(localRawConfig()) as Raw;
    change(raw);
    const result = validateStackConfig(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((candidate) => candidate.path === path);
    expect(issue, `no issue at ${path}; got ${JSON.stringify(result.issues)}`).toBeDefined();
    expect(issue?.message).toMatch(message);
  });
});

describe("numbers the user never wrote", () => {
  it("a derived quota limit says where it came from instead of quoting it as given", () => {
    const raw = deepClone(localRawConfig()) as Raw;
    raw.tenants[2].quota = { cpu: "1", memory: "64Gi", pods: 100 };
    const result = validateStackConfig(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((candidate) => candidate.path === "im-platform:tenants[2].quota.cpuLimit");
    expect(issue?.message).toMatch(
      /^is not set, so it is 4 x cpu = 4; the cell needs .* set cpuLimit to at least that/,
    );
    expect(issue?.message).not.toMatch(/^got/);
  });
});
