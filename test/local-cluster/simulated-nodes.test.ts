import { describe, expect, it } from "vitest";
import { nodeChanges, simulatedNodes, unsizedPools } from "../../scripts/local-cluster/simulated-nodes";
import { stackNodes } from "../../scripts/local-cluster/nodes";
import { stackFilePath } from "../../scripts/synth/stack-file";

describe("the local stack's simulated nodes", () => {
  const nodes = stackNodes(stackFilePath("local"));
  const byPool = (pool: string) => nodes.filter((node) => node.metadata.labels["im-platform.io/pool"] === pool);

  it("are the pools the stack declares, node for node", () => {
    expect(nodes.map((node) => node.metadata.name)).toEqual([
      "system-0",
      "shared-0",
      "shared-1",
      "shared-2",
      "vip-initech-0",
      "vip-initech-1",
    ]);
    expect(byPool("shared")[0]!.status.allocatable).toEqual({
      cpu: "8",
      memory: "32Gi",
      pods: "110",
      "ephemeral-storage": "100Gi",
    });
  });

  it("carry the pools' taints: the system pool's and the dedicated pool's, none on the shared pool", () => {
    expect(byPool("system")[0]!.spec.taints).toEqual([
      { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" },
    ]);
    expect(byPool("vip-initech")[0]!.spec.taints).toEqual([
      { key: "im-platform.io/dedicated", value: "initech", effect: "NoSchedule" },
    ]);
    expect(byPool("shared").every((node) => node.spec.taints.length === 0)).toBe(true);
  });

  it("spread a pool over its zones and point metrics-server at kwok's kubelet metrics", () => {
    expect(byPool("shared").map((node) => node.metadata.labels["topology.kubernetes.io/zone"])).toEqual([
      "zone-a",
      "zone-b",
      "zone-c",
    ]);
    for (const node of nodes) {
      expect(node.metadata.annotations["kwok.x-k8s.io/node"]).toBe("fake");
      expect(node.metadata.annotations["metrics.k8s.io/resource-metrics-path"]).toBe(
        `/metrics/nodes/${node.metadata.name}/metrics/resource`,
      );
    }
  });
});

describe("reconciling simulated nodes", () => {
  const pool = (cpu: string, nodes: number) => ({
    name: "shared",
    purpose: "shared" as const,
    labels: { "im-platform.io/pool": "shared" },
    taints: [],
    capacity: { nodes, perNode: { cpu, memory: "8Gi", pods: 110, ephemeralStorage: "10Gi" }, zones: ["a"] },
  });

  it("creates what is missing, replaces a resized node and removes what no pool declares", () => {
    const live = simulatedNodes([pool("4", 3)]);
    const desired = simulatedNodes([pool("4", 2)]);
    expect(nodeChanges(desired, live)).toEqual({ create: [], remove: ["shared-2"] });
    const resized = simulatedNodes([pool("8", 2)]);
    const changes = nodeChanges(resized, live);
    expect(changes.remove).toEqual(["shared-0", "shared-1", "shared-2"]);
    expect(changes.create.map((node) => node.status.allocatable.cpu)).toEqual(["8", "8"]);
    expect(nodeChanges(desired, desired)).toEqual({ create: [], remove: [] });
  });

  it("names the pools it cannot simulate", () => {
    const { capacity: _capacity, ...unsized } = pool("4", 1);
    expect(unsizedPools([unsized, pool("4", 1)])).toEqual(["shared"]);
    expect(simulatedNodes([unsized])).toEqual([]);
  });
});
