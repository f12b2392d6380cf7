import { z } from "zod";
import { dnsLabel, strictObject } from "../config/fields";
import { awsTarget } from "./aws/definition";
import { azureTarget } from "./azure/definition";
import { createRegistry } from "../core/registry";
import type { TargetDefinition } from "./definition";
import { existingTarget } from "./existing/definition";
import { gcpTarget } from "./gcp/definition";

/** The target kinds this version ships; a new cloud is one folder and one entry here. */
const BUILT_IN_TARGETS = [existingTarget, awsTarget, azureTarget, gcpTarget] as const;

/** The config of any built-in target, discriminated by `kind`. */
export type TargetConfig = z.infer<(typeof BUILT_IN_TARGETS)[number]["schema"]>;

/** One member of a stack: its name, its share of traffic and its cluster. */
export interface NamedTargetConfig {
  readonly name: string;
  /** Share of client traffic (0-100); the weights of a stack add up to 100. */
  readonly weight: number;
  readonly cluster: TargetConfig;
}

const registry = createRegistry<TargetDefinition>(BUILT_IN_TARGETS, (definition) => definition.kind, "target kind");

export function targetDefinitions(): readonly TargetDefinition[] {
  return registry.entries();
}

/**
 * Adds a target kind at run time (a kind shipped outside this repository, or a test's), and
 * returns the function that removes it again.
 */
export function registerTarget<Config extends { readonly kind: string }, Detail>(
  definition: TargetDefinition<Config, Detail>,
): () => void {
  return registry.register(definition as unknown as TargetDefinition);
}

export function targetKinds(): string[] {
  return targetDefinitions().map((definition) => definition.kind);
}

/**
 * The definition of a validated target's kind. The config was parsed by that definition's own
 * schema, so the definition accepts it: the one place the union is narrowed by kind.
 */
export function definitionFor<Config extends { readonly kind: string }>(cluster: Config): TargetDefinition<Config> {
  const definition = targetDefinitions().find((known) => known.kind === cluster.kind);
  if (!definition)
    throw new Error(`no target definition for kind "${cluster.kind}"; registered: ${targetKinds().join(", ")}`);
  return definition as unknown as TargetDefinition<Config>;
}

/** The `target` section's schema: one member per registered kind. */
export function targetSchema(): z.ZodType<TargetConfig> {
  const kinds = targetKinds();
  const schemas = targetDefinitions().map((definition) => definition.schema) as unknown as [
    z.core.$ZodTypeDiscriminable,
    ...z.core.$ZodTypeDiscriminable[],
  ];
  return z.discriminatedUnion("kind", schemas, {
    error: (issue) =>
      issue.code === "invalid_union" ? `kind must be one of ${kinds.map((kind) => `"${kind}"`).join(", ")}` : undefined,
  }) as unknown as z.ZodType<TargetConfig>;
}

/** One member of a hybrid stack (`targets[]`). */
export function namedTargetSchema(): z.ZodType<NamedTargetConfig> {
  return strictObject({
    name: dnsLabel(20),
    /** Share of client traffic (0-100); the weights of a stack add up to 100. */
    weight: z.int().min(0).max(100),
    cluster: targetSchema(),
  });
}
