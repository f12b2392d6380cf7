import { servicesInProfile } from "../../components/config/services";
import {
  derivedScaling,
  quotaForMaxReplicas,
  resolveLoad,
  sizeServices,
  type ServiceSizing,
} from "../../components/config/sizing";
import type { PlatformConfig } from "../../components/config/types";
import { peakHour, peakOf, sumCurves } from "../../components/core/multiplex";
import type { Load } from "../../components/core/replica-sizing";
import type { PlannedTarget, StackConfig } from "../../components/stack/types";
import type { PriceSource } from "../../components/targets/capacity";
import { configOnTarget } from "../../components/stack/placement";
import { definitionFor } from "../../components/targets/registry";
import { cellDemands, type CellDemand } from "../../components/tenancy/demand";
import { burstAbsorbed, type BurstAbsorbed } from "./burst";
import { layoutFigures, type LayoutFigures } from "./figures";
import { dedicatedClusters, sharedPlatform, type Layout } from "./layouts";

/** One tenant's declared load and what it derives, with the bursts each layout takes. */
export interface TenantFigures {
  readonly id: string;
  readonly tier: string;
  readonly profile: string;
  readonly peak: Load;
  readonly burstFactor: number;
  readonly peakHourUtc: number;
  /** Replica bounds its load derives, per load-driven service. */
  readonly services: readonly ServiceSizing[];
  /** The quota that holds its services at those bounds (the others at their own max). */
  readonly quota: ReturnType<typeof quotaForMaxReplicas>;
  readonly bursts: { readonly platform?: BurstAbsorbed; readonly dedicated?: BurstAbsorbed };
}

/** Both layouts of one target, side by side. */
export interface TargetComparison {
  readonly name: string;
  readonly kind: string;
  /** The target's weight: its share of the tenants spread by weight. */
  readonly weight: number;
  readonly sources: readonly PriceSource[];
  readonly notes: readonly string[];
  readonly tenants: readonly TenantFigures[];
  readonly layouts: {
    readonly platform: { readonly layout: Layout; readonly figures: LayoutFigures };
    readonly dedicated: { readonly layout: Layout; readonly figures: LayoutFigures };
  };
  /** Cores the cells request: their busiest hours added up, against each pool's busiest hour of their sum, added up. */
  readonly multiplexing: { readonly sumOfPeaks: number; readonly peakOfSum: number };
}

function tenantFigures(config: PlatformConfig, layouts: Record<"platform" | "dedicated", Layout>): TenantFigures[] {
  return config.tenants.flatMap((tenant): TenantFigures[] => {
    if (!tenant.load) return [];
    const load = resolveLoad(tenant.load, tenant.load);
    const services = servicesInProfile(config.services, tenant.profile);
    const sizings = sizeServices(services, load);
    return [
      {
        id: tenant.id,
        tier: tenant.tier,
        profile: tenant.profile,
        peak: load.peak,
        burstFactor: load.burstFactor,
        peakHourUtc: peakHour(load.curve),
        services: sizings,
        quota: quotaForMaxReplicas(services, { ...tenant.scaling, ...derivedScaling(sizings) }),
        bursts: {
          platform: burstAbsorbed(config, layouts.platform, tenant.id),
          dedicated: burstAbsorbed(config, layouts.dedicated, tenant.id),
        },
      },
    ];
  });
}

/**
 * Requested cores of the cells: each cell's busiest hour added up, against each pool's busiest
 * hour of the cells it carries added up (cells on different pools share no node).
 */
export function poolMultiplexing(cells: readonly CellDemand[]): TargetComparison["multiplexing"] {
  const cpu = (demand: CellDemand) => demand.curve.map((hour) => hour.cpu);
  const pools = [...new Set(cells.map((demand) => demand.pool))];
  return {
    sumOfPeaks: cells.reduce((sum, demand) => sum + peakOf(cpu(demand)), 0),
    peakOfSum: pools.reduce((sum, pool) => {
      const here = cells.filter((demand) => demand.pool === pool);
      return sum + peakOf(sumCurves(here.map((demand) => demand.curve)).map((hour) => hour.cpu));
    }, 0),
  };
}

/** This platform against a cluster per VIP tenant, for one target of a validated stack. */
export function compareTarget(
  stack: StackConfig,
  target: PlannedTarget,
  at: readonly (string | number)[],
): TargetComparison {
  // A target carries its tenants' whole load: the home serves it, and a standby must take it over.
  const config = configOnTarget(stack, stack.placement, target.name);
  const capacity = definitionFor(target.cluster).capacity?.(target.cluster, config, { plan: target.plan, at });
  if (!capacity) throw new Error(`target kind ${target.cluster.kind} states no capacity facts to compare with`);
  const layouts = { platform: sharedPlatform(config, capacity), dedicated: dedicatedClusters(config, capacity) };
  const multiplexing = poolMultiplexing(
    cellDemands(
      config,
      capacity.pools.map((sized) => sized.pool),
      "burst",
    ),
  );
  return {
    name: target.name,
    kind: target.cluster.kind,
    weight: target.weight,
    sources: capacity.sources,
    notes: capacity.notes,
    tenants: tenantFigures(config, layouts),
    layouts: {
      platform: { layout: layouts.platform, figures: layoutFigures(layouts.platform) },
      dedicated: { layout: layouts.dedicated, figures: layoutFigures(layouts.dedicated) },
    },
    multiplexing,
  };
}

/** Every target of a stack compared, with the cells' layout for reference. */
export function compareStack(stack: StackConfig): TargetComparison[] {
  return stack.targets.map((target, index) =>
    compareTarget(stack, target, stack.targets.length === 1 ? ["target"] : ["targets", index, "cluster"]),
  );
}
