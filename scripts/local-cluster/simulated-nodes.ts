import { createHash } from "node:crypto";
import type { NodePool } from "../../components/targets/cluster-target";

/** Marks the nodes this script owns, so it never touches a node someone else made. */
export const SIMULATED_LABEL = "im-platform.io/simulated";
/** The annotation kwok selects the nodes it plays the kubelet of by (cluster.sh --manage-nodes-with-annotation-selector). */
export const KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";
const SHAPE_ANNOTATION = "im-platform.io/node-shape";

export interface SimulatedNode {
  readonly apiVersion: "v1";
  readonly kind: "Node";
  readonly metadata: {
    readonly name: string;
    readonly labels: Record<string, string>;
    readonly annotations: Record<string, string>;
  };
  readonly spec: { readonly taints: NodePool["taints"] };
  readonly status: {
    readonly addresses: ReadonlyArray<{ readonly type: string; readonly address: string }>;
    readonly allocatable: Record<string, string>;
    readonly capacity: Record<string, string>;
  };
}

/** Pools the local cluster cannot simulate: without a declared size there is nothing to create. */
export function unsizedPools(pools: readonly NodePool[]): string[] {
  return pools.filter((pool) => !pool.capacity).map((pool) => pool.name);
}

/**
 * The nodes of the declared pools, as kwok simulates them: the pool's labels and taints, the
 * declared allocatable, a zone round robin, and the path of kwok's simulated kubelet metrics
 * that metrics-server reads. A shape annotation tells a resized node from an unchanged one.
 */
export function simulatedNodes(pools: readonly NodePool[]): SimulatedNode[] {
  return pools.flatMap((pool) => {
    const capacity = pool.capacity;
    if (!capacity) return [];
    const resources = {
      cpu: capacity.perNode.cpu,
      memory: capacity.perNode.memory,
      pods: String(capacity.perNode.pods),
      "ephemeral-storage": capacity.perNode.ephemeralStorage,
    };
    return Array.from({ length: capacity.nodes }, (_, index): SimulatedNode => {
      const name = `${pool.name}-${index}`;
      const zone = capacity.zones[index % capacity.zones.length]!;
      const shape = { labels: pool.labels, taints: pool.taints, resources, zone };
      return {
        apiVersion: "v1",
        kind: "Node",
        metadata: {
          name,
          labels: {
            ...pool.labels,
            "kubernetes.io/hostname": name,
            "kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
            "topology.kubernetes.io/zone": zone,
            type: "kwok",
            [SIMULATED_LABEL]: "true",
          },
          annotations: {
            [KWOK_NODE_ANNOTATION]: "fake",
            "node.alpha.kubernetes.io/ttl": "0",
            "metrics.k8s.io/resource-metrics-path": `/metrics/nodes/${name}/metrics/resource`,
            [SHAPE_ANNOTATION]: createHash("sha256").update(JSON.stringify(shape)).digest("hex").slice(0, 16),
          },
        },
        spec: { taints: pool.taints },
        // kwok serves every simulated kubelet on loopback; set here so no stage race can drop it.
        status: {
          addresses: [
            { type: "InternalIP", address: "127.0.0.1" },
            { type: "Hostname", address: name },
          ],
          allocatable: resources,
          capacity: resources,
        },
      };
    });
  });
}

/** What to do to reach the desired nodes from the live ones: create the missing or reshaped, delete the rest. */
export function nodeChanges(
  desired: readonly SimulatedNode[],
  live: ReadonlyArray<{ metadata: { name: string; annotations?: Record<string, string> } }>,
): { create: SimulatedNode[]; remove: string[] } {
  const liveShape = new Map(live.map((node) => [node.metadata.name, node.metadata.annotations?.[SHAPE_ANNOTATION]]));
  const wanted = new Map(desired.map((node) => [node.metadata.name, node]));
  const stale = [...liveShape].filter(
    ([name, shape]) => wanted.get(name)?.metadata.annotations[SHAPE_ANNOTATION] !== shape,
  );
  const remove = stale.map(([name]) => name);
  const create = desired.filter((node) => !liveShape.has(node.metadata.name) || remove.includes(node.metadata.name));
  return { create, remove };
}
