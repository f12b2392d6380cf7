import { createHmac } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/** Whose a derived value is: one cell's, or one data set's. */
export const seedScope = {
  cell: (cell: string) => `cell/${cell}`,
  dataSet: (dataSet: string) => `data-set/${dataSet}`,
} as const;

/** The HMAC of one scope and purpose under the stack's secret seed: unrelated across scopes and purposes. */
export function derivedBytes(seed: string, scope: string, purpose: string): Buffer {
  return createHmac("sha256", seed).update(`${scope}\u0000${purpose}`).digest();
}

/**
 * A credential derived from the stack's secret seed: the same inputs give the same value on every
 * run (no random provider, no drift), different cells or purposes give unrelated values, and the
 * result is a Pulumi secret, so it is encrypted in state and masked in output.
 */
export function derivedSecret(seed: string, scope: string, purpose: string): pulumi.Output<string> {
  return pulumi.secret(derivedValue(seed, scope, purpose));
}

/** The plain derived value, for the tests and for values built from several secrets. */
export function derivedValue(seed: string, scope: string, purpose: string): string {
  // 24 bytes in base64url: 32 characters of [A-Za-z0-9_-], safe in URIs, shell and YAML.
  return derivedBytes(seed, scope, purpose).toString("base64url").slice(0, 32);
}

/** A cell's Kafka password: in its data Secret, and in the broker's user list of its data set. */
export function cellKafkaPassword(seed: string, cell: string): string {
  return derivedValue(seed, seedScope.cell(cell), "kafka");
}

/**
 * A derived credential in the shape managed services accept: 30 characters of letters, digits and
 * `_`, with an upper-case letter, a lower-case one and a digit always present (the "three character
 * types" rule of several clouds' password checks).
 */
export function managedServiceSecret(seed: string, scope: string, purpose: string): pulumi.Output<string> {
  return pulumi.secret(`Im7${derivedValue(seed, scope, purpose).slice(0, 27).replace(/-/g, "_")}`);
}
