import { configPath, type ConfigIssue, type PathSegment } from "./errors";

/**
 * Keys that name JavaScript object internals. Assigned into a plain object, `__proto__` swaps its
 * prototype (a value the file never sets then shows through), so they are refused wherever they
 * appear in the config.
 */
export const FORBIDDEN_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The config without forbidden keys, rebuilt from own properties into objects without a
 * prototype, and an issue for every forbidden key found, at its path.
 */
export function withoutForbiddenKeys(raw: Readonly<Record<string, unknown>>): {
  clean: Record<string, unknown>;
  issues: ConfigIssue[];
} {
  const issues: ConfigIssue[] = [];
  const copy = (value: unknown, path: readonly PathSegment[]): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => copy(item, [...path, index]));
    if (!isMap(value)) return value;
    const clean: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.includes(key)) {
        issues.push({
          path: configPath([...path, key]),
          message: `is a reserved key ("${key}" names a JavaScript object internal) and is never read; remove it`,
        });
        continue;
      }
      clean[key] = copy(value[key], [...path, key]);
    }
    return clean;
  };
  return { clean: copy(raw, []) as Record<string, unknown>, issues };
}
