import { z } from "zod";
import { dnsLabel, quantity, strictObject } from "./fields";

export const TIERS = ["shared", "vip"] as const;

/** Ids a tenant may not take: they name the platform's own cells and namespaces. */
export const RESERVED_TENANT_IDS = ["shared", "system", "kube", "default", "platform", "edge"] as const;

export const quotaSchema = strictObject({
  /** Sum of CPU requests the cell may hold. */
  cpu: quantity,
  /** Sum of memory requests the cell may hold. */
  memory: quantity,
  /** Ceiling on limits, so a burst cannot take the node from under other cells. @default 4 x cpu */
  cpuLimit: quantity.optional(),
  /** @default 4 x memory */
  memoryLimit: quantity.optional(),
  /** @default 200 */
  pods: z.int().min(1).max(100000).default(200),
  /** @default "0" (IM services here keep no volumes) */
  storage: quantity.default("0"),
});

const scalingOverrideSchema = strictObject({
  min: z.int().min(0).max(1000).optional(),
  max: z.int().min(1).max(1000).optional(),
});

export const tenantSchema = strictObject({
  id: dnsLabel(20).refine((id) => !(RESERVED_TENANT_IDS as readonly string[]).includes(id), {
    error: `is reserved; pick another id (reserved: ${RESERVED_TENANT_IDS.join(", ")})`,
  }),
  /** `shared`: served by the pooled cell. `vip`: a cell of its own. Moving tiers is this one line. */
  tier: z.enum(TIERS),
  displayName: z.string().min(1).max(100).optional(),
  /** Quota of a VIP cell. @default tenancy.vipDefaults.quota */
  quota: quotaSchema.optional(),
  /** Run the VIP cell on a node pool of its own (labels and taint by the platform's convention). @default false */
  dedicatedNodePool: z.boolean().default(false),
  /** Per-service replica bounds of a VIP cell, by service name. */
  scaling: z.record(z.string(), scalingOverrideSchema).default({}),
  /** A customer-managed key of the tenant's own, where the target supports it. @default false */
  dedicatedKey: z.boolean().default(false),
}).superRefine((tenant, ctx) => {
  if (tenant.tier !== "vip") {
    for (const field of ["quota", "dedicatedNodePool", "dedicatedKey"] as const) {
      const value = tenant[field];
      const given = field === "quota" ? value !== undefined : value === true;
      if (given) {
        ctx.addIssue({ code: "custom", path: [field], input: value,
          message: `applies to VIP cells only; set tier: vip, or remove ${field} (shared tenants use tenancy.sharedPool)` });
      }
    }
    if (Object.keys(tenant.scaling).length > 0) {
      ctx.addIssue({ code: "custom", path: ["scaling"], input: tenant.scaling,
        message: "applies to VIP cells only; set tier: vip, or remove scaling" });
    }
  }
});

export const tenancySchema = strictObject({
  sharedPool: strictObject({
    quota: quotaSchema.prefault({ cpu: "16", memory: "32Gi", pods: 500 }),
    /** Keep the shared cell on the target's shared node pool. @default true */
    useSharedNodePool: z.boolean().default(true),
  }).prefault({}),
  vipDefaults: strictObject({
    quota: quotaSchema.prefault({ cpu: "8", memory: "16Gi", pods: 200 }),
  }).prefault({}),
}).prefault({});

export type TenantConfig = z.infer<typeof tenantSchema>;
export type QuotaConfig = z.infer<typeof quotaSchema>;
export type TenancyConfig = z.infer<typeof tenancySchema>;
