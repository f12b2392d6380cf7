/** Dotted paths of a parsed YAML document's leaves (scalars, lists, empty values), sorted. */
export function leafKeys(document: unknown, prefix = ""): string[] {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return prefix ? [prefix] : [];
  const keys = Object.entries(document as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  );
  return keys.sort();
}
