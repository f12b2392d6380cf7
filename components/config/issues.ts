import type { z } from "zod";
import { configPath, describeValue, type ConfigIssue, type PathSegment } from "./errors";

type ZodIssue = z.core.$ZodIssue;

/** Turns one zod issue into config issues that name the path, the value given and the rule. */
export function fromZodIssue(prefix: readonly PathSegment[], issue: ZodIssue): ConfigIssue[] {
  const path = [...prefix, ...issue.path];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key, index) => ({
        path: configPath([...path, key]),
        message: issue.message.split("; ")[index] ?? issue.message,
      }));
    case "invalid_type":
      return [
        {
          path: configPath(path),
          message:
            input === undefined
              ? `is required (${issue.expected})`
              : `got ${describeValue(input)}; expected ${issue.expected}`,
        },
      ];
    case "invalid_value":
      return [
        {
          path: configPath(path),
          message: `${input === undefined ? "is required" : `got ${describeValue(input)}`}; allowed: ${issue.values.map((value) => describeValue(value)).join(", ")}`,
        },
      ];
    case "invalid_union": {
      // A discriminated union fails on its discriminator: point at it rather than the whole object.
      const atKind = path[path.length - 1] === "kind";
      const kind = typeof input === "object" && input !== null ? (input as { kind?: unknown }).kind : input;
      return [
        {
          path: configPath(atKind ? path : [...path, "kind"]),
          message: `got ${describeValue(kind)}; ${issue.message}`,
        },
      ];
    }
    default:
      return [{ path: configPath(path), message: `got ${describeValue(input)}; ${lowerFirst(issue.message)}` }];
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function issueAt(path: readonly PathSegment[], value: unknown, rule: string): ConfigIssue {
  return { path: configPath(path), message: `got ${describeValue(value)}; ${rule}` };
}
