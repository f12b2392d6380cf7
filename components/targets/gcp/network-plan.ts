import { cidrsOverlap, isOverBroad, isParsedCidr, isWorldOpen, parseCidr, type ParsedCidr } from "../../core/cidr";

/** The four address ranges of a VPC-native private cluster, as configured. */
export interface ClusterRanges {
  readonly nodesCidr: string;
  readonly podsCidr: string;
  readonly servicesCidr: string;
  readonly masterCidr: string;
}

export interface RangeIssue {
  readonly field: keyof ClusterRanges;
  readonly value: string;
  readonly message: string;
}

/** GKE gives each node a /24 of the pod range at the default of 110 pods per node. */
export const POD_RANGE_PER_NODE_PREFIX = 24;
/** GCP keeps four addresses of every primary subnet range for itself. */
export const RESERVED_SUBNET_ADDRESSES = 4;

/** Allowed prefix lengths per range: the control plane takes exactly a /28. */
const PREFIX_BOUNDS: Readonly<Record<keyof ClusterRanges, { min: number; max: number }>> = {
  nodesCidr: { min: 8, max: 29 },
  podsCidr: { min: 9, max: 21 },
  servicesCidr: { min: 16, max: 27 },
  masterCidr: { min: 28, max: 28 },
};

const FIELDS = Object.keys(PREFIX_BOUNDS) as Array<keyof ClusterRanges>;

/** Nodes the pod range can serve, one /24 each. */
export function nodesForPodRange(prefixLength: number): number {
  return prefixLength > POD_RANGE_PER_NODE_PREFIX ? 0 : 2 ** (POD_RANGE_PER_NODE_PREFIX - prefixLength);
}

/** Node addresses the primary range holds. */
export function nodesForPrimaryRange(prefixLength: number): number {
  return Math.max(0, 2 ** (32 - prefixLength) - RESERVED_SUBNET_ADDRESSES);
}

/**
 * Sizes, families and overlaps of the cluster's ranges, and whether they hold `maxNodes`.
 * Malformed CIDRs are reported by the field schema; here they are skipped.
 */
export function checkClusterRanges(ranges: ClusterRanges, maxNodes: number): RangeIssue[] {
  const issues: RangeIssue[] = [];
  const parsed = new Map<keyof ClusterRanges, ParsedCidr>();
  for (const field of FIELDS) {
    const value = ranges[field];
    const cidr = parseCidr(value);
    if (!isParsedCidr(cidr)) continue;
    if (cidr.family !== "ipv4") {
      issues.push({ field, value, message: "must be an IPv4 range" });
      continue;
    }
    const { min, max } = PREFIX_BOUNDS[field];
    if (cidr.prefixLength < min || cidr.prefixLength > max) {
      const allowed = min === max ? `a /${min}` : `between /${min} and /${max}`;
      issues.push({ field, value, message: `is a /${cidr.prefixLength}; it must be ${allowed}` });
      continue;
    }
    parsed.set(field, cidr);
  }
  FIELDS.forEach((field, index) => {
    const a = parsed.get(field);
    if (!a) return;
    for (const other of FIELDS.slice(0, index)) {
      const b = parsed.get(other);
      if (b && cidrsOverlap(a, b)) {
        issues.push({ field, value: ranges[field], message: `overlaps network.${other} (${ranges[other]}); the ranges must be disjoint` });
      }
    }
  });
  const pods = parsed.get("podsCidr");
  if (pods && nodesForPodRange(pods.prefixLength) < maxNodes) {
    issues.push({ field: "podsCidr", value: ranges.podsCidr,
      message: `holds pod ranges for ${nodesForPodRange(pods.prefixLength)} nodes (a /${POD_RANGE_PER_NODE_PREFIX} each) but the node pools may grow to ${maxNodes}; use a /${prefixFor(maxNodes, POD_RANGE_PER_NODE_PREFIX)} or larger, or lower maxNodes` });
  }
  const nodes = parsed.get("nodesCidr");
  if (nodes && nodesForPrimaryRange(nodes.prefixLength) < maxNodes) {
    issues.push({ field: "nodesCidr", value: ranges.nodesCidr,
      message: `holds ${nodesForPrimaryRange(nodes.prefixLength)} node addresses but the node pools may grow to ${maxNodes}; use a larger range or lower maxNodes` });
  }
  return issues;
}

/** The longest prefix whose block holds `count` blocks of `unitPrefix`. */
function prefixFor(count: number, unitPrefix: number): number {
  return unitPrefix - Math.ceil(Math.log2(Math.max(1, count)));
}

/** Control-plane client ranges: never the whole internet, never an over-broad typo. */
export function authorizedNetworkProblem(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!isParsedCidr(cidr)) return undefined; // the field schema reports malformed ranges
  if (cidr.family !== "ipv4") return "must be an IPv4 range";
  if (isWorldOpen(cidr)) return "opens the control plane to the whole internet; list the networks that run deployments and operators";
  if (isOverBroad(cidr)) return `is over-broad (/${cidr.prefixLength}); list the real networks`;
  return undefined;
}
