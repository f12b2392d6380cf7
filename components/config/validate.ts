import { z } from "zod";
import { cellFootprint, type Footprint } from "../core/capacity";
import { formatBytes, formatCpu, parseQuantity } from "../core/quantity";
import { targetPlatformIssues } from "../targets/checks";
import { maxIdleTimeoutSeconds } from "../targets/limits";
import { namedTargetSchema, targetSchema, type NamedTargetConfig } from "../targets/schemas";
import { edgeSchema, type EdgeConfig } from "./edge-schema";
import { configPath, unknownKeyMessage, type ConfigIssue } from "./errors";
import { fromZodIssue, issueAt } from "./issues";
import { autoscalingSchema, dataServiceSchema, ENVIRONMENTS } from "./platform-schema";
import { serviceOverrideSchema, type ServiceSpec } from "./service-schema";
import { resolveServices } from "./services";
import { tenancySchema, tenantSchema, type QuotaConfig } from "./tenant-schema";
import type { PlatformConfig, ResolvedQuota, ResolvedTenant } from "./types";

/** Each top-level config key and its schema; parsed one by one so every error shows at once. */
const sections = {
  environment: z.enum(ENVIRONMENTS),
  target: targetSchema.optional(),
  targets: z.array(namedTargetSchema).min(1).optional(),
  catalogue: z.enum(["openim", "none"]).default("openim"),
  services: z.array(serviceOverrideSchema).default([]),
  edge: edgeSchema,
  autoscaling: autoscalingSchema,
  tenancy: tenancySchema,
  tenants: z.array(tenantSchema).default([]),
  dataServices: z.array(dataServiceSchema).default([]),
};

type Sections = { [K in keyof typeof sections]: z.infer<(typeof sections)[K]> };

export type ValidationResult =
  | { readonly ok: true; readonly config: PlatformConfig }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Validates the `im-platform:` config keys (without the namespace) into a PlatformConfig. */
export function validatePlatformConfig(raw: Readonly<Record<string, unknown>>): ValidationResult {
  const issues: ConfigIssue[] = [];
  const allowed = Object.keys(sections);
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) issues.push({ path: configPath([key]), message: unknownKeyMessage(key, allowed) });
  }

  const parsed: Partial<Sections> = {};
  for (const [key, schema] of Object.entries(sections) as Array<[keyof Sections, z.ZodType]>) {
    const result = schema.safeParse(raw[key], { reportInput: true });
    if (result.success) (parsed as Record<string, unknown>)[key] = result.data;
    else issues.push(...result.error.issues.flatMap((issue) => fromZodIssue([key], issue)));
  }

  const targets = resolveTargets(parsed, raw, issues);
  const services = parsed.services && parsed.catalogue ? resolveServices(parsed.catalogue, parsed.services) : undefined;
  if (services) issues.push(...services.issues);
  // These read the raw value so they still report when another field of the same section is wrong.
  issues.push(...duplicateTenantIds(rawTenantIds(raw.tenants)));
  if (parsed.edge && targets) issues.push(...checkEdgeAgainstTargets(parsed.edge, targets));
  if (raw.environment === "prod" && rawTlsMode(raw.edge) === "none") {
    issues.push(issueAt(["edge", "tls", "mode"], "none", 'plain-text edges are refused in prod; use "edge" or "pod"'));
  }

  if (issues.length > 0 || !services || !targets) return { ok: false, issues };
  const { environment, edge, autoscaling, tenancy, tenants, dataServices } = parsed as Sections;
  const resolvedTenants = tenants.map((tenant): ResolvedTenant => ({
    ...tenant,
    quota: tenant.tier === "vip" ? resolveQuota(tenant.quota ?? tenancy.vipDefaults.quota) : undefined,
  }));
  const sharedQuota = resolveQuota(tenancy.sharedPool.quota);
  issues.push(...checkTenantScaling(tenants, services.services));
  issues.push(...checkCapacity(resolvedTenants, sharedQuota, services.services));
  const config: PlatformConfig = {
    environment,
    targets,
    services: services.services,
    edge,
    autoscaling,
    tenancy: { sharedPool: { quota: sharedQuota, useSharedNodePool: tenancy.sharedPool.useSharedNodePool } },
    tenants: resolvedTenants,
    dataServices,
  };
  // A target's fit with the tenants, edge and environment: checks that need the whole config.
  issues.push(...targetPlatformIssues(config, (index) => (raw.target !== undefined ? ["target"] : ["targets", index, "cluster"])));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}

function resolveTargets(
  parsed: Partial<Sections>,
  raw: Readonly<Record<string, unknown>>,
  issues: ConfigIssue[],
): NamedTargetConfig[] | undefined {
  if (raw.target !== undefined && raw.targets !== undefined) {
    issues.push({ path: configPath(["targets"]), message: "is given together with target; use target for one cluster or targets for a hybrid stack, not both" });
    return undefined;
  }
  if (raw.target === undefined && raw.targets === undefined) {
    issues.push({ path: configPath(["target"]), message: 'is required: set target (e.g. {kind: existing}) or targets for a hybrid stack' });
    return undefined;
  }
  if (parsed.target) return [{ name: "main", weight: 100, cluster: parsed.target }];
  if (!parsed.targets) return undefined;
  const names = parsed.targets.map((target) => target.name);
  const before = issues.length;
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) issues.push(issueAt(["targets", index, "name"], name, `duplicates targets[${names.indexOf(name)}].name; target names must be unique`));
  });
  const total = parsed.targets.reduce((sum, target) => sum + target.weight, 0);
  if (total !== 100) {
    issues.push({ path: configPath(["targets"]), message: `weights add up to ${total}; they must add up to 100` });
  }
  return issues.length === before ? parsed.targets : undefined;
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
    else issues.push(issueAt(["tenants", index, "id"], id, `duplicates tenants[${first}].id; tenant ids must be unique`));
  });
  return issues;
}

/** The idle timeout the edge will use: configured, or derived from the heartbeat. */
export function effectiveIdleTimeout(edge: EdgeConfig, maxSeconds: number): number {
  return edge.idleTimeoutSeconds ?? Math.min(2 * edge.clientHeartbeatSeconds + 10, maxSeconds);
}

function checkEdgeAgainstTargets(edge: EdgeConfig, targets: readonly NamedTargetConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const target of targets) {
    const max = maxIdleTimeoutSeconds(target.cluster);
    const idle = effectiveIdleTimeout(edge, max);
    if (idle > max) {
      issues.push(issueAt(["edge", "idleTimeoutSeconds"], idle, `exceeds the ${target.cluster.kind} load balancer maximum of ${max} s (target "${target.name}"); lower it`));
    } else if (idle < edge.clientHeartbeatSeconds + 10) {
      issues.push(issueAt(["edge", "clientHeartbeatSeconds"], edge.clientHeartbeatSeconds, `is too long for the ${target.cluster.kind} load balancer idle timeout ceiling (${max} s, target "${target.name}"); use a heartbeat <= ${max - 10} s`));
    }
  }
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
      if (service.replicas.fixed !== undefined) {
        issues.push(issueAt(path, bounds, `service ${name} has a fixed replica count and cannot be scaled per tenant`));
        continue;
      }
      const min = bounds.min ?? service.replicas.min ?? 0;
      const max = bounds.max ?? service.replicas.max ?? 1;
      if (min > max) issues.push(issueAt([...path, "min"], min, `is greater than max (${max}); lower min or raise max`));
    }
  });
  return issues;
}

/** Replicas of a service in a cell at rest (min) or at full burst (max). */
export function replicasInCell(service: ServiceSpec, tenantScaling: Record<string, { min?: number; max?: number }>, at: "min" | "max"): number {
  if (service.replicas.fixed !== undefined) return service.replicas.fixed;
  const override = tenantScaling[service.name];
  return (at === "min" ? override?.min ?? service.replicas.min : override?.max ?? service.replicas.max) ?? 0;
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

function checkCapacity(tenants: readonly ResolvedTenant[], sharedQuota: ResolvedQuota, services: readonly ServiceSpec[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  tenants.forEach((tenant, index) => {
    if (!tenant.quota) return;
    const need = cellFootprint(services, (service) => replicasInCell(service, tenant.scaling, "min"));
    issues.push(...quotaShortfalls(["tenants", index, "quota"], tenant.quota, need));
  });
  if (tenants.some((tenant) => tenant.tier === "shared")) {
    const need = cellFootprint(services, (service) => replicasInCell(service, {}, "min"));
    issues.push(...quotaShortfalls(["tenancy", "sharedPool", "quota"], sharedQuota, need));
  }
  return issues;
}

function quotaShortfalls(
  path: ReadonlyArray<string | number>,
  quota: ResolvedQuota,
  need: { requests: Footprint; limits: Footprint; pods: number },
): ConfigIssue[] {
  const checks: Array<[keyof ResolvedQuota, number, number, (n: number) => string]> = [
    ["cpu", parseQuantity(quota.cpu) ?? 0, need.requests.cpu, formatCpu],
    ["memory", parseQuantity(quota.memory) ?? 0, need.requests.memory, formatBytes],
    ["cpuLimit", parseQuantity(quota.cpuLimit) ?? 0, need.limits.cpu, formatCpu],
    ["memoryLimit", parseQuantity(quota.memoryLimit) ?? 0, need.limits.memory, formatBytes],
    ["pods", quota.pods, need.pods, String],
  ];
  return checks
    .filter(([, has, needs]) => has + 1e-9 < needs)
    .map(([field, , needs, format]) =>
      issueAt([...path, field], quota[field], `the cell needs ${format(needs)} at minimum replicas; raise the quota to at least that or lower the services' min replicas`));
}
