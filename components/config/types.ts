import type { CatalogueName } from "../catalogue/registry";
import type { DataConfig } from "./data-schema";
import type { PathSegment } from "./errors";
import type { AutoscalingConfig, Environment } from "./platform-schema";
import type { EdgeConfig } from "./edge-schema";
import type { ImagesConfig } from "./images-schema";
import type { MonitoringConfig } from "./monitoring-schema";
import type { TrafficConfig } from "./traffic-schema";
import type { Profile, ServicePort, ServiceSpec } from "./service-schema";
import type { DeclaredLoad } from "./sizing";
import type { QuotaConfig, TenancyConfig, TenantConfig } from "./tenant-schema";

/** A quota with every default applied. */
export interface ResolvedQuota extends QuotaConfig {
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

export interface ResolvedTenant extends Omit<TenantConfig, "quota" | "profile" | "load"> {
  /** Quota of a VIP tenant's cell; undefined for shared tenants (their cells take tenancy.sharedPool.quota). */
  readonly quota?: ResolvedQuota;
  /** The cell's profile, its tier's default applied. */
  readonly profile: Profile;
  /** The tenant's declared load with its defaults applied (`resolveLoad` lays its day on UTC hours); undefined when it declares none. */
  readonly load?: DeclaredLoad;
}

/**
 * The validated platform config: plain data, every default applied, read by every layer. The
 * targets it runs on are the stack layer's (`StackConfig`), so this layer knows no cloud.
 */
export interface PlatformConfig {
  readonly environment: Environment;
  readonly catalogue: CatalogueName;
  /** Enabled services of the catalogue after the stack's overrides, of every profile. */
  readonly services: readonly ServiceSpec[];
  readonly edge: EdgeConfig;
  readonly autoscaling: AutoscalingConfig;
  readonly tenancy: Omit<TenancyConfig, "sharedPool" | "vipDefaults"> & {
    readonly sharedPool: Omit<TenancyConfig["sharedPool"], "quota"> & { readonly quota: ResolvedQuota };
  };
  readonly tenants: readonly ResolvedTenant[];
  readonly data: DataConfig;
  /** Where each cell's credentials are derived from; empty only for a catalogue that binds no data. */
  readonly secretSeed: string;
  /** How images are pinned; the services' images already carry the recorded digests. */
  readonly images: ImagesConfig;
  /** Metrics collection, alert and SLO rules, routing and dashboards. */
  readonly monitoring: MonitoringConfig & {
    /** Where the alerting in force is configured, when a target's own (`alerting.perTarget`) replaced the main one. */
    readonly alertingPath?: readonly PathSegment[];
  };
  /** Global traffic: tenant hostnames published with health checks; absent where the stack publishes none. */
  readonly traffic?: TrafficConfig;
}

export type {
  ServicePort,
  ServiceSpec,
  EdgeConfig,
  AutoscalingConfig,
  DataConfig,
  Environment,
  Profile,
  MonitoringConfig,
  TrafficConfig,
};
