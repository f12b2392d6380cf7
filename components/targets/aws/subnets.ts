import { ipv4ToNumber } from "../../core/cidr";

export interface SubnetPlan {
  readonly privateCidrs: readonly string[];
  readonly publicCidrs: readonly string[];
}

/** Slots a VPC is cut into: one private subnet per zone, the last slot split for public ones. */
const SLOT_BITS = 3;
/** The last slot holds 2^3 small public subnets: load balancers and NAT gateways need few addresses. */
const PUBLIC_BITS = 3;
export const MAX_ZONES = 2 ** SLOT_BITS - 1;
/** The largest VPC prefix the carving works for: public subnets must stay /28 or wider (AWS minimum). */
export const MAX_CARVED_PREFIX = 28 - SLOT_BITS - PUBLIC_BITS;

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function subnet(base: number, prefix: number, index: number): string {
  return `${numberToIpv4(base + index * 2 ** (32 - prefix))}/${prefix}`;
}

/**
 * Carves an IPv4 VPC range into one large private subnet per zone (nodes and pods take VPC
 * addresses) and one small public subnet per zone (load balancers and NAT gateways only).
 * For a /16 and three zones: private /19s at slots 0-2, public /22s inside slot 7.
 */
export function planSubnets(vpcCidr: string, zones: number): SubnetPlan {
  const [address, prefix] = vpcCidr.split("/");
  const vpcPrefix = Number(prefix);
  if (zones < 1 || zones > MAX_ZONES) throw new RangeError(`cannot carve ${zones} zones; 1 to ${MAX_ZONES}`);
  if (vpcPrefix > MAX_CARVED_PREFIX)
    throw new RangeError(`a /${vpcPrefix} VPC is too small to carve; /${MAX_CARVED_PREFIX} or wider`);
  const base = ipv4ToNumber(address ?? "");
  const privatePrefix = vpcPrefix + SLOT_BITS;
  const publicBase = ipv4ToNumber(subnet(base, privatePrefix, MAX_ZONES).split("/")[0] ?? "");
  const publicPrefix = privatePrefix + PUBLIC_BITS;
  return {
    privateCidrs: Array.from({ length: zones }, (_, index) => subnet(base, privatePrefix, index)),
    publicCidrs: Array.from({ length: zones }, (_, index) => subnet(publicBase, publicPrefix, index)),
  };
}
