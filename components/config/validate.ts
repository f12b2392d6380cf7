import { z } from "zod";
import { cellFootprint, replicasInCell, type Footprint } from "../core/capacity";
import { formatBytes, formatCpu, parseQuantity } from "../core/quantity";
import { edgeSchema } from "./edge-schema";
import { pinImages, type DataImagePlacement } from "./images";
import { imagesSchema } from "./images-schema";
import { configPath, type ConfigIssue } from "./errors";
import { fromZodIssue, issueAt } from "./issues";
import { CATALOGUES } from "../catalogue/registry";
import { dataSchema } from "./data-schema";
import { monitoringSchema } from "./monitoring-schema";
import { trafficSchema } from "./traffic-schema";
import { monitoringIssues } from "./monitoring-checks";
import { dataIssues, secretSeedIssues, tenancyModelIssues } from "./data-checks";
import { autoscalingSchema, ENVIRONMENTS } from "./platform-schema";
import { serviceOverrideSchema, type Profile, type ServiceSpec } from "./service-schema";
import { resolveServices, scalesOnQueueLag, servicesInProfile } from "./services";
import { declaredLoad } from "./sizing";
import { sizeTenants } from "./sizing-checks";
import { tenancySchema, tenantSchema, type QuotaConfig } from "./tenant-schema";
import type { PlatformConfig, ResolvedQuota, ResolvedTenant } from "./types";

/**
 * The platform's top-level config keys and their schemas, in the order they are reported; the
 * target keys are the registry's. Parsed one by one so every error shows at once.
 */
export const PLATFORM_SECTIONS = {
  environment: z.enum(ENVIRONMENTS).meta({
    description:
      "Deployment environment; prod refuses plain-text edges and, per target, public API endpoints and single-zone layouts.",
  }),
  catalogue: z.enum(["openim", "none"]).default("openim").meta({
    description: "The base service catalogue: OpenIM Server v3.8.3, or none (every service from `services`).",
  }),
  services: z.array(serviceOverrideSchema).default([]).meta({
    description:
      "Overrides merged by `name` onto the catalogue; a new name adds a service, `enabled: false` drops one.",
  }),
  edge: edgeSchema.meta({
    description: "The public edge: heartbeat and idle timeouts, draining, client ranges, TLS, the API's exposure.",
  }),
  autoscaling: autoscalingSchema.meta({
    description: "Pod autoscaling: CPU target, gateways on online users, scale-in pace, KEDA.",
  }),
  tenancy: tenancySchema.meta({
    description: "How shared tenants' cells are laid out and sized, and the defaults of VIP cells.",
  }),
  tenants: z.array(tenantSchema).default([]).meta({
    description:
      "The tenants, each in a cell of its own (with `layout: pooledCell`, shared ones of a multi-tenant catalogue share one).",
  }),
  images: imagesSchema.meta({
    description:
      "How images are pinned (the IM services' and the data tier's): a digest per image, and whether a tag alone is refused.",
  }),
  data: dataSchema.meta({
    description:
      "The data tier the cells bind to: in the cluster or given by the operator, pooled for shared tenants, dedicated for VIPs that ask.",
  }),
  monitoring: monitoringSchema.meta({
    description:
      "Metrics, alerts and dashboards at three levels (infrastructure, service, each tenant's experience), with per-tier SLOs and alert routing.",
  }),
  traffic: trafficSchema.optional().meta({
    description:
      "Global traffic: each tenant's hostnames published with health checks by one target's DNS service, failing over between the tenant's home and standby targets (or spread by weight).",
  }),
  secretSeed: z
    .string()
    .min(32, { error: "must be at least 32 characters; generate one with: openssl rand -base64 32" })
    .optional()
    .meta({
      description:
        'Secret the kit derives every cell\'s credentials from (a distinct value per cell and purpose). Set it once with `pulumi config set --secret im-platform:secretSeed "$(openssl rand -base64 32)"`; changing it rotates every generated credential.',
    }),
};

type Sections = { [K in keyof typeof PLATFORM_SECTIONS]: z.infer<(typeof PLATFORM_SECTIONS)[K]> };

/** Each section that parsed, the catalogue with the stack's overrides, and every problem found so far. */
export interface ParsedPlatform {
  readonly sections: Partial<Sections>;
  readonly services?: readonly ServiceSpec[];
  /** The stack's service overrides as given, for paths into them. */
  readonly overrides?: readonly { readonly name: string }[];
  /** Whether the raw config gave a secret seed at all (it may have failed its own checks). */
  readonly rawSecretSeedGiven: boolean;
  readonly issues: readonly ConfigIssue[];
}

/** Parses the platform's sections of the raw `im-platform:` keys, with the checks that need no target. */
export function parsePlatformSections(raw: Readonly<Record<string, unknown>>): ParsedPlatform {
  const issues: ConfigIssue[] = [];
  const sections: Partial<Sections> = {};
  for (const [key, schema] of Object.entries(PLATFORM_SECTIONS) as Array<[keyof Sections, z.ZodType]>) {
    const result = schema.safeParse(raw[key], { reportInput: true });
    if (result.success) (sections as Record<string, unknown>)[key] = result.data;
    else issues.push(...result.error.issues.flatMap((issue) => fromZodIssue([key], issue)));
  }
  const services =
    sections.services && sections.catalogue ? resolveServices(sections.catalogue, sections.services) : undefined;
  if (services) issues.push(...services.issues);
  // These read the raw value so they still report when another field of the same section is wrong.
  issues.push(...duplicateTenantIds(rawTenantIds(raw.tenants)));
  if (raw.environment === "prod" && rawTlsMode(raw.edge) === "none") {
    issues.push(issueAt(["edge", "tls", "mode"], "none", 'plain-text edges are refused in prod; use "edge" or "pod"'));
  }
  return {
    sections,
    services: services?.services,
    overrides: sections.services,
    rawSecretSeedGiven: raw.secretSeed !== undefined,
    issues,
  };
}

/**
 * Applies the defaults that depend on several sections and runs the checks across them
 * (per-tenant scaling, quotas against the cells' footprints, an empty tenant list). Each check
 * runs when the sections it reads parsed, whatever else failed; the config is complete only when
 * every section parsed.
 */
export function completePlatformConfig(
  parsed: ParsedPlatform,
  /** Where the stack's targets run its data (managed or in the cluster), for the images it pulls. */
  dataPlacement?: DataImagePlacement,
): {
  config?: PlatformConfig;
  issues: ConfigIssue[];
  /** Risky but allowed: shortfalls against declared load, unless `tenancy.sizing.shortfalls: error`. */
  warnings: ConfigIssue[];
} {
  const { environment, edge, autoscaling, tenancy, tenants, data, images, catalogue, secretSeed, monitoring } =
    parsed.sections;
  const pinned =
    parsed.services && images && environment
      ? pinImages(parsed.services, data, catalogue && CATALOGUES[catalogue], images, environment, dataPlacement)
      : undefined;
  const services = pinned?.services ?? parsed.services;
  if (!tenancy || !tenants) return { issues: [...(pinned?.issues ?? [])], warnings: [] };
  // Declared load sizes the cells first: with sizing.mode derive, the checks below see the derived bounds.
  const sized = services ? sizeTenants(tenants, services, tenancy, parsed.sections.services ?? []) : undefined;
  const effective = sized?.tenants ?? tenants;
  const resolvedTenants = effective.map((tenant): ResolvedTenant => {
    const { load: given, ...rest } = tenant;
    const load = given && declaredLoad(given, tenancy.sizing);
    return {
      ...rest,
      quota: tenant.tier === "vip" ? resolveQuota(tenant.quota ?? tenancy.vipDefaults.quota) : undefined,
      profile: tenant.profile ?? (tenant.tier === "vip" ? tenancy.vipDefaults.profile : tenancy.sharedPool.profile),
      ...(load ? { load } : {}),
    };
  });
  const sharedQuota = resolveQuota(tenancy.sharedPool.quota);
  const issues = [...noTenantIssues(tenants, tenancy), ...(pinned?.issues ?? [])];
  if (monitoring) issues.push(...monitoringIssues(monitoring, autoscaling, environment));
  const findings = sized?.findings ?? [];
  const warnings = tenancy.sizing.shortfalls === "error" ? [] : findings;
  if (tenancy.sizing.shortfalls === "error") issues.push(...findings);
  const definition = catalogue ? CATALOGUES[catalogue] : undefined;
  if (definition) {
    issues.push(...tenancyModelIssues(definition, tenancy, tenants));
    issues.push(...secretSeedIssues(definition, secretSeed, parsed.rawSecretSeedGiven));
    if (data) issues.push(...dataIssues(definition, data, tenancy, tenants));
  }
  if (services) {
    issues.push(...checkTenantScaling(tenants, services), ...checkCapacity(effective, tenancy, services));
    if (autoscaling) issues.push(...scaleToZeroIssues(services, autoscaling, tenants, parsed.overrides ?? []));
  }
  if (!environment || !edge || !autoscaling || !data || !services || !pinned || !images || !catalogue || !monitoring) {
    return { issues, warnings };
  }
  const config: PlatformConfig = {
    environment,
    catalogue,
    services,
    edge,
    autoscaling,
    tenancy: {
      allowNoTenants: tenancy.allowNoTenants,
      sizing: tenancy.sizing,
      sharedPool: {
        quota: sharedQuota,
        useSharedNodePool: tenancy.sharedPool.useSharedNodePool,
        layout: tenancy.sharedPool.layout,
        profile: tenancy.sharedPool.profile,
      },
    },
    tenants: resolvedTenants,
    data: pinned.data ?? data,
    secretSeed: secretSeed ?? "",
    images: { ...images, requireDigests: pinned.required },
    monitoring,
    ...(parsed.sections.traffic ? { traffic: parsed.sections.traffic } : {}),
  };
  return { config, issues, warnings };
}

/**
 * Only KEDA scales to zero: an HPA's minReplicas must be at least 1, or the API server refuses it.
 * Checked for each service's own bounds and each tenant's.
 */
function scaleToZeroIssues(
  services: readonly ServiceSpec[],
  autoscaling: Sections["autoscaling"],
  tenants: Sections["tenants"],
  overrides: readonly { readonly name: string }[],
): ConfigIssue[] {
  const rule = (name: string) =>
    `is 0, but ${name} would scale with a HorizontalPodAutoscaler, whose minReplicas Kubernetes holds at 1 or more; use min: 1, or give the worker KEDA triggers with autoscaling.keda.enabled`;
  const issues: ConfigIssue[] = [];
  for (const service of services) {
    if ("fixed" in service.replicas || service.role === "singleton" || scalesOnQueueLag(service, autoscaling)) continue;
    const { min, max } = service.replicas;
    if (min === 0 && max > 0) {
      const override = overrides.findIndex((entry) => entry.name === service.name);
      const path = override >= 0 ? ["services", override, "replicas", "min"] : ["catalogue"];
      issues.push(issueAt(path, 0, rule(service.name)));
    }
    tenants.forEach((tenant, index) => {
      const bounds = tenant.scaling[service.name];
      if (bounds?.min === 0 && (bounds.max ?? max) > 0) {
        issues.push(issueAt(["tenants", index, "scaling", service.name, "min"], 0, rule(service.name)));
      }
    });
  }
  return issues;
}

/** A stack without tenants deletes every cell it deployed; that takes an explicit setting. */
function noTenantIssues(tenants: Sections["tenants"], tenancy: Sections["tenancy"]): ConfigIssue[] {
  if (tenants.length > 0 || tenancy.allowNoTenants) return [];
  return [
    issueAt(
      ["tenants"],
      tenants,
      "lists no tenant: a pulumi up would delete every tenant cell this stack deployed; list the tenants, or set tenancy.allowNoTenants: true to run the platform without any",
    ),
  ];
}

function rawTenantIds(tenants: unknown): Array<string | undefined> {
  if (!Array.isArray(tenants)) return [];
  return tenants.map((tenant: unknown) => {
    const id = typeof tenant === "object" && tenant !== null ? (tenant as { id?: unknown }).id : undefined;
    return typeof id === "string" ? id : undefined;
  });
}

function rawTlsMode(edge: unknown): unknown {
  const tls = typeof edge === "object" && edge !== null ? (edge as { tls?: unknown }).tls : undefined;
  return typeof tls === "object" && tls !== null ? (tls as { mode?: unknown }).mode : undefined;
}

function duplicateTenantIds(ids: ReadonlyArray<string | undefined>): ConfigIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  ids.forEach((id, index) => {
    if (id === undefined) return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else
      issues.push(issueAt(["tenants", index, "id"], id, `duplicates tenants[${first}].id; tenant ids must be unique`));
  });
  return issues;
}

function checkTenantScaling(tenants: Sections["tenants"], services: readonly ServiceSpec[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byName = new Map(services.map((service) => [service.name, service]));
  tenants.forEach((tenant, index) => {
    for (const [name, bounds] of Object.entries(tenant.scaling)) {
      const path = ["tenants", index, "scaling", name];
      const service = byName.get(name);
      if (!service) {
        issues.push(issueAt(path, name, `is not a service of the catalogue; one of ${[...byName.keys()].join(", ")}`));
        continue;
      }
      if ("fixed" in service.replicas) {
        issues.push(issueAt(path, bounds, `service ${name} has a fixed replica count and cannot be scaled per tenant`));
        continue;
      }
      const min = bounds.min ?? service.replicas.min;
      const max = bounds.max ?? service.replicas.max;
      if (min > max)
        issues.push(issueAt([...path, "min"], min, `is greater than max (${max}); lower min or raise max`));
    }
  });
  return issues;
}

function resolveQuota(quota: QuotaConfig): ResolvedQuota {
  const cpu = parseQuantity(quota.cpu) ?? 0;
  const memory = parseQuantity(quota.memory) ?? 0;
  return {
    ...quota,
    cpuLimit: quota.cpuLimit ?? formatCpu(cpu * 4),
    memoryLimit: quota.memoryLimit ?? formatBytes(memory * 4),
  };
}

function checkCapacity(
  tenants: Sections["tenants"],
  tenancy: Sections["tenancy"],
  services: readonly ServiceSpec[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const inProfile = (profile: Profile) => servicesInProfile(services, profile);
  tenants.forEach((tenant, index) => {
    if (tenant.tier !== "vip") return;
    const given = tenant.quota ?? tenancy.vipDefaults.quota;
    const path = tenant.quota ? ["tenants", index, "quota"] : ["tenancy", "vipDefaults", "quota"];
    const profile = tenant.profile ?? tenancy.vipDefaults.profile;
    const need = cellFootprint(inProfile(profile), (service) => replicasInCell(service, tenant.scaling, "min"));
    issues.push(...quotaShortfalls(path, given, need));
  });
  const sharedProfiles = new Set(
    tenants.filter((tenant) => tenant.tier === "shared").map((tenant) => tenant.profile ?? tenancy.sharedPool.profile),
  );
  for (const profile of sharedProfiles) {
    const need = cellFootprint(inProfile(profile), (service) => replicasInCell(service, {}, "min"));
    issues.push(...quotaShortfalls(["tenancy", "sharedPool", "quota"], tenancy.sharedPool.quota, need));
  }
  return issues;
}

/** The limit a quota derives when it sets none, from the request it multiplies. */
const DERIVED_LIMITS = { cpuLimit: "cpu", memoryLimit: "memory" } as const;

function quotaShortfalls(
  path: ReadonlyArray<string | number>,
  given: QuotaConfig,
  need: { requests: Footprint; limits: Footprint; pods: number },
): ConfigIssue[] {
  const quota = resolveQuota(given);
  const checks: Array<[keyof ResolvedQuota, number, number, (n: number) => string]> = [
    ["cpu", parseQuantity(quota.cpu) ?? 0, need.requests.cpu, formatCpu],
    ["memory", parseQuantity(quota.memory) ?? 0, need.requests.memory, formatBytes],
    ["cpuLimit", parseQuantity(quota.cpuLimit) ?? 0, need.limits.cpu, formatCpu],
    ["memoryLimit", parseQuantity(quota.memoryLimit) ?? 0, need.limits.memory, formatBytes],
    ["pods", quota.pods, need.pods, String],
  ];
  return checks
    .filter(([, has, needs]) => has + 1e-9 < needs)
    .map(([field, , needs, format]): ConfigIssue => {
      const base = field === "cpuLimit" || field === "memoryLimit" ? DERIVED_LIMITS[field] : undefined;
      if (base && given[field] === undefined) {
        // The user never wrote this value: say where it came from rather than "got".
        return {
          path: configPath([...path, field]),
          message: `is not set, so it is 4 x ${base} = ${String(quota[field])}; the cell needs ${format(needs)} at minimum replicas: set ${field} to at least that, raise ${base}, or lower the services' min replicas`,
        };
      }
      return issueAt(
        [...path, field],
        quota[field],
        `the cell needs ${format(needs)} at minimum replicas; raise the quota to at least that or lower the services' min replicas`,
      );
    });
}
