import type { Environment } from "../../config/types";
import type { GcpTargetConfig } from "./schema";

/** Choices whose defaults depend on the environment, resolved in one place. */
export interface GcpSettings {
  readonly privateEndpoint: boolean;
  readonly releaseChannel: "RAPID" | "REGULAR" | "STABLE";
  readonly deletionProtection: boolean;
}

export function resolveGcpSettings(cluster: GcpTargetConfig, environment: Environment): GcpSettings {
  const prod = environment === "prod";
  return {
    privateEndpoint: cluster.privateEndpoint ?? prod,
    releaseChannel: cluster.releaseChannel ?? (prod ? "STABLE" : "REGULAR"),
    deletionProtection: cluster.deletionProtection ?? prod,
  };
}
