import { describe, expect, it } from "vitest";
import { dataSchema } from "../../components/config/data-schema";
import { validateStackConfig } from "../../components/stack/validate";
import { managedDataIssues, sharedAccessWarnings } from "../../components/stack/managed-data-checks";
import { expectIssueAt } from "../helpers/config";
import { deepClone, localRawConfig, sampleRawConfig } from "../helpers/stack";

type Raw = Record<string, any>;
const withData = (raw: Raw, data: Raw): Raw => ({ ...deepClone(raw), data: { ...raw.data, ...data } });

describe("data.mode: managed", () => {
  it("is refused on a target that runs no managed data, naming the target and the two other modes", () => {
    expectIssueAt(
      withData(localRawConfig(), { mode: "managed" }),
      "im-platform:data.mode",
      /target "main" \(kind existing\) runs none; use data\.mode: inCluster .* or external/,
    );
  });

  it("takes a VIP's dedicated data set, which the cloud then runs as instances of its own", () => {
    const raw = withData(sampleRawConfig("gcp-dev"), {}) as Raw;
    raw.tenants[1].dedicatedData = true;
    const result = validateStackConfig(raw);
    expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
  });

  it("refuses services declared for external mode, which nothing would bind to", () => {
    const external = {
      kafka: {
        addresses: ["kafka.example.com:9093"],
        cidrs: ["10.9.0.0/24"],
        credentials: { username: "u", password: "p" },
      },
    };
    expectIssueAt(
      withData(sampleRawConfig("gcp-dev"), { external }),
      "im-platform:data.external",
      /data\.mode is managed/,
    );
  });

  it("keepInCluster only applies to managed mode, and names only manageable services", () => {
    expectIssueAt(
      withData(localRawConfig(), { managed: { keepInCluster: ["kafka"] } }),
      "im-platform:data.managed.keepInCluster",
      /only applies with data\.mode: managed/,
    );
    expect(dataSchema.safeParse({ mode: "managed", managed: { keepInCluster: ["etcd"] } }).success).toBe(false);
  });
});

describe("a managed service that cannot keep pooled cells apart", () => {
  const facts = { kinds: ["kafka", "redis"] as const, sharedAccess: { kafka: "it admits clients by network alone" } };
  const cells = [
    { cell: "acme", dataSet: "pooled" },
    { cell: "globex", dataSet: "pooled" },
    { cell: "initech", dataSet: "initech" },
  ];

  it("is a warning naming the cells that share it, the reason and both ways out", () => {
    const managed = { data: dataSchema.parse({ mode: "managed" }), tenants: [] };
    const warnings = sharedAccessWarnings(managed, facts, cells);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe("im-platform:data.managed.keepInCluster");
    expect(warnings[0]?.message).toMatch(
      /cells acme, globex share data set pooled's.*by network alone.*keepInCluster: \[kafka\].*dedicatedData/,
    );
  });

  it("is silent for a kind kept in the cluster, and for a data set of one cell", () => {
    const kept = { data: dataSchema.parse({ mode: "managed", managed: { keepInCluster: ["kafka"] } }), tenants: [] };
    expect(sharedAccessWarnings(kept, facts, cells)).toEqual([]);
    const managed = { data: dataSchema.parse({ mode: "managed" }), tenants: [] };
    expect(sharedAccessWarnings(managed, facts, cells.slice(1))).toEqual([]);
  });
});

describe("a fleet of stacks", () => {
  it("cannot take managed data yet, and says which modes it can", () => {
    const gcp = sampleRawConfig("gcp-dev");
    expectIssueAt(
      { ...gcp, fleetMember: { fleet: "gcp-dev", platform: true, cells: [], platformStack: "gcp-dev.platform" } },
      "im-platform:data.mode",
      /not available to a fleet .* use data\.mode: inCluster, or external/,
    );
  });
});

describe("a managed Kafka's partition limit", () => {
  const managed = { data: dataSchema.parse({ mode: "managed" }) };
  const facts = { kinds: ["kafka", "redis"] as const, maxPartitions: 4 };
  const azure = { name: "main", kind: "azure" };

  it("below the partitions of a cell topic is refused at the target's data.kafka, with both ways out", () => {
    const [issue] = managedDataIssues(managed, facts, azure, ["target"]);
    expect(issue?.path).toBe("im-platform:target.data.kafka");
    expect(issue?.message).toMatch(/at most 4 partitions .* needs 8; .*keepInCluster: \[kafka\]/);
  });

  it("does not matter when Kafka stays in the cluster, nor outside managed mode", () => {
    const kept = { data: dataSchema.parse({ mode: "managed", managed: { keepInCluster: ["kafka"] } }) };
    expect(managedDataIssues(kept, facts, azure, ["target"])).toEqual([]);
    expect(managedDataIssues({ data: dataSchema.parse({}) }, facts, azure, ["target"])).toEqual([]);
  });
});
