import { cidrsOverlap, isOverBroad, isParsedCidr, isWorldOpen, parseCidr, type ParsedCidr } from "../core/cidr";

/** A problem with one configured address range, by its field under `network`. */
export interface RangeIssue<Field extends string = string> {
  readonly field: Field;
  readonly value: string;
  readonly message: string;
}

/** Allowed prefix lengths of one range (inclusive). */
export interface PrefixBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * Parses each bounded range, keeping the IPv4 ones whose prefix is within bounds and reporting
 * the rest. Malformed CIDRs are reported by the field schema and skipped here.
 */
export function parseBoundedRanges<Field extends string>(
  ranges: Readonly<Record<Field, string>>,
  bounds: Readonly<Record<Field, PrefixBounds>>,
): { readonly parsed: ReadonlyMap<Field, ParsedCidr>; readonly issues: RangeIssue<Field>[] } {
  const issues: RangeIssue<Field>[] = [];
  const parsed = new Map<Field, ParsedCidr>();
  for (const field of Object.keys(bounds) as Field[]) {
    const value = ranges[field];
    const cidr = parseCidr(value);
    if (!isParsedCidr(cidr)) continue;
    if (cidr.family !== "ipv4") {
      issues.push({ field, value, message: "must be an IPv4 range" });
      continue;
    }
    const { min, max } = bounds[field];
    if (cidr.prefixLength < min || cidr.prefixLength > max) {
      const allowed = min === max ? `a /${min}` : `between /${min} and /${max}`;
      issues.push({ field, value, message: `is a /${cidr.prefixLength}; it must be ${allowed}` });
      continue;
    }
    parsed.set(field, cidr);
  }
  return { parsed, issues };
}

/** Every overlapping pair among `fields`, reported on the later field of the pair. */
export function overlapIssues<Field extends string>(
  ranges: Readonly<Record<Field, string>>,
  parsed: ReadonlyMap<Field, ParsedCidr>,
  fields: readonly Field[],
  label: (field: Field) => string,
): RangeIssue<Field>[] {
  const issues: RangeIssue<Field>[] = [];
  fields.forEach((field, index) => {
    const a = parsed.get(field);
    if (!a) return;
    for (const other of fields.slice(0, index)) {
      const b = parsed.get(other);
      if (b && cidrsOverlap(a, b)) {
        issues.push({
          field,
          value: ranges[field],
          message: `overlaps ${label(other)} (${ranges[other]}); the ranges must be disjoint`,
        });
      }
    }
  });
  return issues;
}

/** Control-plane client ranges: never the whole internet, never an over-broad typo. */
export function authorizedNetworkProblem(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!isParsedCidr(cidr)) return undefined; // the field schema reports malformed ranges
  if (cidr.family !== "ipv4") return "must be an IPv4 range";
  if (isWorldOpen(cidr))
    return "opens the control plane to the whole internet; list the networks that run deployments and operators";
  if (isOverBroad(cidr)) return `is over-broad (/${cidr.prefixLength}); list the real networks`;
  return undefined;
}
