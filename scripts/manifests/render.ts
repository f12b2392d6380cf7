import { withoutSecretEnvelopes } from "../../components/core/secret-envelope";
import type { SynthResource } from "../synth/synthesize";

/** A Kubernetes object as the API server would receive it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [field: string]: unknown;
}

/** Types the kit registers through Kubernetes that are not objects of their own (providers, Helm releases). */
const NOT_OBJECTS = [/^kubernetes:helm\.sh\//, /^pulumi:providers:/];

/** "kubernetes:apps/v1:Deployment" -> {apiVersion: "apps/v1", kind: "Deployment"}; core types have no group. */
export function typeToApiVersionKind(type: string): { apiVersion: string; kind: string } | undefined {
  const match = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
  if (!match) return undefined;
  const [group, version] = match[1]!.split("/");
  if (!group || !version) return undefined;
  return { apiVersion: group === "core" ? version : `${group}/${version}`, kind: match[2]! };
}

/** The Kubernetes objects of a synthesized stack, as manifests, in registration order. */
export function kubernetesManifests(resources: readonly SynthResource[]): Manifest[] {
  return resources.flatMap((resource) => {
    if (resource.read || NOT_OBJECTS.some((pattern) => pattern.test(resource.type))) return [];
    const typed = typeToApiVersionKind(resource.type);
    if (!typed) return [];
    // Secret values arrive under Pulumi's envelope; the engine takes it off before the API server sees them.
    const inputs = withoutSecretEnvelopes(resource.inputs) as Record<string, unknown>;
    const { apiVersion: _apiVersion, kind: _kind, ...fields } = inputs;
    const metadata = (fields.metadata ?? {}) as Manifest["metadata"];
    return [{ ...typed, ...fields, metadata }];
  });
}
