import { add, type Footprint, ZERO } from "./capacity";

/** What pods request of a pool: CPU (cores), memory (bytes) and a pod count. */
export interface Demand extends Footprint {
  readonly pods: number;
}

/** What one node offers pods (its allocatable): CPU in cores, memory in bytes, and the pods it admits. */
export type NodeShape = Demand;

export const NO_DEMAND: Demand = { ...ZERO, pods: 0 };

export function addDemand(a: Demand, b: Demand): Demand {
  return { ...add(a, b), pods: a.pods + b.pods };
}

export function sumDemands(demands: readonly Demand[]): Demand {
  return demands.reduce(addDemand, NO_DEMAND);
}

// Requests are sums of decimal quantities: a hair over a whole node is that node.
const EPSILON = 1e-9;

/**
 * Nodes of one shape that hold a demand when the scheduler packs requests perfectly: the most
 * any resource needs. A lower bound: real packing leaves fragments, which the model does not count.
 */
export function nodesFor(demand: Demand, node: NodeShape): number {
  const per = (need: number, offer: number) =>
    need <= 0 ? 0 : offer > 0 ? Math.ceil(need / offer - EPSILON) : Infinity;
  return Math.max(per(demand.cpu, node.cpu), per(demand.memory, node.memory), per(demand.pods, node.pods));
}

/** Whether `nodes` nodes of a shape hold a demand. */
export function fitsOn(demand: Demand, node: NodeShape, nodes: number): boolean {
  return nodesFor(demand, node) <= nodes;
}
