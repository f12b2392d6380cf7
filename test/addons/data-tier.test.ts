import { beforeAll, describe, expect, it } from "vitest";
import { synthesize, type SynthResult } from "../../scripts/synth/synthesize";
import { deepClone, localRawConfig, meta, ofType, T, toStackConfig } from "../helpers/stack";

type Spec = Record<string, any>;
const JOB = "kubernetes:batch/v1:Job";
const policiesIn = (result: SynthResult, namespace: string): Record<string, Spec> =>
  Object.fromEntries(ofType(result.resources, T.netpol, namespace).map((p) => [meta(p).name, p.inputs.spec as Spec]));
const admitted = (spec: Spec): string[] =>
  spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values as string[];

let local: SynthResult;
let dedicated: SynthResult;
beforeAll(async () => {
  local = await synthesize(toStackConfig(localRawConfig()), "local");
  const raw = deepClone(localRawConfig()) as { tenants: Array<Record<string, unknown>> };
  raw.tenants[2]!.dedicatedData = true;
  dedicated = await synthesize(toStackConfig(raw), "local");
});

describe("the pooled data set", () => {
  it("runs MongoDB, Kafka, the object store and etcd once, each with a volume and a budget, and a Redis per cell", () => {
    const sets = ofType(local.resources, T.statefulSet, "im-data")
      .map((s) => meta(s).name)
      .sort();
    expect(sets).toEqual(["etcd", "kafka", "mongodb", "object-store", "redis-acme", "redis-globex", "redis-initech"]);
    for (const set of ofType(local.resources, T.statefulSet, "im-data"))
      expect((set.inputs.spec as Spec).volumeClaimTemplates[0].metadata.name).toBe("data");
    expect(ofType(local.resources, T.pdb, "im-data")).toHaveLength(sets.length);
  });

  it("is closed by default and admits each cell to the services it binds to, and a cell to its own Redis only", () => {
    const policies = policiesIn(local, "im-data");
    expect(policies["default-deny"]).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    for (const service of ["mongodb", "kafka", "object-store", "etcd"])
      expect(admitted(policies[`allow-cells-${service}`]!)).toEqual(["im-t-acme", "im-t-globex", "im-t-initech"]);
    for (const cell of ["acme", "globex", "initech"])
      expect(admitted(policies[`allow-cells-redis-${cell}`]!)).toEqual([`im-t-${cell}`]);
  });

  it("runs under Pod Security restricted, and no data Service leaves the cluster", () => {
    const [namespace] = ofType(local.resources, T.namespace, "im-data");
    expect(meta(namespace!).labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    for (const service of ofType(local.resources, T.service, "im-data"))
      expect((service.inputs.spec as Spec).type ?? "ClusterIP").toBe("ClusterIP");
  });

  it("initialises once, then once per cell: users, topics, ACLs, bucket and discovery role", () => {
    const jobs = ofType(local.resources, JOB, "im-data")
      .map((j) => meta(j).name)
      .sort();
    expect(jobs).toEqual(["bootstrap", "bootstrap-acme", "bootstrap-globex", "bootstrap-initech"]);
    const steps = (name: string): string[] => {
      const job = ofType(local.resources, JOB, "im-data").find((j) => meta(j).name === name)!;
      const pod = (job.inputs.spec as Spec).template.spec;
      return [...(pod.initContainers ?? []), ...pod.containers].map((c: { name: string }) => c.name);
    };
    expect(steps("bootstrap")).toEqual(["mongodb-replica-set", "etcd-authentication"]);
    expect(steps("bootstrap-acme")).toEqual(["mongodb-user", "kafka-topics", "object-store-bucket", "etcd-user"]);
  });
});

describe("a cell's side of its bindings", () => {
  it("egresses to exactly its data services and its own Redis, never another cell's", () => {
    for (const cell of ["acme", "initech"]) {
      const egress = policiesIn(local, `im-t-${cell}`)["allow-data-bindings"]!.egress as Spec[];
      const targets = egress.map((rule) => ({
        namespace: rule.to[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"],
        pod: rule.to[0].podSelector.matchLabels["app.kubernetes.io/name"],
      }));
      expect(targets.every((target) => target.namespace === "im-data")).toBe(true);
      expect(targets.map((target) => target.pod).sort()).toEqual(
        ["etcd", "kafka", "mongodb", "object-store", `redis-${cell}`].sort(),
      );
    }
  });
});

describe("a VIP tenant with dedicatedData", () => {
  it("gets a data set of its own in its own namespace, and leaves the pooled one", () => {
    const own = ofType(dedicated.resources, T.statefulSet, "im-data-initech")
      .map((s) => meta(s).name)
      .sort();
    expect(own).toEqual(["etcd", "kafka", "mongodb", "object-store", "redis-initech"]);
    const pooled = policiesIn(dedicated, "im-data");
    expect(admitted(pooled["allow-cells-mongodb"]!)).toEqual(["im-t-acme", "im-t-globex"]);
    expect(pooled["allow-cells-redis-initech"]).toBeUndefined();
    const egress = policiesIn(dedicated, "im-t-initech")["allow-data-bindings"]!.egress as Spec[];
    for (const rule of egress)
      expect(rule.to[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]).toBe("im-data-initech");
  });
});
