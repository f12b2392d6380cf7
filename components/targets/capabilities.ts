import type * as pulumi from "@pulumi/pulumi";

/** Customer-managed keys a target created for VIP tenants that asked for their own. */
export interface TenantKeys {
  /** Tenants with a key of their own on this target. */
  readonly tenants: readonly string[];
  /** The key's id (ARN, resource id) for a tenant, or undefined when the tenant has none. */
  forTenant(tenant: string): pulumi.Output<string> | undefined;
}

/** StorageClasses the target provides, encrypted with its keys. */
export interface StorageClasses {
  /** The class for volumes of cells without a key of their own. */
  readonly defaultClass: string;
  /** The class a cell's volumes use: its tenant's own where that tenant has a key, else the default. */
  classFor(tenant: string): string;
}

/** The data services one cell may use, and how: endpoints, ports and the ranges its egress admits. */
export interface DataBinding {
  readonly name: string;
  readonly kind: "redis" | "kafka" | "mongo" | "objectStore" | "etcd";
  readonly endpoints: readonly string[];
  readonly ports: readonly number[];
  readonly cidrs: readonly string[];
}

/** Managed data services a target runs for its cells. */
export interface DataServices {
  /** The kinds of data service this target can provide. */
  readonly kinds: ReadonlyArray<DataBinding["kind"]>;
  /** What one cell is bound to. */
  bindingsFor(cell: string): readonly DataBinding[];
}

/** Where the target's metrics go beyond the cluster (a managed Prometheus). */
export interface MonitoringSink {
  /** Remote-write endpoint of the managed store. */
  readonly remoteWriteUrl: pulumi.Output<string>;
}

/** A DNS zone the target can publish global, health-checked records in. */
export interface GlobalTraffic {
  readonly zone: string;
}

/**
 * What a target may offer beyond the core. An absent capability is a fact a consumer checks
 * (the compiler makes it), not a runtime surprise.
 */
export interface TargetCapabilities {
  readonly keys?: TenantKeys;
  readonly storage?: StorageClasses;
  readonly data?: DataServices;
  readonly monitoring?: MonitoringSink;
  readonly dns?: GlobalTraffic;
}

export type CapabilityName = keyof TargetCapabilities;

/** The capability, or an error that names the target, the capability and who needed it. */
export function requireCapability<Name extends CapabilityName>(
  target: TargetCapabilities & { readonly name: string },
  capability: Name,
  neededBy: string,
): NonNullable<TargetCapabilities[Name]> {
  const value = target[capability];
  if (value === undefined) {
    throw new Error(
      `target "${target.name}" has no ${capability} capability, which ${neededBy} needs; choose a target kind that provides it or turn ${neededBy} off`,
    );
  }
  return value as NonNullable<TargetCapabilities[Name]>;
}

/** Keys by tenant as a capability, from the map a target built. */
export function tenantKeysFrom(keys: Readonly<Record<string, pulumi.Output<string>>>): TenantKeys {
  return { tenants: Object.keys(keys), forTenant: (tenant) => keys[tenant] };
}

/** StorageClasses as a capability: a default class and one per tenant with its own key. */
export function storageClassesFrom(
  defaultClass: string,
  tenantClass: (tenant: string) => string,
  keyTenants: readonly string[],
): StorageClasses {
  return { defaultClass, classFor: (tenant) => (keyTenants.includes(tenant) ? tenantClass(tenant) : defaultClass) };
}
