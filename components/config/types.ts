import type { AutoscalingConfig, DataServiceConfig, Environment } from "./platform-schema";
import type { EdgeConfig } from "./edge-schema";
import type { ImagesConfig } from "./images-schema";
import type { ServicePort, ServiceSpec } from "./service-schema";
import type { QuotaConfig, TenancyConfig, TenantConfig } from "./tenant-schema";

/** A quota with every default applied. */
export interface ResolvedQuota extends QuotaConfig {
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

export interface ResolvedTenant extends Omit<TenantConfig, "quota"> {
  /** Quota of the tenant's own cell; undefined for shared tenants (they live in the pooled cell). */
  readonly quota?: ResolvedQuota;
}

/**
 * The validated platform config: plain data, every default applied, read by every layer. The
 * targets it runs on are the stack layer's (`StackConfig`), so this layer knows no cloud.
 */
export interface PlatformConfig {
  readonly environment: Environment;
  /** Enabled services of the catalogue after the stack's overrides. */
  readonly services: readonly ServiceSpec[];
  readonly edge: EdgeConfig;
  readonly autoscaling: AutoscalingConfig;
  readonly tenancy: Omit<TenancyConfig, "sharedPool" | "vipDefaults"> & {
    readonly sharedPool: { readonly quota: ResolvedQuota; readonly useSharedNodePool: boolean };
  };
  readonly tenants: readonly ResolvedTenant[];
  readonly dataServices: readonly DataServiceConfig[];
  /** How images are pinned; the services' images already carry the recorded digests. */
  readonly images: ImagesConfig;
}

export type { ServicePort, ServiceSpec, EdgeConfig, AutoscalingConfig, DataServiceConfig, Environment };
