import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config/types";
import { commonLabels, SYSTEM_NAMESPACE } from "../core/labels";
import type { Platform } from "../platform/platform";
import type { EdgeEndpoints } from "../platform/service-set";
import type { ClusterTarget } from "../targets/cluster-target";
import { TenantCell } from "./cell";
import { planCells } from "./plan";
import { tenancyWarnings } from "./warnings";

export interface TenancyArgs {
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
  readonly platform: Platform;
}

/** Every tenant cell on one target, and the directory that maps each tenant to its cell. */
export class Tenancy extends pulumi.ComponentResource {
  readonly cells: Readonly<Record<string, TenantCell>>;
  /** Tenant id -> namespace that serves it. */
  readonly tenantNamespaces: Readonly<Record<string, string>>;
  readonly endpoints: Readonly<Record<string, EdgeEndpoints>>;

  constructor(name: string, args: TenancyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:tenancy:Tenancy", name, {}, opts);
    const { config, target, platform } = args;
    const plans = planCells(config, target.nodePools, target.name);
    for (const warning of tenancyWarnings(config, target, plans)) pulumi.log.warn(warning, this);
    const platformReady = [platform.systemNamespace, ...Object.values(platform.priorityClasses)];

    const cells: Record<string, TenantCell> = {};
    const tenantNamespaces: Record<string, string> = {};
    for (const plan of plans) {
      // Child names carry the cell id only, so adding or moving one tenant leaves the others' names alone.
      cells[plan.cell] = new TenantCell(`${name}-${plan.cell}`, { plan, config, target, timings: platform.timings, platformReady }, { parent: this });
      for (const tenant of plan.tenants) tenantNamespaces[tenant] = plan.namespace;
    }

    new k8s.core.v1.ConfigMap(`${name}-directory`, {
      metadata: { name: "im-tenant-directory", namespace: SYSTEM_NAMESPACE, labels: commonLabels() },
      data: Object.fromEntries(config.tenants.map((tenant) => [
        tenant.id,
        JSON.stringify({ tier: tenant.tier, namespace: tenantNamespaces[tenant.id], displayName: tenant.displayName }),
      ])),
    }, { parent: this, dependsOn: [platform.systemNamespace] });

    this.cells = cells;
    this.tenantNamespaces = tenantNamespaces;
    this.endpoints = Object.fromEntries(Object.entries(cells).map(([cell, resource]) => [cell, resource.endpoints]));
    this.registerOutputs({ tenantNamespaces, cells: Object.keys(cells) });
  }
}
