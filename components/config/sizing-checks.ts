import { cellFootprint, type Footprint } from "../core/capacity";
import { formatBytes, formatCpu, parseQuantity } from "../core/quantity";
import { loadHeldBy, type Load, type PerReplicaCapacity } from "../core/replica-sizing";
import { configPath, type ConfigIssue, type PathSegment } from "./errors";
import { issueAt } from "./issues";
import type { SizingConfig } from "./load-schema";
import type { Profile, ServiceSpec } from "./service-schema";
import { servicesInProfile } from "./services";
import {
  burstLoad,
  derivedScaling,
  quotaForMaxReplicas,
  replicasAtLoad,
  resolveLoad,
  sizeServices,
  type ResolvedLoad,
  type ServiceSizing,
} from "./sizing";
import type { QuotaConfig, TenancyConfig, TenantConfig } from "./tenant-schema";

/** A count as people read it: 120,000; a rate to one decimal where it has one. */
function amount(value: number): string {
  return (Math.round(value * 10) / 10).toLocaleString("en-US");
}

/** The load dimensions worth naming: those a service is sized by and the tenant declares. */
export interface Dimensions {
  readonly connections: boolean;
  readonly messagesPerSecond: boolean;
}

function dimensionsOf(load: ResolvedLoad, capacity?: PerReplicaCapacity): Dimensions {
  return {
    connections: load.peak.connections > 0 && (!capacity || capacity.connections !== undefined),
    messagesPerSecond: load.peak.messagesPerSecond > 0 && (!capacity || capacity.messagesPerSecond !== undefined),
  };
}

/** "120,000 connections and 1,200 messages a second", naming only the dimensions asked for. */
export function describeLoad(
  load: Load,
  dimensions: Dimensions = { connections: true, messagesPerSecond: true },
): string {
  const parts: string[] = [];
  if (dimensions.connections) parts.push(`${amount(load.connections)} connections`);
  if (dimensions.messagesPerSecond) parts.push(`${amount(load.messagesPerSecond)} messages a second`);
  return parts.join(" and ");
}

function declared(tenant: TenantConfig, load: ResolvedLoad, dimensions: Dimensions): string {
  return `tenant "${tenant.id}" declares a peak x burst ${load.burstFactor} of ${describeLoad(burstLoad(load), dimensions)}`;
}

/** The sized tenants: the config to build (derived bounds and quota filled in where asked) and what was found. */
export interface SizedTenants {
  /** The tenants with `tenancy.sizing.mode: derive` applied. */
  readonly tenants: TenantConfig[];
  /** Shortfalls against declared load: warnings, or errors with `shortfalls: error`. */
  readonly findings: ConfigIssue[];
}

interface TenantContext {
  readonly tenant: TenantConfig;
  readonly index: number;
  readonly load: ResolvedLoad;
  readonly services: readonly ServiceSpec[];
  readonly sizings: readonly ServiceSizing[];
  readonly overrides: readonly { readonly name: string; readonly replicas?: unknown }[];
}

/** Where a service's configured max lives for this tenant, and what it is. */
function maxSetting(context: TenantContext, service: ServiceSpec): { path: PathSegment[]; given?: number } {
  const { tenant, index, overrides } = context;
  if (tenant.tier === "vip") {
    return { path: ["tenants", index, "scaling", service.name, "max"], given: tenant.scaling[service.name]?.max };
  }
  const override = overrides.findIndex((entry) => entry.name === service.name && entry.replicas !== undefined);
  return override >= 0 ? { path: ["services", override, "replicas", "max"] } : { path: ["tenants", index, "load"] };
}

function ceilingFindings(context: TenantContext): ConfigIssue[] {
  const { tenant, index, load, services } = context;
  return context.sizings.flatMap((sizing): ConfigIssue[] => {
    const ceiling = sizing.ceiling;
    if (!ceiling || sizing.atBurst <= ceiling.replicas) return [];
    const dimensions = dimensionsOf(load, sizing.capacity);
    const held = describeLoad(loadHeldBy(ceiling.replicas, sizing.capacity), dimensions);
    const service = services.find((candidate) => candidate.name === sizing.service)!;
    const fix =
      ceiling.reason === "fixed"
        ? `set tenants[${index}].profile: services (one pod per service, each scaling on its own), or lower the declared load`
        : `the cell cannot take more: split the tenant's traffic over cells, or lower the declared load`;
    const what =
      ceiling.reason === "fixed"
        ? `the cell runs ${service.name} as ${ceiling.replicas === 1 ? "one fixed pod" : `${ceiling.replicas} fixed pods`} (profile ${service.profile})`
        : `${service.name} can run at most ${ceiling.replicas} useful pods (its topic's partitions)`;
    return [
      {
        path: configPath(["tenants", index, "load"]),
        message: `${what}, which ${ceiling.replicas === 1 ? "holds" : "hold"} ${held}, but ${declared(tenant, load, dimensions)}: ${fix}`,
      },
    ];
  });
}

function maxFindings(context: TenantContext, derive: boolean): ConfigIssue[] {
  const { tenant, load, services } = context;
  return context.sizings.flatMap((sizing): ConfigIssue[] => {
    const service = services.find((candidate) => candidate.name === sizing.service)!;
    if ("fixed" in service.replicas) return [];
    const { path, given } = maxSetting(context, service);
    if (derive && tenant.tier === "vip" && given === undefined) return [];
    const max = given ?? service.replicas.max;
    const needed = Math.min(sizing.atBurst, sizing.ceiling?.replicas ?? Infinity);
    if (max >= needed) return [];
    const dimensions = dimensionsOf(load, sizing.capacity);
    const held = describeLoad(loadHeldBy(max, sizing.capacity), dimensions);
    const each = describeLoad(loadHeldBy(1, sizing.capacity), dimensions);
    const shortfall = `${service.name} holds ${held} at ${max} pods (${each} each), but ${declared(tenant, load, dimensions)}`;
    if (tenant.tier !== "vip") {
      return [
        {
          path: configPath(path),
          message: `${shortfall}: shared cells run the services' own bounds; raise services[].replicas.max of ${service.name} to at least ${needed}, or move the tenant to tier: vip to size its cell on its own`,
        },
      ];
    }
    if (given === undefined) {
      return [
        {
          path: configPath(path),
          message: `is not set, so it is ${service.name}'s own max of ${max}; ${shortfall}: set it to at least ${needed}, or set tenancy.sizing.mode: derive`,
        },
      ];
    }
    return [issueAt(path, given, `${shortfall}: raise it to at least ${needed}, or lower the declared load`)];
  });
}

/** The quota fields a peak footprint needs, and the quota a cell has. */
function quotaFindings(
  path: readonly PathSegment[],
  quota: QuotaConfig,
  need: { requests: Footprint; limits: Footprint; pods: number },
  why: string,
): ConfigIssue[] {
  const cpu = parseQuantity(quota.cpu) ?? 0;
  const memory = parseQuantity(quota.memory) ?? 0;
  const checks: Array<[keyof QuotaConfig, string | number, number, number, (n: number) => string]> = [
    ["cpu", quota.cpu, cpu, need.requests.cpu, formatCpu],
    ["memory", quota.memory, memory, need.requests.memory, formatBytes],
    [
      "cpuLimit",
      quota.cpuLimit ?? `4 x cpu`,
      parseQuantity(quota.cpuLimit ?? "") ?? cpu * 4,
      need.limits.cpu,
      formatCpu,
    ],
    [
      "memoryLimit",
      quota.memoryLimit ?? `4 x memory`,
      parseQuantity(quota.memoryLimit ?? "") ?? memory * 4,
      need.limits.memory,
      formatBytes,
    ],
    ["pods", quota.pods, quota.pods, need.pods, String],
  ];
  return checks
    .filter(([, , has, needs]) => has + 1e-9 < needs)
    .map(([field, shown, , needs, format]) =>
      issueAt(
        [...path, field],
        shown,
        `the cell needs ${format(needs)} to run the replicas of ${why}; raise the quota to at least that`,
      ),
    );
}

function peakFootprint(context: TenantContext, scaling: TenantConfig["scaling"]) {
  return cellFootprint(context.services, (service) => replicasAtLoad(service, scaling, burstLoad(context.load)));
}

/**
 * Sizes every tenant that declares load: derives its cell's replica bounds and quota, applies them
 * where `tenancy.sizing.mode: derive` asks and the tenant gives none, and reports where the
 * configured bounds, quota or the services themselves cannot hold its peak times its burst.
 */
export function sizeTenants(
  tenants: readonly TenantConfig[],
  services: readonly ServiceSpec[],
  tenancy: Pick<TenancyConfig, "sizing" | "vipDefaults" | "sharedPool">,
  overrides: readonly { readonly name: string; readonly replicas?: unknown }[],
): SizedTenants {
  const sizing: SizingConfig = tenancy.sizing;
  const derive = sizing.mode === "derive";
  const findings: ConfigIssue[] = [];
  const sized = tenants.map((tenant, index): TenantConfig => {
    if (!tenant.load) return tenant;
    const load = resolveLoad(tenant.load, sizing);
    const profile: Profile =
      tenant.profile ?? (tenant.tier === "vip" ? tenancy.vipDefaults.profile : tenancy.sharedPool.profile);
    const inProfile = servicesInProfile(services, profile);
    const context: TenantContext = {
      tenant,
      index,
      load,
      services: inProfile,
      sizings: sizeServices(inProfile, load),
      overrides,
    };
    findings.push(...ceilingFindings(context), ...maxFindings(context, derive));
    const applied = derive && tenant.tier === "vip" ? withDerived(tenant, context) : tenant;
    const why = `tenant "${tenant.id}"'s declared peak x burst ${load.burstFactor} (${describeLoad(burstLoad(load), dimensionsOf(load))})`;
    if (tenant.tier === "vip") {
      const path = tenant.quota ? ["tenants", index, "quota"] : ["tenancy", "vipDefaults", "quota"];
      const quota = applied.quota ?? tenancy.vipDefaults.quota;
      if (!(derive && !tenant.quota))
        findings.push(...quotaFindings(path, quota, peakFootprint(context, applied.scaling), why));
    } else {
      const need = peakFootprint(context, {});
      findings.push(...quotaFindings(["tenancy", "sharedPool", "quota"], tenancy.sharedPool.quota, need, why));
    }
    return applied;
  });
  return { tenants: sized, findings };
}

/** A VIP tenant with the bounds and quota its load derives wherever it set none of its own. */
function withDerived(tenant: TenantConfig, context: TenantContext): TenantConfig {
  const derived = derivedScaling(context.sizings);
  const scaling: TenantConfig["scaling"] = { ...tenant.scaling };
  for (const [name, bounds] of Object.entries(derived)) {
    const service = context.services.find((candidate) => candidate.name === name);
    if (!service || "fixed" in service.replicas) continue;
    const given = tenant.scaling[name] ?? {};
    const max = given.max ?? bounds.max;
    // Only a min above the service's own is written, so a queue worker keeps its scale-to-zero.
    const min = given.min ?? (bounds.min > service.replicas.min ? Math.min(bounds.min, max) : undefined);
    scaling[name] = { ...(min === undefined ? {} : { min }), max };
  }
  const quota = tenant.quota ?? { ...quotaForMaxReplicas(context.services, scaling), storage: "0" };
  return { ...tenant, scaling, quota };
}
