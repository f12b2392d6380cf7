import { blocksIn, prefixHolding } from "../../core/cidr";
import { overlapIssues, parseBoundedRanges, type PrefixBounds, type RangeIssue as Issue } from "../range-checks";

/** The four address ranges of a VPC-native private cluster, as configured. */
export interface ClusterRanges {
  readonly nodesCidr: string;
  readonly podsCidr: string;
  readonly servicesCidr: string;
  readonly masterCidr: string;
}

export type RangeIssue = Issue<keyof ClusterRanges>;

/** GKE gives each node a /24 of the pod range at the default of 110 pods per node. */
export const POD_RANGE_PER_NODE_PREFIX = 24;
/** GCP keeps four addresses of every primary subnet range for itself. */
export const RESERVED_SUBNET_ADDRESSES = 4;

/** Allowed prefix lengths per range: the control plane takes exactly a /28. */
const PREFIX_BOUNDS: Readonly<Record<keyof ClusterRanges, PrefixBounds>> = {
  nodesCidr: { min: 8, max: 29 },
  podsCidr: { min: 9, max: 21 },
  servicesCidr: { min: 16, max: 27 },
  masterCidr: { min: 28, max: 28 },
};

const FIELDS = Object.keys(PREFIX_BOUNDS) as Array<keyof ClusterRanges>;

/** Nodes the pod range can serve, one /24 each. */
export function nodesForPodRange(prefixLength: number): number {
  return blocksIn(prefixLength, POD_RANGE_PER_NODE_PREFIX);
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
  const { parsed, issues } = parseBoundedRanges(ranges, PREFIX_BOUNDS);
  issues.push(...overlapIssues(ranges, parsed, FIELDS, (field) => `network.${field}`));
  const pods = parsed.get("podsCidr");
  if (pods && nodesForPodRange(pods.prefixLength) < maxNodes) {
    issues.push({
      field: "podsCidr",
      value: ranges.podsCidr,
      message: `holds pod ranges for ${nodesForPodRange(pods.prefixLength)} nodes (a /${POD_RANGE_PER_NODE_PREFIX} each) but the node pools may grow to ${maxNodes}; use a /${prefixHolding(maxNodes, POD_RANGE_PER_NODE_PREFIX)} or larger, or lower maxNodes`,
    });
  }
  const nodes = parsed.get("nodesCidr");
  if (nodes && nodesForPrimaryRange(nodes.prefixLength) < maxNodes) {
    issues.push({
      field: "nodesCidr",
      value: ranges.nodesCidr,
      message: `holds ${nodesForPrimaryRange(nodes.prefixLength)} node addresses but the node pools may grow to ${maxNodes}; use a larger range or lower maxNodes`,
    });
  }
  return issues;
}
