import { z } from "zod";
import type { PathSegment } from "../config/errors";
import { strictObject } from "../config/fields";
import type { NodeShape } from "../core/node-fit";
import type { NodePool } from "./cluster-target";

/** Hours in the month the monthly figures count (365 x 24 / 12). */
export const HOURS_PER_MONTH = 730;

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** A target's config may price its nodes and control plane itself, over the kit's dated tables. */
export const priceOverridesSchema = strictObject({
  machineHourly: z
    .record(z.string().min(1), z.number().min(0, { error: "must be 0 or more (a price per node-hour)" }))
    .default({})
    .meta({
      description:
        "Price of one node-hour by machine (EC2 instance type, GCE machine type, Azure VM size), over the kit's dated table: your region's or your discounted rate.",
    }),
  nodeHourly: z.number().min(0, { error: "must be 0 or more (a price per node-hour)" }).optional().meta({
    description:
      "Price of one node-hour whatever its machine: for an existing cluster, what a node costs you; on a cloud, over every machine's price.",
    defaultText: "the machine's price; none for an existing cluster (nodes only)",
  }),
  controlPlaneHourly: z.number().min(0, { error: "must be 0 or more (a price per cluster-hour)" }).optional().meta({
    description: "Fee of one cluster's control plane per hour, over the kit's dated table.",
    defaultText: "the target's list fee (none for an existing cluster)",
  }),
})
  .prefault({})
  .meta({
    description:
      "Prices the capacity comparison (`npm run capacity`) uses for this target, over the kit's dated tables. Nothing is deployed from them.",
  });

export type PriceOverrides = z.infer<typeof priceOverridesSchema>;

/** Where a price came from, and as of when. */
export interface PriceSource {
  readonly what: string;
  readonly url: string;
  /** When the figures were generated (a generated table) or recorded from the page (a list fee): YYYY-MM-DD. */
  readonly asOf: string;
}

/** A machine as the model needs it: its size and the pods its kubelet admits. */
export interface MachineSpec {
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly maxPods: number;
}

/** A cloud's dated on-demand prices per node-hour (USD), by region, then machine. */
export interface MachinePriceTable {
  readonly source: PriceSource;
  readonly regions: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The region whose list prices a region missing from the table falls back to, with a note saying so. */
  readonly fallbackRegion: string;
}

/** One node pool as the capacity model sees it: its machine, its bounds and what a node offers and costs. */
export interface SizedPool {
  readonly pool: NodePool;
  /** The machine of each node; the first listed where a pool may take several. Undefined where unknown. */
  readonly machine?: string;
  /** What one node offers pods (its allocatable); undefined where unknown. */
  readonly perNode?: NodeShape;
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Price of one node-hour (USD), where known. */
  readonly hourlyPrice?: number;
  /** The config path of the pool's largest size, for findings about it. */
  readonly path: readonly PathSegment[];
  /** Nodes one step of the size at `path` stands for: the zone count where sizes count per zone. @default 1 */
  readonly nodesPerStep?: number;
}

/** What a target's pools and control plane are and cost, known before anything is built. */
export interface TargetCapacity {
  readonly pools: readonly SizedPool[];
  /** Fee of one cluster's control plane per hour (USD): 0 where free, undefined where unknown. */
  readonly controlPlaneHourly?: number;
  readonly sources: readonly PriceSource[];
  /** What a reader of the figures should know: a region priced from another's list, a machine missing. */
  readonly notes: readonly string[];
}

/** A node-hour's price: the config's own, else the table's for the region, else its fallback region's. */
export function machinePrice(
  table: MachinePriceTable,
  region: string,
  machine: string,
  overrides: PriceOverrides,
): { readonly price?: number; readonly note?: string } {
  const own = overrides.nodeHourly ?? overrides.machineHourly[machine];
  if (own !== undefined) return { price: own };
  const listed = table.regions[region]?.[machine];
  if (listed !== undefined) return { price: listed };
  const fallback = table.regions[table.fallbackRegion]?.[machine];
  if (fallback !== undefined) {
    return {
      price: fallback,
      note: `${machine} is priced at the ${table.fallbackRegion} list (${region} is not in the kit's table); set prices.machineHourly.${machine} for ${region}'s`,
    };
  }
  return { note: `${machine} has no price in the kit's table; set prices.machineHourly.${machine}` };
}

/**
 * A share of a quantity taken in tiers: `[[upTo, share], ...]` takes `share` of the part below
 * each `upTo` (and above the tier before it). The managed Kubernetes services reserve CPU and
 * memory for the kubelet and system this way.
 */
export function tieredShare(total: number, tiers: ReadonlyArray<readonly [upTo: number, share: number]>): number {
  let reserved = 0;
  let floor = 0;
  for (const [upTo, share] of tiers) {
    if (total <= floor) break;
    reserved += (Math.min(total, upTo) - floor) * share;
    floor = upTo;
  }
  return reserved;
}

/** CPU the kubelet reserves on EKS and GKE nodes: 6% of the first core, 1% of the next, 0.5% of the next two, 0.25% above four. */
export function standardCpuReservation(vcpu: number): number {
  return tieredShare(vcpu, [
    [1, 0.06],
    [2, 0.01],
    [4, 0.005],
    [Infinity, 0.0025],
  ]);
}

/** The kubelet's hard eviction threshold (memory.available), which allocatable leaves free. */
export const EVICTION_MEMORY_BYTES = 100 * MIB;

/** What a node offers pods once the kubelet's reservations and eviction threshold are taken. */
export function allocatableOf(
  spec: MachineSpec,
  reserved: { readonly cpu: number; readonly memoryBytes: number },
): NodeShape {
  return {
    cpu: spec.vcpu - reserved.cpu,
    memory: spec.memoryGiB * GIB - reserved.memoryBytes - EVICTION_MEMORY_BYTES,
    pods: spec.maxPods,
  };
}

export { GIB, MIB };

/**
 * Where a pool's largest size is set in a target's `nodePools`: its purpose's `max`, or for a
 * VIP's dedicated pool that tenant's override when it has one, else the dedicated default.
 */
export function poolMaxPath(
  pool: { readonly purpose: string; readonly tenant?: string },
  dedicatedOverrides: Readonly<Record<string, { readonly max?: number } | undefined>>,
): string[] {
  if (!pool.tenant) return ["nodePools", pool.purpose, "max"];
  return dedicatedOverrides[pool.tenant]?.max !== undefined
    ? ["nodePools", "dedicatedOverrides", pool.tenant, "max"]
    : ["nodePools", "dedicated", "max"];
}
