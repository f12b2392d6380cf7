import { z } from "zod";
import { HOURS_PER_DAY } from "../core/load-profile";
import { strictObject } from "./fields";

/** The burst factor of a tenant that declares load without one: half again its declared peak. */
export const DEFAULT_BURST_FACTOR = 1.5;

/** A tenant's declared load: what its cell is sized for, and what the capacity comparison models. */
export const loadSchema = strictObject({
  peakConnections: z
    .int({ error: "must be a whole number of connections" })
    .min(0, { error: "must be 0 or more" })
    .max(100_000_000)
    .default(0)
    .meta({ description: "Client connections open at once at the tenant's busiest hour." }),
  peakMessagesPerSecond: z
    .number()
    .min(0, { error: "must be 0 or more" })
    .max(10_000_000)
    .default(0)
    .meta({ description: "Messages the tenant's users send a second at its busiest hour." }),
  burstFactor: z
    .number()
    .min(1, { error: "must be at least 1 (1 is no burst above the declared peak)" })
    .max(100)
    .optional()
    .meta({
      description:
        "How far above its declared peak a burst may take the tenant (2: twice the peak): the cell's max replicas, quota and pool are sized for peak x burst.",
      defaultText: "tenancy.sizing.burstFactor",
    }),
  hourly: z
    .array(z.number().min(0, { error: "must be 0 or more (a share of the peak)" }))
    .length(HOURS_PER_DAY, { error: `must list ${HOURS_PER_DAY} values, one per local hour from midnight` })
    .refine((values) => values.some((value) => value > 0), {
      error: "must have a value above 0: the largest value stands for the declared peak",
    })
    .optional()
    .meta({
      description:
        "The tenant's day by local hour (index 0 is midnight), in any unit: scaled so its largest value is the declared peak.",
      defaultText: "a standard messaging day: quiet 01:00-06:00, peak at 21:00",
    }),
  utcOffsetHours: z
    .number()
    .min(-12, { error: "must be between -12 and 14" })
    .max(14, { error: "must be between -12 and 14" })
    .multipleOf(0.25, { error: "must be a whole number of quarter hours (5.5 for India)" })
    .default(0)
    .meta({
      description:
        "The tenant's time zone as hours from UTC (8 for Singapore, -5 for New York): shifts its day, so tenants in different zones peak at different hours.",
    }),
}).superRefine((load, ctx) => {
  if (load.peakConnections === 0 && load.peakMessagesPerSecond === 0) {
    ctx.addIssue({
      code: "custom",
      input: load,
      message: "declares no load: give peakConnections, peakMessagesPerSecond or both, or remove load",
    });
  }
});

export const SIZING_MODES = ["check", "derive"] as const;

/** How declared load sizes cells: checked against the config, or also filling what it leaves out. */
export const sizingSchema = strictObject({
  mode: z.enum(SIZING_MODES).default("check").meta({
    description:
      "`check`: report where a tenant's replica bounds, quota or pool cannot hold its declared peak x burst. `derive`: as check, and a VIP tenant with load takes the derived replica bounds and quota wherever it sets none of its own (`tenants[].scaling`, `tenants[].quota`).",
  }),
  shortfalls: z.enum(["warn", "error"]).default("warn").meta({
    description:
      "How a shortfall against declared load is reported: `warn` (logged on every run, deploys anyway) or `error` (refuses the config).",
  }),
  burstFactor: z
    .number()
    .min(1, { error: "must be at least 1 (1 is no burst above the declared peak)" })
    .max(100)
    .default(DEFAULT_BURST_FACTOR)
    .meta({ description: "Burst factor of tenants whose `load` gives none." }),
});

export type LoadConfig = z.infer<typeof loadSchema>;
export type SizingConfig = z.infer<typeof sizingSchema>;
