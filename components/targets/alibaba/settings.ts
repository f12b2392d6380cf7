import type { Environment } from "../../config/types";
import type { AlibabaTargetConfig, UPGRADE_CHANNELS } from "./schema";

/** Choices whose defaults depend on the environment, resolved in one place. */
export interface AlibabaSettings {
  /** The API server has no internet endpoint: reached from the VPC (or a VPN into it) only. */
  readonly privateEndpoint: boolean;
  readonly deletionProtection: boolean;
  readonly upgradeChannel: (typeof UPGRADE_CHANNELS)[number];
  /** Fewest zones the cluster must span. */
  readonly minZones: number;
}

/** Production spreads over three zones so one zone's loss leaves a majority of every quorum. */
export const PROD_MIN_ZONES = 3;
/** An NLB maps at least two zones, so every environment spans two. */
export const MIN_ZONES = 2;

export function resolveAlibabaSettings(cluster: AlibabaTargetConfig, environment: Environment): AlibabaSettings {
  const prod = environment === "prod";
  return {
    privateEndpoint: cluster.apiServer.privateEndpoint ?? prod,
    deletionProtection: cluster.deletionProtection ?? prod,
    upgradeChannel: cluster.maintenance.upgradeChannel ?? (prod ? "stable" : "patch"),
    minZones: prod ? PROD_MIN_ZONES : MIN_ZONES,
  };
}
