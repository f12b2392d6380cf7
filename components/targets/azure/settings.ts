import type { Environment } from "../../config/types";
import { resolveDataSettings, type AzureDataSettings } from "./data/settings";
import type { AzureTargetConfig, SKU_TIERS, UPGRADE_CHANNELS } from "./schema";

/** Choices whose defaults depend on the environment, resolved in one place. */
export interface AzureSettings {
  readonly privateCluster: boolean;
  readonly upgradeChannel: (typeof UPGRADE_CHANNELS)[number];
  readonly skuTier: (typeof SKU_TIERS)[number];
  /** Whether the Azure Monitor workspace's query endpoint is open beyond the VNet (private with a private API server). */
  readonly prometheusPublicQuery: boolean;
  /** The managed data services' sizes and switches (used when `data.mode` is managed). */
  readonly data: AzureDataSettings;
}

export function resolveAzureSettings(cluster: AzureTargetConfig, environment: Environment): AzureSettings {
  const prod = environment === "prod";
  const privateCluster = cluster.apiServer.privateCluster ?? prod;
  return {
    privateCluster,
    upgradeChannel: cluster.upgradeChannel ?? (prod ? "stable" : "patch"),
    skuTier: cluster.skuTier ?? (prod ? "Standard" : "Free"),
    prometheusPublicQuery: cluster.monitoring.prometheus.publicQueryAccess ?? !privateCluster,
    data: resolveDataSettings(cluster.data, environment),
  };
}
