import { AZURE_TYPES } from "../../../components/targets/azure/conventions";
import type { SynthResource } from "../../../scripts/synth/synthesize";
import { sampleRawConfig } from "../../helpers/stack";

export type Raw = Record<string, any>;

/** An Azure sample stack's `im-platform:` keys as plain values, for tests to vary. */
export function azureRawConfig(stack: "azure-dev" | "azure-prod"): Raw {
  return sampleRawConfig(stack);
}

export const AZ = AZURE_TYPES;

export function all(resources: readonly SynthResource[], type: string): SynthResource[] {
  return resources.filter((r) => r.type === type);
}

export function only(resources: readonly SynthResource[], type: string): SynthResource {
  const found = all(resources, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

export function named(resources: readonly SynthResource[], type: string, name: string): SynthResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}: ${all(resources, type)
        .map((r) => r.name)
        .join(", ")}`,
    );
  return found;
}
