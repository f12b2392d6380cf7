import { bindsData } from "../../catalogue/definition";
import { CATALOGUES } from "../../catalogue/registry";
import { cellLayouts } from "../../config/cells";
import { servicesInProfile } from "../../config/services";
import type { PlatformConfig, ServiceSpec } from "../../config/types";
import { cellNamespace } from "../../core/labels";
import type { RuleGroup } from "../../core/prometheus-rules";
import type { NodePool } from "../../targets/cluster-target";
import { cellBindings } from "../data-tier/bindings";
import { infrastructureGroup, serviceGroup, type PoolLimit } from "./platform-rules";
import { cellSloGroup } from "./slo";

/** The gateway of a cell's services: whose instances being up is the tenant's connection availability. */
export function gatewayService(services: readonly ServiceSpec[]): string | undefined {
  return services.find((service) => service.role === "gateway")?.name;
}

/** Pools whose largest size the target knows: an alert fires when one stays there. */
export function poolLimits(pools: readonly NodePool[]): PoolLimit[] {
  return pools.flatMap((pool) => (pool.capacity ? [{ pool: pool.name, maxNodes: pool.capacity.nodes }] : []));
}

/** The rule groups that read across cells: infrastructure and service health. */
export function platformRuleGroups(config: PlatformConfig, pools: readonly NodePool[]): RuleGroup[] {
  const cells = cellLayouts(config);
  const queues = bindsData(CATALOGUES[config.catalogue])
    ? Object.fromEntries(cells.map((cell) => [cell.cell, cellBindings(config.data, cell).kafka.topicPrefix]))
    : {};
  const args = {
    pools: poolLimits(pools),
    cellNamespaces: cells.map((cell) => cellNamespace(cell.cell)),
    consumerGroupPrefixes: queues,
    thresholds: config.monitoring.thresholds,
  };
  return [infrastructureGroup(args), serviceGroup(args)];
}

/** One cell's SLO rules, with its tier's objectives. */
export function cellRuleGroups(
  config: PlatformConfig,
  cell: {
    readonly cell: string;
    readonly tier: "shared" | "vip";
    readonly tenants: readonly string[];
    readonly profile: string;
  },
): RuleGroup[] {
  const services = servicesInProfile(config.services, cell.profile);
  return [
    cellSloGroup({
      cell: cell.cell,
      tier: cell.tier,
      tenant: cell.tenants.length === 1 ? cell.tenants[0]! : cell.cell,
      gatewayService: gatewayService(services),
      objectives: config.monitoring.slo.objectives[cell.tier],
      periodDays: config.monitoring.slo.periodDays,
    }),
  ];
}

/** Every rule file a stack's monitoring loads on one target: the platform's, and each cell's by namespace. */
export function monitoringRuleFiles(config: PlatformConfig, pools: readonly NodePool[]) {
  return {
    platform: platformRuleGroups(config, pools),
    cells: cellLayouts(config).map((cell) => ({
      cell: cell.cell,
      namespace: cellNamespace(cell.cell),
      groups: cellRuleGroups(config, cell),
    })),
  };
}
