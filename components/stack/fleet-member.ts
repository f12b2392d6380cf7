import { z } from "zod";
import { strictObject } from "../config/fields";

/**
 * Which part of a fleet a stack deploys, set by the fleet command on the stacks it derives from
 * one fleet stack file. Absent, a stack deploys everything: platform and every cell.
 */
export const fleetMemberSchema = strictObject({
  fleet: z
    .string()
    .min(1)
    .meta({ description: "The fleet's own stack name: names derived from the stack (cloud resources) use it." }),
  platform: z.boolean().meta({
    description:
      "Whether this stack deploys the targets and the cluster-wide platform (namespaces, priority classes, add-ons, data sets, tenant directory).",
  }),
  platformStack: z.string().min(1).optional().meta({
    description:
      "The fleet's platform stack, which a cell stack references (and so requires deployed) before its cells.",
  }),
  cells: z
    .array(z.string().min(1))
    .meta({ description: "The cells this stack deploys, by cell id (a tenant id, or `shared` for a pooled cell)." }),
});

export type FleetMember = z.infer<typeof fleetMemberSchema>;

export const FLEET_MEMBER_KEY = "fleetMember";
