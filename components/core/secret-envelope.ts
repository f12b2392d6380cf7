/** Pulumi's marker of a secret value, in program inputs under the mocks and in state exports. */
export const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A value with Pulumi's secret envelope taken off; undefined where only ciphertext is at hand. */
export function revealed(value: unknown): unknown {
  if (!isRecord(value) || !(SECRET_SIGNATURE in value)) return value;
  if ("value" in value) return value["value"];
  if (typeof value["plaintext"] !== "string") return undefined;
  try {
    return JSON.parse(value["plaintext"]) as unknown;
  } catch {
    return undefined;
  }
}

/** The value with every secret envelope inside it taken off, as the API server would receive it. */
export function withoutSecretEnvelopes(value: unknown): unknown {
  const plain = revealed(value);
  if (Array.isArray(plain)) return plain.map(withoutSecretEnvelopes);
  if (!isRecord(plain)) return plain;
  return Object.fromEntries(Object.entries(plain).map(([key, item]) => [key, withoutSecretEnvelopes(item)]));
}
