import { cidrsOverlap, isParsedCidr, parseCidr, PRIVATE_IPV4_RANGES } from "./cidr";

/** Sources that mean "anyone": the whole address space in either family. */
export const WORLD_CIDRS = ["0.0.0.0/0", "::/0"];

/** A range that reaches beyond the private address space (the internet, or part of it); unparseable ranges count as public. */
export function isPublicSource(range: string): boolean {
  const parsed = parseCidr(range);
  if (!isParsedCidr(parsed) || parsed.family !== "ipv4") return true;
  return !PRIVATE_IPV4_RANGES.some((privateRange) => {
    const block = parseCidr(privateRange);
    return isParsedCidr(block) && block.prefixLength <= parsed.prefixLength && cidrsOverlap(block, parsed);
  });
}

/** Whether a port or range ("22", "20-25", "*") includes the port. */
export function portRangeIncludes(range: string, port: number): boolean {
  if (range === "*") return true;
  const [low, high] = range.split("-").map(Number);
  return low !== undefined && !Number.isNaN(low) && port >= low && port <= (high ?? low);
}
