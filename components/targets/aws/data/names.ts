import { createHash } from "node:crypto";

/**
 * A physical name for a data resource, unique in the account and region: readable parts, then a
 * digest of the cluster's name (itself unique there) and the parts. Lower case, letters, digits
 * and single hyphens, starting with a letter, within `maxLength`: what ElastiCache, DocumentDB,
 * MSK and IAM all accept. Deterministic, so a rename is a visible replacement, never a drift.
 */
export function physicalName(scope: string, parts: readonly string[], maxLength: number): string {
  const digest = createHash("sha256")
    .update([scope, ...parts].join("/"))
    .digest("hex")
    .slice(0, 8);
  const readable = `im-${parts.join("-")}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-");
  const room = maxLength - digest.length - 1;
  const head = readable.slice(0, room).replace(/-+$/, "");
  return `${head}-${digest}`;
}

/** ElastiCache AUTH tokens take letters, digits and only `!&#$^<>-` beside them: the kit's `_` becomes `-`. */
export function elasticacheToken(password: string): string {
  return password.replace(/[^A-Za-z0-9!&#$^<>-]/g, "-");
}
