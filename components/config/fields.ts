import { z } from "zod";
import { isParsedCidr, parseCidr } from "../core/cidr";
import { isQuantity } from "../core/quantity";
import { unknownKeyMessage } from "./errors";
import { DNS_SUBDOMAIN, qualifiedKeyProblem } from "./kubernetes-rules";

/**
 * An object schema that rejects unknown keys with a "did you mean" hint, because a typo in a
 * config key otherwise silently falls back to a default.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => unknownKeyMessage(key, allowed)).join("; ")
        : undefined,
  });
}

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes DNS-1123 label no longer than `maxLength` (names end up in object names). */
export function dnsLabel(maxLength: number) {
  return z
    .string()
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .regex(DNS_LABEL, {
      error: "must be lower-case letters, digits and '-', start with a letter and end with a letter or digit",
    });
}

export const quantity = z.string().refine(isQuantity, {
  error: 'is not a Kubernetes quantity; use forms like "500m", "2", "512Mi", "4Gi"',
});

export const cpuMemory = strictObject({
  cpu: quantity,
  memory: quantity,
  ephemeralStorage: quantity.optional().meta({
    description:
      "Node disk for the container's writable layer, logs and /tmp; the kubelet evicts a pod beyond its limit, so one cell cannot fill a shared node's disk.",
    defaultText: "256Mi requested (the /tmp volume), 1Gi limit",
  }),
});

export const port = z.int().min(1).max(65535);

export const seconds = (min: number, max: number) => z.int().min(min).max(max);

/** A container image with a pinned tag or digest: ":latest" or no tag makes rollouts unrepeatable. */
export const pinnedImage = z.string().superRefine((image, ctx) => {
  const lastSegment = image.split("/").pop() ?? "";
  const hasDigest = image.includes("@sha256:");
  const tag = lastSegment.includes(":") ? lastSegment.split(":").pop() : undefined;
  if (!hasDigest && (!tag || tag === "latest")) {
    ctx.addIssue({
      code: "custom",
      input: image,
      message: 'must pin a version tag or digest (e.g. "openim/openim-api:v3.8.3"), not ":latest" or no tag',
    });
  }
});

/** A CIDR with no host bits set; over-broad and world-open checks depend on where it is used. */
export const cidr = z.string().superRefine((text, ctx) => {
  const parsed = parseCidr(text);
  if (isParsedCidr(parsed)) return;
  ctx.addIssue({
    code: "custom",
    input: text,
    message:
      parsed.kind === "host-bits"
        ? `has host bits set; did you mean "${parsed.suggestion}"?`
        : 'is not a CIDR; use an address with a prefix length, e.g. "203.0.113.0/24"',
  });
});

declare module "zod" {
  interface GlobalMeta {
    /** The behaviour when a field is left out, where the schema's own default does not say it. */
    defaultText?: string;
  }
}

/** A map whose keys become Kubernetes annotation (or label) keys, each checked by the API server's rule. */
export const kubernetesKeyedMap = z.record(z.string(), z.string()).superRefine((map, ctx) => {
  for (const key of Object.keys(map)) {
    const problem = qualifiedKeyProblem(key);
    if (problem) ctx.addIssue({ code: "custom", path: [key], input: key, message: problem });
  }
});

/** A value Kubernetes reads as a qualified name (`[prefix/]name`), such as spec.loadBalancerClass. */
export const qualifiedName = z.string().superRefine((value, ctx) => {
  const problem = qualifiedKeyProblem(value);
  if (problem) ctx.addIssue({ code: "custom", input: value, message: problem });
});

/** A DNS subdomain (lower-case labels joined by dots, at most 253 characters): object names such as IngressClasses. */
export const dnsSubdomain = z.string().max(253).regex(DNS_SUBDOMAIN, {
  error: "must be a DNS subdomain: lower-case letters, digits, '-' and '.', starting and ending alphanumeric",
});
