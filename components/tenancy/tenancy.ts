import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config/types";
import { commonLabels, SYSTEM_NAMESPACE } from "../core/labels";
import { yieldToRuntime } from "../core/pacing";
import type { PlatformHandle } from "../platform/platform";
import type { EdgeEndpoints } from "../platform/service-set";
import type { ClusterTarget } from "../targets/cluster-target";
import { TenantCell } from "./cell";
import { planCells } from "./plan";
import { tenancyWarnings } from "./warnings";

export interface TenancyArgs {
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
  readonly platform: PlatformHandle;
  /** The cells to lay out, by cell id. @default every cell of the config */
  readonly cells?: readonly string[];
  /** Whether to publish the tenant directory (every tenant, wherever its cell is deployed). @default true */
  readonly directory?: boolean;
}

/** Every tenant cell on one target, and the directory that maps each tenant to its cell. */
export class Tenancy extends pulumi.ComponentResource {
  private readonly cellsById: Record<string, TenantCell> = {};
  private readonly namespacesByTenant: Record<string, string> = {};

  /** Lays out every cell, pausing between cells so a thousand tenants never register at once. */
  static async create(name: string, args: TenancyArgs, opts?: pulumi.ComponentResourceOptions): Promise<Tenancy> {
    const tenancy = new Tenancy(name, opts);
    await tenancy.layOut(name, args);
    return tenancy;
  }

  private constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:tenancy:Tenancy", name, {}, opts);
  }

  get cells(): Readonly<Record<string, TenantCell>> {
    return this.cellsById;
  }

  /** Tenant id -> namespace that serves it. */
  get tenantNamespaces(): Readonly<Record<string, string>> {
    return this.namespacesByTenant;
  }

  get endpoints(): Readonly<Record<string, EdgeEndpoints>> {
    return Object.fromEntries(Object.entries(this.cellsById).map(([cell, resource]) => [cell, resource.endpoints]));
  }

  private async layOut(name: string, args: TenancyArgs): Promise<void> {
    const { config, target, platform } = args;
    const plans = planCells(config, target.nodePools, target.name);
    const wanted = args.cells ? new Set(args.cells) : undefined;
    const laidOut = wanted ? plans.filter((plan) => wanted.has(plan.cell)) : plans;
    for (const warning of tenancyWarnings(config, target, laidOut)) pulumi.log.warn(warning, this);
    const platformReady = [...platform.cellPrerequisites];
    for (const plan of plans) for (const tenant of plan.tenants) this.namespacesByTenant[tenant] = plan.namespace;

    for (const plan of laidOut) {
      await yieldToRuntime();
      // Child names carry the cell id only, so adding or moving one tenant leaves the others' names alone.
      this.cellsById[plan.cell] = new TenantCell(
        `${name}-${plan.cell}`,
        { plan, config, target, platformReady, addOns: platform.addOns },
        { parent: this },
      );
    }

    if (args.directory ?? true) this.publishDirectory(name, config, platform);
    this.registerOutputs({ tenantNamespaces: this.namespacesByTenant, cells: Object.keys(this.cellsById) });
  }

  private publishDirectory(name: string, config: PlatformConfig, platform: PlatformHandle): void {
    new k8s.core.v1.ConfigMap(
      `${name}-directory`,
      {
        metadata: { name: "im-tenant-directory", namespace: SYSTEM_NAMESPACE, labels: commonLabels() },
        data: Object.fromEntries(
          config.tenants.map((tenant) => [
            tenant.id,
            JSON.stringify({
              tier: tenant.tier,
              namespace: this.namespacesByTenant[tenant.id],
              displayName: tenant.displayName,
            }),
          ]),
        ),
      },
      { parent: this, dependsOn: [...platform.cellPrerequisites] },
    );
  }
}
