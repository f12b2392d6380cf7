import type * as pulumi from "@pulumi/pulumi";
import type { MockState } from "../../components/targets/definition";
import { targetDefinitions } from "../../components/targets/registry";
import { PLATFORM_FACTS_OUTPUT, STACK_REFERENCE_TYPE } from "../../components/core/platform-facts";

type StateFactory = (args: pulumi.runtime.MockResourceArgs) => MockState | undefined;

function metadataOf(inputs: MockState): { name?: string; namespace?: string } {
  const metadata = inputs.metadata;
  return typeof metadata === "object" && metadata !== null ? (metadata as { name?: string; namespace?: string }) : {};
}

/** What a real API server would add that the program reads back: a load balancer address. */
function kubernetesState(args: pulumi.runtime.MockResourceArgs): MockState {
  const { name, namespace } = metadataOf(args.inputs);
  const isLoadBalancer =
    args.type === "kubernetes:core/v1:Service" &&
    (args.inputs.spec as { type?: string } | undefined)?.type === "LoadBalancer";
  const isIngress = args.type === "kubernetes:networking.k8s.io/v1:Ingress";
  if (isLoadBalancer || isIngress) {
    return {
      ...args.inputs,
      status: { loadBalancer: { ingress: [{ hostname: `${name}.${namespace}.edge.synth.invalid` }] } },
    };
  }
  return args.inputs;
}

/**
 * A fleet cell stack's reference to its platform stack. Offline it reports no facts, as the
 * engine shows a stack's packs none (they get them as policy config from the fleet command).
 */
function stackReferenceState(args: pulumi.runtime.MockResourceArgs): MockState {
  return { ...args.inputs, outputs: { [PLATFORM_FACTS_OUTPUT]: {} }, secretOutputNames: [] };
}

/** Types of the kit itself and of Kubernetes, known whatever the targets. */
const PLATFORM_STATES: ReadonlyArray<readonly [string, StateFactory]> = [
  // Before the stack's own prefix, which it shares.
  [STACK_REFERENCE_TYPE, stackReferenceState],
  ["pulumi:pulumi:Stack", (args) => args.inputs],
  ["im-platform:", (args) => args.inputs],
  ["pulumi:providers:", (args) => args.inputs],
  ["kubernetes:", kubernetesState],
];

/**
 * Resource types the synth knows, by type-token prefix: the platform's, then each registered
 * target's. Anything else fails loudly: a silent mock for an unknown type would hide a resource
 * the kit did not mean to create.
 */
function statesByPrefix(): ReadonlyArray<readonly [string, StateFactory]> {
  return [...PLATFORM_STATES, ...targetDefinitions().flatMap((definition) => definition.mocks?.states ?? [])];
}

export class UnknownMockError extends Error {}

export function stateFor(args: pulumi.runtime.MockResourceArgs): MockState {
  const entry = statesByPrefix().find(([prefix]) => args.type.startsWith(prefix));
  const state = entry?.[1](args);
  if (!state) throw new UnknownMockError(`synth has no mock for resource type "${args.type}" (${args.name})`);
  return state;
}

/** Function calls (invokes) the synth can answer, from the targets' mocks; any other call is an error. */
export function callResult(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  const handler = targetDefinitions()
    .map((definition) => definition.mocks?.calls?.[args.token])
    .find((found) => found !== undefined);
  if (!handler) throw new UnknownMockError(`synth has no mock for function "${args.token}"`);
  return handler(args.inputs as Record<string, unknown>);
}

export function idFor(args: pulumi.runtime.MockResourceArgs): string | undefined {
  if (!args.custom) return undefined;
  const cloudId = targetDefinitions()
    .map((definition) => definition.mocks?.id?.(args))
    .find((found) => found !== undefined);
  if (cloudId) return cloudId;
  const { name, namespace } = metadataOf(args.inputs);
  return name ? [namespace, name].filter(Boolean).join("/") : `${args.name}-id`;
}
