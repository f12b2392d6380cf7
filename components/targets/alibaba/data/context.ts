import type * as pulumi from "@pulumi/pulumi";
import type { AlibabaDataSettings } from "./settings";

/** What every managed data service of the target is placed in and encrypted with. */
export interface DataContext {
  /** Prefix of cloud-side names (the target's VPC name): stable across deployments. */
  readonly baseName: string;
  readonly region: string;
  /** Zones in the order of `zones`; prod spreads replicas over the first two (Redis) or three (MongoDB). */
  readonly zones: readonly string[];
  readonly vpcId: pulumi.Input<string>;
  /** The node vSwitch of each zone, in the order of `zones`: the services' endpoints take addresses here. */
  readonly switchIds: readonly pulumi.Input<string>[];
  /** Where the services' endpoints live: the node vSwitches' ranges. */
  readonly endpointCidrs: readonly string[];
  /** Who may connect: Terway gives every pod an address of the pod vSwitches. */
  readonly clientCidrs: readonly string[];
  readonly tags: Record<string, string>;
  readonly settings: AlibabaDataSettings;
  /** The key a tenant's data is encrypted with: its own, or the target's data key. */
  keyFor(tenant: string | undefined): pulumi.Input<string>;
}

/** A cloud-side name part: lower-case letters, digits and '-'. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
