import { z } from "zod";
import { dnsLabel, quantity, strictObject } from "./fields";
import { loadSchema, sizingSchema } from "./load-schema";
import { PROFILES } from "./service-schema";

export const TIERS = ["shared", "vip"] as const;

/** Ids a tenant may not take: they name the platform's own cells and namespaces. */
export const RESERVED_TENANT_IDS = ["shared", "system", "kube", "default", "platform", "edge"] as const;

export const quotaSchema = strictObject({
  cpu: quantity.meta({ description: "Sum of CPU requests the cell may hold." }),
  memory: quantity.meta({ description: "Sum of memory requests the cell may hold." }),
  cpuLimit: quantity.optional().meta({
    description: "Ceiling on limits, so a burst cannot take the node from under other cells.",
    defaultText: "4 x cpu",
  }),
  memoryLimit: quantity.optional().meta({ description: "Sum of the cell's memory limits.", defaultText: "4 x memory" }),
  pods: z.int().min(1).max(100000).default(200).meta({ description: "Most pods the cell may run." }),
  storage: quantity.default("0").meta({
    description: "Sum of the cell's persistent volume claims.",
    defaultText: '"0" (IM services here keep no volumes)',
  }),
});

const scalingOverrideSchema = strictObject({
  min: z.int().min(0).max(1000).optional().meta({ description: "Fewest pods of the service in this cell." }),
  max: z.int().min(1).max(1000).optional().meta({ description: "Most pods of the service in this cell." }),
});

export const tenantSchema = strictObject({
  id: dnsLabel(20).refine((id) => !(RESERVED_TENANT_IDS as readonly string[]).includes(id), {
    error: `is reserved; pick another id (reserved: ${RESERVED_TENANT_IDS.join(", ")})`,
  }),
  tier: z.enum(TIERS).meta({
    description:
      "`shared`: pools nodes and data clusters, small and burstable, never preempts. `vip`: guaranteed capacity, may preempt, optional dedicated pool, key and data. Moving tiers is this one line.",
  }),
  displayName: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Human name of the tenant, kept in the tenant directory." }),
  quota: quotaSchema.optional().meta({ description: "Quota of a VIP cell.", defaultText: "tenancy.vipDefaults.quota" }),
  dedicatedNodePool: z.boolean().default(false).meta({
    description: "Run the VIP cell on a node pool of its own (labels and taint by the platform's convention).",
  }),
  scaling: z
    .record(z.string(), scalingOverrideSchema)
    .default({})
    .meta({ description: "Per-service replica bounds of a VIP cell, by service name." }),
  dedicatedKey: z
    .boolean()
    .default(false)
    .meta({ description: "A customer-managed key of the tenant's own, where the target supports it." }),
  dedicatedData: z.boolean().default(false).meta({
    description:
      "Data services of the tenant's own (MongoDB, Kafka, object store, etcd in a namespace of their own) instead of a database, topics, bucket and root on the pooled ones.",
  }),
  profile: z.enum(PROFILES).optional().meta({
    description:
      "The cell's profile, over its tier's default: `services` (one pod per service) or `compact` (all in one).",
    defaultText: "tenancy.sharedPool.profile or tenancy.vipDefaults.profile",
  }),
  placement: strictObject({
    home: dnsLabel(20).optional().meta({
      description:
        "The target (by `targets[].name`) that serves the tenant. Without one, the tenant is spread over the targets by their weights.",
      defaultText: "spread by weight",
    }),
    standby: dnsLabel(20).optional().meta({
      description:
        "A second target that runs the tenant's cell too and takes its clients when the home's health checks fail (needs data both targets reach).",
    }),
  })
    .optional()
    .meta({ description: "Where the tenant runs in a hybrid stack: its home target and an optional standby." }),
  load: loadSchema.optional().meta({
    description:
      "The tenant's declared load: its peak, its burst and its day. The cell's replica bounds, quota and pool are checked against it (`tenancy.sizing`), and `npm run capacity` models it.",
    defaultText: "none: the cell is not sized from load",
  }),
}).superRefine((tenant, ctx) => {
  if (tenant.tier !== "vip") {
    for (const field of ["quota", "dedicatedNodePool", "dedicatedKey", "dedicatedData"] as const) {
      const value = tenant[field];
      const given = field === "quota" ? value !== undefined : value === true;
      if (given) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          input: value,
          message: `applies to VIP cells only; set tier: vip, or remove ${field} (shared tenants use tenancy.sharedPool)`,
        });
      }
    }
    if (Object.keys(tenant.scaling).length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["scaling"],
        input: tenant.scaling,
        message: "applies to VIP cells only; set tier: vip, or remove scaling",
      });
    }
  }
});

/** `cellPerTenant`: an instance per tenant; `pooledCell`: one instance for all, for a natively multi-tenant server. */
export const SHARED_LAYOUTS = ["cellPerTenant", "pooledCell"] as const;

export const tenancySchema = strictObject({
  sharedPool: strictObject({
    layout: z.enum(SHARED_LAYOUTS).default("cellPerTenant").meta({
      description:
        "`cellPerTenant`: each shared tenant gets its own server instance in a small cell, pooling nodes and data clusters. `pooledCell`: one instance serves every shared tenant, only for a catalogue that keeps tenants apart itself.",
    }),
    profile: z
      .enum(PROFILES)
      .default("compact")
      .meta({ description: "Profile of shared tenants' cells: `compact` (all in one pod) or `services`." }),
    quota: quotaSchema
      .prefault({ cpu: "2", memory: "4Gi", cpuLimit: "4", memoryLimit: "8Gi", pods: 20, storage: "0" })
      .meta({ description: "Quota of each shared tenant's cell (of the one pooled cell with `pooledCell`)." }),
    useSharedNodePool: z
      .boolean()
      .default(true)
      .meta({ description: "Keep shared tenants' cells on the target's shared node pool." }),
  })
    .prefault({})
    .meta({ description: "What shared tenants' cells pool, and how they run." }),
  vipDefaults: strictObject({
    quota: quotaSchema
      .prefault({ cpu: "8", memory: "16Gi", pods: 200 })
      .meta({ description: "Quota of a VIP cell that gives none." }),
    profile: z
      .enum(PROFILES)
      .default("services")
      .meta({ description: "Profile of VIP cells: `services` (one pod per service) or `compact`." }),
  })
    .prefault({})
    .meta({ description: "Defaults for VIP cells that set none of their own." }),
  sizing: sizingSchema.prefault({}).meta({
    description:
      "How tenants' declared load (`tenants[].load`) sizes their cells: checked or derived, and whether a shortfall warns or refuses.",
  }),
  allowNoTenants: z.boolean().default(false).meta({
    description:
      "Accept a stack without tenants. Off, an empty tenant list is refused: a pulumi up would delete every tenant cell the stack deployed.",
  }),
}).prefault({});

export type TenantConfig = z.infer<typeof tenantSchema>;
export type SharedLayout = (typeof SHARED_LAYOUTS)[number];
export type QuotaConfig = z.infer<typeof quotaSchema>;
export type TenancyConfig = z.infer<typeof tenancySchema>;
