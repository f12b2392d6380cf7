import {
  addressIn,
  blocksIn,
  cidrContains,
  ipv4ToNumber,
  isParsedCidr,
  parseCidr,
  prefixHolding,
} from "../../core/cidr";
import { overlapIssues, parseBoundedRanges, type PrefixBounds, type RangeIssue } from "../range-checks";

/** The address plan of the cluster's VNet, its subnets, and the overlay ranges outside it. */
export interface AzureRanges {
  readonly vnetCidr: string;
  readonly nodesCidr: string;
  readonly edgeCidr: string;
  readonly endpointsCidr: string;
  readonly apiServerCidr: string;
  readonly appGatewayCidr: string;
  /** Private endpoints of the managed data services (`data.mode: managed`). */
  readonly dataCidr: string;
  readonly podCidr: string;
  readonly serviceCidr: string;
}

type Field = keyof AzureRanges;
export type AzureRangeIssue = RangeIssue<Field | "dnsServiceIp">;

/** Azure CNI Overlay gives each node a /24 of the pod range. */
export const POD_RANGE_PER_NODE_PREFIX = 24;
/** Azure keeps five addresses of every subnet for itself. */
export const RESERVED_SUBNET_ADDRESSES = 5;

const BOUNDS: Readonly<Record<Field, PrefixBounds>> = {
  vnetCidr: { min: 8, max: 24 },
  nodesCidr: { min: 8, max: 29 },
  edgeCidr: { min: 8, max: 29 },
  endpointsCidr: { min: 8, max: 29 },
  // API Server VNet Integration needs at least a /28; Application Gateway for Containers a /24.
  apiServerCidr: { min: 8, max: 28 },
  appGatewayCidr: { min: 8, max: 24 },
  // Two endpoints per cell (Redis, Kafka) and one per data set (MongoDB): a /27 holds a dozen cells.
  dataCidr: { min: 8, max: 27 },
  podCidr: { min: 8, max: POD_RANGE_PER_NODE_PREFIX },
  // AKS refuses Service ranges larger than a /12.
  serviceCidr: { min: 12, max: 28 },
};

/** Subnets carved from the VNet; the Application Gateway and data subnets exist only when used. */
export function subnetFields(appGateway: boolean, data = false): Field[] {
  return [
    "nodesCidr",
    "edgeCidr",
    "endpointsCidr",
    "apiServerCidr",
    ...(appGateway ? ["appGatewayCidr" as const] : []),
    ...(data ? ["dataCidr" as const] : []),
  ];
}

/** Overlay ranges are routed by the cluster, not the VNet: they must not overlap it or each other. */
const OUTSIDE_VNET: readonly Field[] = ["vnetCidr", "podCidr", "serviceCidr"];

/** Nodes a subnet of this prefix can address. */
export function nodesForSubnet(prefixLength: number): number {
  return Math.max(0, 2 ** (32 - prefixLength) - RESERVED_SUBNET_ADDRESSES);
}

/** Nodes the overlay pod range can serve, one /24 each. */
export function nodesForPodRange(prefixLength: number): number {
  return blocksIn(prefixLength, POD_RANGE_PER_NODE_PREFIX);
}

/** CoreDNS's address must be a usable address of the Service range; the first one is the API server's Service. */
function dnsServiceIpProblem(dnsServiceIp: string, serviceCidr: string): string | undefined {
  const range = parseCidr(serviceCidr);
  if (!isParsedCidr(range)) return undefined;
  if (!addressIn(dnsServiceIp, range))
    return `is not inside network.serviceCidr (${serviceCidr}); pick an address of the Service range`;
  const offset = ipv4ToNumber(dnsServiceIp) - ipv4ToNumber(range.network.toString());
  if (offset < 2)
    return "is the network address or the kubernetes Service's address; pick another address of the Service range (e.g. x.x.x.10)";
  return undefined;
}

/**
 * Families, sizes, containment and overlaps of the address plan, and whether the node subnet and
 * the pod range hold `maxNodes` (every pool at its maximum, plus upgrade surge).
 */
export function checkAzureRanges(
  ranges: AzureRanges & { readonly dnsServiceIp: string },
  maxNodes: number,
  appGateway: boolean,
  data = false,
): AzureRangeIssue[] {
  const subnets = subnetFields(appGateway, data);
  const bounded = Object.fromEntries([...subnets, ...OUTSIDE_VNET].map((field) => [field, BOUNDS[field]])) as Record<
    Field,
    PrefixBounds
  >;
  const { parsed, issues } = parseBoundedRanges<Field>(ranges, bounded);
  const out: AzureRangeIssue[] = [...issues];
  const vnet = parsed.get("vnetCidr");
  for (const field of subnets) {
    const subnet = parsed.get(field);
    if (vnet && subnet && !cidrContains(vnet, subnet)) {
      out.push({
        field,
        value: ranges[field],
        message: `is not inside network.vnetCidr (${ranges.vnetCidr}); subnets take their addresses from the VNet`,
      });
    }
  }
  const label = (field: Field) => `network.${field}`;
  out.push(...overlapIssues(ranges, parsed, subnets, label), ...overlapIssues(ranges, parsed, OUTSIDE_VNET, label));
  const dnsProblem = dnsServiceIpProblem(ranges.dnsServiceIp, ranges.serviceCidr);
  if (dnsProblem) out.push({ field: "dnsServiceIp", value: ranges.dnsServiceIp, message: dnsProblem });

  const nodes = parsed.get("nodesCidr");
  if (nodes && nodesForSubnet(nodes.prefixLength) < maxNodes) {
    out.push({
      field: "nodesCidr",
      value: ranges.nodesCidr,
      message: `holds ${nodesForSubnet(nodes.prefixLength)} node addresses but the node pools may grow to ${maxNodes} (with upgrade surge); use a /${32 - Math.ceil(Math.log2(maxNodes + RESERVED_SUBNET_ADDRESSES))} or larger, or lower max`,
    });
  }
  const pods = parsed.get("podCidr");
  if (pods && nodesForPodRange(pods.prefixLength) < maxNodes) {
    out.push({
      field: "podCidr",
      value: ranges.podCidr,
      message: `holds pod ranges for ${nodesForPodRange(pods.prefixLength)} nodes (a /${POD_RANGE_PER_NODE_PREFIX} each) but the node pools may grow to ${maxNodes}; use a /${prefixHolding(maxNodes, POD_RANGE_PER_NODE_PREFIX)} or larger, or lower max`,
    });
  }
  return out;
}
