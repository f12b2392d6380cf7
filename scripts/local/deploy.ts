import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { kubectl, kubectlOk } from "./kubectl";
import { asList, type KubeObject, objectKey } from "./manifests";
import { APPLIED_DIR } from "./paths";

const FIELD_MANAGER = "im-platform";

export interface ApplyReport {
  readonly applied: number;
  readonly removed: readonly string[];
}

function appliedFile(stack: string): string {
  return join(APPLIED_DIR, `${stack}.json`);
}

/** What the stack last applied, as manifests; empty before the first apply. */
export function lastApplied(stack: string): KubeObject[] {
  const file = appliedFile(stack);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as KubeObject[]) : [];
}

function recordApplied(stack: string, objects: readonly KubeObject[]): void {
  mkdirSync(APPLIED_DIR, { recursive: true });
  writeFileSync(appliedFile(stack), JSON.stringify(objects));
}

/** Deletes objects, dependants first, and waits until the API server no longer has them. */
export function removeObjects(objects: readonly KubeObject[]): void {
  if (objects.length === 0) return;
  kubectlOk(["delete", "--ignore-not-found", "--wait", "--timeout=180s", "-f", "-"], asList([...objects].reverse()));
}

/**
 * Server-side applies the stack's objects, then removes what the previous apply created and this
 * one no longer renders (a tenant that left its cell), so the cluster matches the config.
 */
export function applyStack(stack: string, objects: readonly KubeObject[]): ApplyReport {
  kubectlOk(["apply", "--server-side", `--field-manager=${FIELD_MANAGER}`, "--force-conflicts", "-f", "-"], asList(objects));
  const wanted = new Set(objects.map(objectKey));
  const stale = lastApplied(stack).filter((object) => !wanted.has(objectKey(object)));
  removeObjects(stale);
  recordApplied(stack, objects);
  return { applied: objects.length, removed: stale.map(objectKey) };
}

/** What a server-side apply would change, as kubectl's diff; empty when the cluster matches. */
export function diffStack(objects: readonly KubeObject[]): string {
  const result = kubectl(["diff", "--server-side", `--field-manager=${FIELD_MANAGER}`, "--force-conflicts", "-f", "-"], asList(objects));
  // kubectl diff: 0 no differences, 1 differences, anything else an error.
  if (result.status > 1) throw new Error(`kubectl diff failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}

/** Deletes everything the stack applied and forgets it. */
export function destroyStack(stack: string): number {
  const objects = lastApplied(stack);
  removeObjects(objects);
  recordApplied(stack, []);
  return objects.length;
}
