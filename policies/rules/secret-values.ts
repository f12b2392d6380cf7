import { record } from "./k8s";
import type { Props } from "./types";

/** Pulumi's marker of a secret value in state and in program inputs. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** A value with Pulumi's secret envelope taken off; undefined where only ciphertext is at hand. */
function revealed(value: unknown): unknown {
  const envelope = record(value);
  if (!envelope || !(SECRET_SIGNATURE in envelope)) return value;
  if ("value" in envelope) return envelope["value"];
  if (typeof envelope["plaintext"] !== "string") return undefined;
  try {
    return JSON.parse(envelope["plaintext"]) as unknown;
  } catch {
    return undefined;
  }
}

function readableEntries(value: unknown): Array<[string, string]> {
  return Object.entries(record(revealed(value)) ?? {}).flatMap(([key, item]) => {
    const plain = revealed(item);
    return typeof plain === "string" ? [[key, plain] as [string, string]] : [];
  });
}

/** A Secret's readable values by key: `stringData` as given, `data` decoded from base64. */
export function secretValues(props: Props): Record<string, string> {
  const fromData = readableEntries(props["data"]).map(
    ([key, value]) => [key, Buffer.from(value, "base64").toString("utf8")] as const,
  );
  return { ...Object.fromEntries(fromData), ...Object.fromEntries(readableEntries(props["stringData"])) };
}
