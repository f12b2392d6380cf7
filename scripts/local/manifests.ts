import type { SynthResult } from "../synth/synthesize";

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** Objects the API server must hold before the rest: namespaces and cluster-wide classes. */
const FIRST_KINDS = ["Namespace", "PriorityClass"];

function isKubeObject(value: Record<string, unknown>): value is Record<string, unknown> & KubeObject {
  const metadata = value.metadata as { name?: unknown } | undefined;
  return typeof value.apiVersion === "string" && typeof value.kind === "string" && typeof metadata?.name === "string";
}

/**
 * The Kubernetes objects a synthesized stack would create, as manifests in apply order. Every
 * object the kit registers carries an explicit name, so the manifest is exactly its inputs.
 */
export function manifestsOf(result: SynthResult): KubeObject[] {
  const objects = result.resources
    .filter((resource) => resource.type.startsWith("kubernetes:"))
    .map((resource) => {
      if (!isKubeObject(resource.inputs)) throw new Error(`${resource.type} ${resource.name} has no apiVersion, kind or metadata.name`);
      return resource.inputs;
    });
  const rank = (object: KubeObject) => (FIRST_KINDS.includes(object.kind) ? FIRST_KINDS.indexOf(object.kind) : FIRST_KINDS.length);
  return objects.sort((a, b) => rank(a) - rank(b));
}

/** Identity of an object on the API server. */
export function objectKey(object: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): string {
  return [object.apiVersion, object.kind, object.metadata.namespace ?? "", object.metadata.name].join("/");
}

export function asList(objects: readonly KubeObject[]): string {
  return JSON.stringify({ apiVersion: "v1", kind: "List", items: objects });
}
