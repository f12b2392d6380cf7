import { expect } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";

/** Asserts that validation rejects `raw` with an issue at `path` (and, if given, a message matching `message`). */
export function expectIssueAt(raw: unknown, path: string, message?: RegExp): void {
  const result = validateStackConfig(raw as Record<string, unknown>);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  const issue = result.issues.find((candidate) => candidate.path === path);
  expect(issue, `no issue at ${path}; got ${JSON.stringify(result.issues)}`).toBeDefined();
  if (message) expect(issue?.message).toMatch(message);
}
