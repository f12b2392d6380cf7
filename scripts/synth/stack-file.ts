import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export interface StackConfig {
  /** Fully-qualified keys ("im-platform:tenants") to the text Pulumi would hand the program. */
  readonly values: Record<string, string>;
  /** Keys holding `secure:` values; their ciphertext is unreadable offline and stands in as-is. */
  readonly secretKeys: string[];
}

export const STACKS_DIR = path.resolve(__dirname, "../../stacks");

export function stackFilePath(stack: string): string {
  return path.join(STACKS_DIR, `Pulumi.${stack}.yaml`);
}

function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}

/** Replaces `{secure: ...}` leaves with a placeholder, noting which top-level keys held one. */
function redactSecure(value: unknown, onSecret: () => void): unknown {
  if (isSecure(value)) {
    onSecret();
    return "[secret]";
  }
  if (Array.isArray(value)) return value.map((item) => redactSecure(item, onSecret));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactSecure(item, onSecret)]));
  }
  return value;
}

/** Reads a Pulumi stack config file the way the engine presents it to a program. */
export function readStackConfig(file: string): StackConfig {
  const document = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(document?.config ?? {})) {
    let secret = false;
    const value = redactSecure(raw, () => {
      secret = true;
    });
    if (secret) secretKeys.push(key);
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys };
}
