import { createHash } from "node:crypto";

/**
 * A globally unique name for a data service (its DNS name is `<name>.<service domain>`): the
 * stem's letters, digits and single hyphens, cut to fit, then a hash of the stem and the
 * subscription/resource group, so another stack or subscription never takes it.
 */
export function dataServiceName(stem: string, salt: string, maxLength: number): string {
  const hash = createHash("sha256").update(`${salt}/${stem}`).digest("hex").slice(0, 6);
  const clean = stem
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, maxLength - hash.length - 1)
    .replace(/-+$/, "");
  return `${clean || "im"}-${hash}`;
}
