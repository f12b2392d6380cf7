import { z } from "zod";
import { dnsLabel, strictObject } from "../config/fields";
import { alibabaTarget } from "./alibaba/definition";
import { awsTarget } from "./aws/definition";
import { azureTarget } from "./azure/definition";
import { createRegistry } from "../core/registry";
import type { TargetDefinition } from "./definition";
import { existingTarget } from "./existing/definition";
import { gcpTarget } from "./gcp/definition";

/** The target kinds this version ships; a new cloud is one folder and one entry here. */
const BUILT_IN_TARGETS = [existingTarget, awsTarget, azureTarget, gcpTarget, alibabaTarget] as const;

/** The config of any built-in target, discriminated by `kind`. */
export type TargetConfig = z.infer<(typeof BUILT_IN_TARGETS)[number]["schema"]>;

/** One member of a stack: its name, its weight, whether it takes new tenants, and its cluster. */
export interface NamedTargetConfig {
  readonly name: string;
  /** Its share (0-100) of the tenants spread by weight; the weights of a stack add up to 100, and 0 drains it. */
  readonly weight: number;
  /** Takes no tenant spread by weight (tenants with it as home stay); 0 weight drains it instead. */
  readonly cordoned: boolean;
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
    /** Its share (0-100) of the tenants spread by weight; the weights of a stack add up to 100, and 0 drains it. */
    weight: z.int().min(0).max(100),
    cordoned: z.boolean().default(false).meta({
      description:
        "No tenant is newly spread onto the target; tenants that name it as home stay. (Weight 0 drains it: spread tenants move off, and no tenant may name it as home.)",
    }),
    cluster: targetSchema(),
  });
}
