import { createHash } from "node:crypto";

const hash = (text: string, length: number): string => createHash("sha256").update(text).digest("hex").slice(0, length);

/**
 * A lower-case id of at most `max` characters that starts with a letter and ends with a letter
 * or digit. Too long, it keeps a stem and ends with a hash of the whole, so two long names never
 * collapse into one.
 */
export function boundedId(text: string, max: number): string {
  const clean = text
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  const base = clean.length > 0 ? clean : "im";
  if (base.length <= max) return base;
  const suffix = hash(text, 8);
  return `${base.slice(0, max - suffix.length - 1).replace(/-+$/, "")}-${suffix}`;
}

/** Memorystore instance ids: 1-40 characters. */
export function redisInstanceId(targetName: string, cell: string): string {
  return boundedId(`im-${targetName}-${cell}`, 40);
}

/** Managed Kafka cluster ids: 1-63 characters (RFC 1035). */
export function kafkaClusterId(targetName: string, dataSet: string): string {
  return boundedId(`im-${targetName}-${dataSet}`, 63);
}

/** Service account ids: 6-30 characters, unique in the project; one per cell. */
export function cellAccountId(targetName: string, cell: string): string {
  const id = boundedId(`imc-${targetName}-${cell}`, 30);
  return id.length >= 6 ? id : `${id}-cell`;
}

/**
 * Bucket names are global across Google Cloud, so the cell's stack-unique name gets a short hash
 * of the project: the same stack always makes the same name, and two projects never collide.
 */
export function bucketName(requested: string, project: string): string {
  const suffix = hash(project, 6);
  const stem = requested
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 63 - suffix.length - 1)
    .replace(/-+$/, "");
  return `${stem}-${suffix}`;
}

/** The address range private services access allocates on the cluster's VPC. */
export function privateServiceAccessRangeName(targetName: string): string {
  return boundedId(`im-${targetName}-private-services`, 63);
}

/** A label value: lower-case letters, digits, '-' and '_', at most 63 characters. */
export function labelValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .slice(0, 63);
}

/** The named exception a Redis without TLS carries: the rule accepts plaintext only with it. */
export const PLAINTEXT_EXCEPTION_LABEL = "plaintext-exception";
export const REDIS_PLAINTEXT_EXCEPTION = "openim-redis-client-has-no-tls";

/** Labels every data resource carries; `environment` tells the rules which bar applies. */
export function dataLabels(environment: string, dataSet: string, cell?: string): Record<string, string> {
  return {
    "managed-by": "im-platform",
    environment: labelValue(environment),
    "data-set": labelValue(dataSet),
    ...(cell ? { cell: labelValue(cell) } : {}),
  };
}
