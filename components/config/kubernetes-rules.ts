import { parseQuantity } from "../core/quantity";

/**
 * The API server's own rules for the config values that become Kubernetes fields, so a bad value
 * is refused at validation, naming the field, instead of by the API server halfway through a
 * deploy. Each returns the problem, or undefined when Kubernetes would accept the value.
 */

/** IANA_SVC_NAME (container and Service port names): at most 15 characters, a letter, no "--". */
export function portNameProblem(name: string): string | undefined {
  if (name.includes("--")) return 'must not contain "--" (Kubernetes port names are IANA service names)';
  if (!/[a-z]/.test(name)) return "must contain at least one letter (Kubernetes port names are IANA service names)";
  return undefined;
}

/** Environment variable names: any printable ASCII but "=", not empty. */
export function envNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty; Kubernetes needs a name";
  if (!/^[\x20-\x7e]+$/.test(name) || name.includes("=")) {
    return 'must be printable ASCII without "=" (Kubernetes refuses other environment variable names)';
  }
  return undefined;
}

/** A container's request may not exceed its limit. */
export function requestAboveLimitProblem(request: string, limit: string): string | undefined {
  const [asked, allowed] = [parseQuantity(request), parseQuantity(limit)];
  if (asked === undefined || allowed === undefined || asked <= allowed) return undefined;
  return `exceeds the limit (${limit}); Kubernetes refuses a request above its limit: lower it or raise the limit`;
}

export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Annotation and label keys: an optional DNS-subdomain prefix (253), "/", and a name of 63 at most. */
export function qualifiedKeyProblem(key: string): string | undefined {
  const parts = key.split("/");
  if (parts.length > 2) return 'has more than one "/"; Kubernetes keys are [prefix/]name';
  const name = parts.pop() ?? "";
  const prefix = parts.pop();
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return "has a prefix that is not a DNS subdomain (lower-case, dots, at most 253 characters)";
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return "has a name part Kubernetes refuses: 1-63 letters, digits, '-', '_' or '.', starting and ending alphanumeric";
  }
  return undefined;
}
