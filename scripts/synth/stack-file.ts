import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument, type YAMLError } from "yaml";

export interface StackConfig {
  /** Fully-qualified keys ("im-platform:tenants") to the text Pulumi would hand the program. */
  readonly values: Record<string, string>;
  /** Keys holding `secure:` values; their ciphertext is unreadable offline and stands in as-is. */
  readonly secretKeys: string[];
}

export const STACKS_DIR = path.resolve(__dirname, "../../stacks");

/** The sample stacks in stacks/, by name, sorted. */
export function sampleStacks(): string[] {
  return readdirSync(STACKS_DIR)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

export function stackFilePath(stack: string): string {
  return path.join(STACKS_DIR, `Pulumi.${stack}.yaml`);
}

/**
 * What a `secure:` value reads as offline: long enough to pass the checks a real secret must pass,
 * and as distinct as the ciphertexts, so rules that compare secrets (no two cells share one) see
 * what the file holds.
 */
export function secretPlaceholder(ciphertext: string): string {
  return `[secret: held encrypted, unreadable offline; ${createHash("sha256").update(ciphertext).digest("hex").slice(0, 12)}]`;
}

function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}

/** Replaces `{secure: ...}` leaves with a placeholder, noting which top-level keys held one. */
function redactSecure(value: unknown, onSecret: () => void): unknown {
  if (isSecure(value)) {
    onSecret();
    return secretPlaceholder(value.secure);
  }
  if (Array.isArray(value)) return value.map((item) => redactSecure(item, onSecret));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactSecure(item, onSecret)]));
  }
  return value;
}

/** A stack file that cannot be read or parsed: the message names the file, line and column. */
export class StackFileError extends Error {
  override readonly name = "StackFileError";
}

/** "file:line:column: problem", without the code frame the YAML parser appends. */
function describeYamlError(file: string, error: YAMLError): string {
  const position = error.linePos?.[0];
  const problem = error.message.split(/ at line \d+, column \d+/)[0] ?? error.message;
  return `${file}:${position?.line ?? 1}:${position?.col ?? 1}: ${problem}`;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new StackFileError(
      `${file}: cannot read the stack file (${code === "ENOENT" ? "no such file" : (code ?? String(error))})`,
    );
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a Pulumi stack config file the way the engine presents it to a program. Like Pulumi's
 * own reader it takes YAML merge keys (`<<: *anchor`) and refuses duplicate keys.
 */
export function readStackConfig(file: string): StackConfig {
  const parsed = parseDocument(readText(file), { merge: true });
  if (parsed.errors.length > 0)
    throw new StackFileError(parsed.errors.map((error) => describeYamlError(file, error)).join("\n"));
  const document: unknown = parsed.toJS();
  if (document !== null && document !== undefined && !isMapping(document)) {
    throw new StackFileError(`${file}:1:1: the stack file must be a mapping with a config: key`);
  }
  const config = document?.config ?? {};
  if (!isMapping(config)) throw new StackFileError(`${file}: config must be a mapping of namespace:key to values`);
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(config)) {
    let secret = false;
    const value = redactSecure(raw, () => {
      secret = true;
    });
    if (secret) secretKeys.push(key);
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys };
}
