import { z } from "zod";
import { dnsLabel, strictObject } from "../config/fields";
import { awsTargetSchema } from "./aws/schema";
import { azureTargetSchema } from "./azure/schema";
import { existingTargetSchema } from "./existing/schema";
import { gcpTargetSchema } from "./gcp/schema";

/** Every target kind this version can build; a new cloud adds its schema here. */
export const targetSchemas = [existingTargetSchema, awsTargetSchema, azureTargetSchema, gcpTargetSchema] as const;
export const TARGET_KINDS = targetSchemas.map((schema) => schema.shape.kind.value);

export const targetSchema = z.discriminatedUnion("kind", targetSchemas, {
  error: (issue) =>
    issue.code === "invalid_union"
      ? `kind must be one of ${TARGET_KINDS.map((kind) => `"${kind}"`).join(", ")}`
      : undefined,
});

/** One member of a hybrid stack. */
export const namedTargetSchema = strictObject({
  name: dnsLabel(20),
  /** Share of client traffic (0-100); the weights of a stack add up to 100. */
  weight: z.int().min(0).max(100),
  cluster: targetSchema,
});

export type TargetConfig = z.infer<typeof targetSchema>;
export type NamedTargetConfig = z.infer<typeof namedTargetSchema>;
