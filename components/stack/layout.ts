import { z } from "zod";

/**
 * How a stack file is deployed: as one stack, or as a fleet of stacks derived from it (a platform
 * stack and cell stacks, `npm run fleet`). The pipelines (`npm run ci`) and the fleet command read it.
 */
export const LAYOUTS = ["stack", "fleet"] as const;
export type Layout = (typeof LAYOUTS)[number];

export const LAYOUT_KEY = "layout";

export const layoutSchema = z.enum(LAYOUTS).default("stack").meta({
  description:
    "How this file is deployed: `stack`, one stack (`pulumi up`); `fleet`, a platform stack and a stack per cell derived from it (`npm run fleet`), which keeps onboarding a tenant to that tenant's stack.",
});
