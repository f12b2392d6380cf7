import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "../../components/stack/load";
import { buildPlatform } from "../../components/program";
import { callResult, idFor, stateFor } from "./mocks";
import type { StackConfig } from "./stack-file";

export interface SynthResource {
  readonly type: string;
  readonly name: string;
  /** Name of the parent resource; the stack itself for top-level components. */
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
  /** An existing object the program reads (`.get`), not one it creates. */
  readonly read?: true;
  /** The explicit provider's reference (`urn::id`): which cluster a Kubernetes object goes to. */
  readonly provider?: string;
}

export interface SynthResult {
  readonly resources: SynthResource[];
  readonly outputs: Record<string, unknown>;
}

export const PROJECT = "im-platform";

/**
 * The runtime records a stack trace on every promise it creates, for leak reports that a mocked
 * run never prints; through source maps that is over a third of synth time at scale. Set
 * IM_PLATFORM_SYNTH_STACKS=1 to keep them when debugging the kit. Returns the restore step.
 */
function withoutPromiseStacks(): () => void {
  if (process.env.IM_PLATFORM_SYNTH_STACKS === "1") return () => undefined;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}

const SEED_KEY = "im-platform:secretSeed";
/** Stands in for a stack's seed when it has none: offline synthesis only, never a deployment. */
const OFFLINE_SEED = "offline-synthesis-only-seed-never-deployed";

/** A sample stack leaves its seed to the operator; offline it gets a stand-in, so it still synthesises. */
export function withOfflineSeed(config: StackConfig): StackConfig {
  const keys = Object.keys(config.values);
  // A file with no platform key at all must still be refused as such, not pass for a seeded one.
  if (SEED_KEY in config.values || !keys.some((key) => key.startsWith("im-platform:"))) return config;
  return { values: { ...config.values, [SEED_KEY]: OFFLINE_SEED }, secretKeys: [...config.secretKeys, SEED_KEY] };
}

/**
 * Runs the kit's program under Pulumi's mocks with a stack's config: no engine, cluster or cloud.
 * Every registered resource comes back with its inputs and parent.
 */
export async function synthesize(config: StackConfig, stack = "synth", program?: () => unknown): Promise<SynthResult> {
  const registered: Array<{
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    read?: true;
    provider?: string;
  }> = [];
  const parentUrns = new Map<string, pulumi.Output<string>>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const state = stateFor(args);
        // A `.get` of an existing object arrives with its id: the program reads it, it creates nothing.
        registered.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
          ...(args.id ? { read: true as const } : {}),
          ...(args.provider ? { provider: args.provider } : {}),
        });
        return { id: idFor(args), state };
      },
      call: (args) => callResult(args),
    },
    PROJECT,
    stack,
    false,
  );
  const seeded = withOfflineSeed(config);
  pulumi.runtime.setAllConfig(seeded.values, seeded.secretKeys);
  // Validate before the stack exists, as the engine run does: bad config throws and registers nothing.
  const run =
    program ??
    (
      (validated) => () =>
        buildPlatform(validated)
    )(loadStackConfig());

  const restoreStacks = withoutPromiseStacks();
  let outputs: unknown;
  try {
    outputs = await pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.opts.parent) parentUrns.set(`${args.type}::${args.name}`, args.opts.parent.urn);
        return undefined;
      });
      return run();
    });
    await pulumi.runtime.disconnect();
  } finally {
    restoreStacks();
  }

  const parents = new Map<string, string>();
  await Promise.all(
    [...parentUrns].map(async ([key, urn]) => {
      parents.set(key, await new Promise<string>((resolve) => urn.apply((value) => resolve(value))));
    }),
  );
  const resources = registered
    .filter((resource) => resource.type !== "pulumi:pulumi:Stack")
    .map((resource) => {
      const parentUrn = parents.get(`${resource.type}::${resource.name}`);
      return { ...resource, parent: parentUrn?.split("::").pop() };
    });
  return { resources, outputs: (outputs ?? {}) as Record<string, unknown> };
}
