import { kubectlOk } from "../../scripts/local/kubectl";
import type { PulumiResult } from "../../scripts/local/pulumi";
export { isReady } from "../../scripts/local/pods";

/** Live objects as the API server returns them; only the fields the suite reads. */
export interface LiveObject {
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
    ownerReferences?: Array<{ kind: string; name: string }>;
  };
  spec?: Record<string, any>;
  status?: Record<string, any>;
}

export function ok(result: PulumiResult, what: string): PulumiResult {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

export const getJson = <T = LiveObject>(args: readonly string[]): T[] =>
  (JSON.parse(kubectlOk([...args, "-o", "json"])) as { items: T[] }).items;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(
  what: string,
  condition: () => boolean,
  timeoutMs = 180_000,
  everyMs = 1000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The node-pool label of every node, by node name. */
export function poolOfNodes(): Map<string, string | undefined> {
  return new Map(
    getJson(["get", "nodes"]).map((node) => [node.metadata.name, node.metadata.labels?.["im-platform.io/pool"]]),
  );
}
