import ipaddr from "ipaddr.js";

export interface ParsedCidr {
  readonly text: string;
  readonly family: "ipv4" | "ipv6";
  readonly prefixLength: number;
  readonly network: ipaddr.IPv4 | ipaddr.IPv6;
}

export type CidrProblem = { kind: "malformed" } | { kind: "host-bits"; suggestion: string };

/** Parses "10.0.0.0/16"; rejects bare addresses and CIDRs with host bits set. */
export function parseCidr(text: string): ParsedCidr | CidrProblem {
  if (!text.includes("/") || !ipaddr.isValidCIDR(text)) return { kind: "malformed" };
  const [address, prefixLength] = ipaddr.parseCIDR(text);
  const network =
    address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  if (network.toString() !== address.toString()) {
    return { kind: "host-bits", suggestion: `${network.toString()}/${prefixLength}` };
  }
  return { text, family: address.kind(), prefixLength, network };
}

export function isParsedCidr(value: ParsedCidr | CidrProblem): value is ParsedCidr {
  return "network" in value;
}

/** The whole address space of a family: the only "everyone" ranges a config may name. */
export function isWorldOpen(cidr: ParsedCidr): boolean {
  return cidr.prefixLength === 0;
}

/**
 * A range wider than /8 (IPv4) or /16 (IPv6) that is not the whole internet is almost always a
 * typo ("10.0.0.0/1" for "/16"); asking for it explicitly as 0.0.0.0/0 is clearer.
 */
export function isOverBroad(cidr: ParsedCidr): boolean {
  const floor = cidr.family === "ipv4" ? 8 : 16;
  return cidr.prefixLength > 0 && cidr.prefixLength < floor;
}

export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.family !== b.family) return false;
  const shorter = a.prefixLength <= b.prefixLength ? a : b;
  const longer = shorter === a ? b : a;
  return (longer.network as ipaddr.IPv4).match(shorter.network as ipaddr.IPv4, shorter.prefixLength);
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return outer.family === inner.family && outer.prefixLength <= inner.prefixLength && cidrsOverlap(outer, inner);
}

/** Whether a bare address lies in a range. */
export function addressIn(address: string, cidr: ParsedCidr): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === cidr.family && (parsed as ipaddr.IPv4).match(cidr.network as ipaddr.IPv4, cidr.prefixLength);
}

/** An IPv4 address as a number, for offset arithmetic. */
export function ipv4ToNumber(address: string): number {
  return ipaddr.IPv4.parse(address)
    .toByteArray()
    .reduce((sum, byte) => sum * 256 + byte, 0);
}

/** How many blocks of `unitPrefix` a range of `prefixLength` holds (0 when the range is smaller than one). */
export function blocksIn(prefixLength: number, unitPrefix: number): number {
  return prefixLength > unitPrefix ? 0 : 2 ** (unitPrefix - prefixLength);
}

/** The longest prefix whose range holds `count` blocks of `unitPrefix`. */
export function prefixHolding(count: number, unitPrefix: number): number {
  return unitPrefix - Math.ceil(Math.log2(Math.max(1, count)));
}

/** RFC 1918 and loopback/link-local ranges: egress "to the internet" excludes these. */
export const PRIVATE_IPV4_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8"];
