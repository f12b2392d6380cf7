import { cidrContains, cidrsOverlap, isParsedCidr, parseCidr, type ParsedCidr } from "../../core/cidr";

/** The address plan of the cluster's VPC, as configured under `network`. */
export interface AlibabaRanges {
  readonly vpcCidr: string;
  /** One node vSwitch per zone, in the order of `zones`. */
  readonly nodeCidrs: readonly string[];
  /** One Terway pod vSwitch per zone, in the order of `zones`. */
  readonly podCidrs: readonly string[];
  readonly serviceCidr: string;
}

/** A problem with one range, by its path under `network`. */
export interface RangeIssue {
  readonly path: readonly (string | number)[];
  readonly value: string;
  readonly message: string;
}

/** A VPC's primary block is a /8 to a /28; a vSwitch a /16 to a /29 (the provider's documented bounds). */
export const VPC_PREFIX = { min: 8, max: 28 } as const;
export const VSWITCH_PREFIX = { min: 16, max: 29 } as const;
/** ACK's Service range: at most a /16 of addresses, at least a /24 (a few hundred Services). */
export const SERVICE_PREFIX = { min: 16, max: 24 } as const;
/** Every vSwitch keeps its first and last three addresses for the VPC. */
export const RESERVED_VSWITCH_ADDRESSES = 4;

/** Addresses one vSwitch hands out. */
export function usableAddresses(prefixLength: number): number {
  return Math.max(0, 2 ** (32 - prefixLength) - RESERVED_VSWITCH_ADDRESSES);
}

interface Parsed {
  readonly path: readonly (string | number)[];
  readonly value: string;
  readonly cidr: ParsedCidr;
}

function bounded(
  path: readonly (string | number)[],
  value: string,
  bounds: { readonly min: number; readonly max: number },
  issues: RangeIssue[],
): Parsed | undefined {
  const cidr = parseCidr(value);
  if (!isParsedCidr(cidr)) return undefined; // the field schema reports malformed ranges
  if (cidr.family !== "ipv4") {
    issues.push({ path, value, message: "must be an IPv4 range" });
    return undefined;
  }
  if (cidr.prefixLength < bounds.min || cidr.prefixLength > bounds.max) {
    issues.push({
      path,
      value,
      message: `is a /${cidr.prefixLength}; it must be between /${bounds.min} and /${bounds.max}`,
    });
    return undefined;
  }
  return { path, value, cidr };
}

const label = (path: readonly (string | number)[]) =>
  `network.${path.map((segment) => (typeof segment === "number" ? `[${segment}]` : segment)).join(".")}`.replace(
    /\.\[/g,
    "[",
  );

/**
 * Sizes, nesting and overlaps of the VPC plan, and whether the node vSwitches hold `maxNodes`:
 * every vSwitch inside the VPC, no two vSwitches overlapping, the Service range outside the VPC.
 */
export function checkVpcRanges(ranges: AlibabaRanges, maxNodes: number): RangeIssue[] {
  const issues: RangeIssue[] = [];
  const vpc = bounded(["vpcCidr"], ranges.vpcCidr, VPC_PREFIX, issues);
  const switches = [
    ...ranges.nodeCidrs.map((value, index) => bounded(["nodeCidrs", index], value, VSWITCH_PREFIX, issues)),
    ...ranges.podCidrs.map((value, index) => bounded(["podCidrs", index], value, VSWITCH_PREFIX, issues)),
  ].filter((parsed): parsed is Parsed => parsed !== undefined);
  switches.forEach((current, index) => {
    if (vpc && !cidrContains(vpc.cidr, current.cidr)) {
      issues.push({ ...current, message: `is not inside network.vpcCidr (${ranges.vpcCidr})` });
    }
    const earlier = switches.slice(0, index).find((other) => cidrsOverlap(other.cidr, current.cidr));
    if (earlier) {
      issues.push({
        ...current,
        message: `overlaps ${label(earlier.path)} (${earlier.value}); vSwitches must be disjoint`,
      });
    }
  });
  const service = bounded(["serviceCidr"], ranges.serviceCidr, SERVICE_PREFIX, issues);
  if (service && vpc && cidrsOverlap(service.cidr, vpc.cidr)) {
    issues.push({
      ...service,
      message: `overlaps network.vpcCidr (${ranges.vpcCidr}); Service addresses must lie outside the VPC`,
    });
  }
  const nodeSwitches = switches.filter((parsed) => parsed.path[0] === "nodeCidrs");
  const nodeAddresses = nodeSwitches.reduce((sum, parsed) => sum + usableAddresses(parsed.cidr.prefixLength), 0);
  if (nodeSwitches.length === ranges.nodeCidrs.length && nodeAddresses < maxNodes) {
    issues.push({
      path: ["nodeCidrs"],
      value: ranges.nodeCidrs.join(", "),
      message: `hold ${nodeAddresses} node addresses but the node pools may grow to ${maxNodes}; use larger vSwitches or lower maxNodes`,
    });
  }
  return issues;
}
