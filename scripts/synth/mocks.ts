import type * as pulumi from "@pulumi/pulumi";
import { AWS_MOCK_STATES } from "./mocks/aws";
import { AZURE_CALLS, AZURE_PREFIX, azureId, azureState } from "./mocks/azure";
import { GCP_PREFIX, gcpId, gcpState } from "./mocks/gcp";

type MockState = Record<string, unknown>;
type StateFactory = (args: pulumi.runtime.MockResourceArgs) => MockState;

function metadataOf(inputs: MockState): { name?: string; namespace?: string } {
  const metadata = inputs.metadata;
  return typeof metadata === "object" && metadata !== null ? (metadata as { name?: string; namespace?: string }) : {};
}

/** What a real API server would add that the program reads back: a load balancer address. */
function kubernetesState(args: pulumi.runtime.MockResourceArgs): MockState {
  const { name, namespace } = metadataOf(args.inputs);
  const isLoadBalancer = args.type === "kubernetes:core/v1:Service" &&
    (args.inputs.spec as { type?: string } | undefined)?.type === "LoadBalancer";
  const isIngress = args.type === "kubernetes:networking.k8s.io/v1:Ingress";
  if (isLoadBalancer || isIngress) {
    return { ...args.inputs, status: { loadBalancer: { ingress: [{ hostname: `${name}.${namespace}.edge.synth.invalid` }] } } };
  }
  return args.inputs;
}

/**
 * Resource types the synth knows, by type-token prefix. Anything else fails loudly: a silent
 * mock for an unknown type would hide a resource the kit did not mean to create.
 */
const STATE_BY_PREFIX: ReadonlyArray<[string, StateFactory]> = [
  ["pulumi:pulumi:Stack", (args) => args.inputs],
  ["im-platform:", (args) => args.inputs],
  ["pulumi:providers:", (args) => args.inputs],
  ["kubernetes:", kubernetesState],
  ...AWS_MOCK_STATES,
  [GCP_PREFIX, (args) => known(args, gcpState(args))],
  [AZURE_PREFIX, (args) => known(args, azureState(args))],
];

export class UnknownMockError extends Error {}

function known(args: pulumi.runtime.MockResourceArgs, state: MockState | undefined): MockState {
  if (!state) throw new UnknownMockError(`synth has no mock for resource type "${args.type}" (${args.name})`);
  return state;
}

export function stateFor(args: pulumi.runtime.MockResourceArgs): MockState {
  const entry = STATE_BY_PREFIX.find(([prefix]) => args.type.startsWith(prefix));
  if (!entry) throw new UnknownMockError(`synth has no mock for resource type "${args.type}" (${args.name})`);
  return entry[1](args);
}

/** Function calls (invokes) the synth can answer; any other call is an error. */
const CALLS: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>> = { ...AZURE_CALLS };

export function callResult(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  const handler = CALLS[args.token];
  if (!handler) throw new UnknownMockError(`synth has no mock for function "${args.token}"`);
  return handler(args.inputs as Record<string, unknown>);
}

export function idFor(args: pulumi.runtime.MockResourceArgs): string | undefined {
  if (!args.custom) return undefined;
  const cloudId = gcpId(args) ?? azureId(args);
  if (cloudId) return cloudId;
  const { name, namespace } = metadataOf(args.inputs);
  return name ? [namespace, name].filter(Boolean).join("/") : `${args.name}-id`;
}
