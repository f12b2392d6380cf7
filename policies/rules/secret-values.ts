import { revealed } from "../../components/core/secret-envelope";
import { record } from "./k8s";
import type { Props } from "./types";

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
