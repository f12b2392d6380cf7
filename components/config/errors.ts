import * as pulumi from "@pulumi/pulumi";

export const CONFIG_NAMESPACE = "im-platform";

/** One problem in the stack config, located by its config path ("im-platform:tenants[1].tier"). */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown before any resource is registered. A RunError, so the Pulumi engine prints the message
 * alone rather than a stack trace.
 */
export class ConfigError extends pulumi.RunError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(`Invalid stack config (${count}):\n${lines.join("\n")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

export type PathSegment = string | number | symbol;

/** Renders ["tenants", 1, "tier"] as "im-platform:tenants[1].tier". */
export function configPath(segments: readonly PathSegment[]): string {
  let text = CONFIG_NAMESPACE;
  segments.forEach((segment, index) => {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (index === 0) text += `:${String(segment)}`;
    else text += `.${String(segment)}`;
  });
  return text;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Closest candidate by edit distance, for "did you mean" hints on typos. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const guess = closestMatch(key, allowed);
  const hint = guess ? `did you mean "${guess}"? ` : "";
  return `unknown key "${key}": ${hint}allowed keys are ${allowed.map((k) => `"${k}"`).join(", ")}`;
}
