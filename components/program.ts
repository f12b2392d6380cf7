import * as pulumi from "@pulumi/pulumi";
import { CATALOGUES } from "./catalogue/registry";
import { dataImagesInUse, imageUsers } from "./config/images";
import { Platform } from "./platform/platform";
import { loadStackConfig } from "./stack/load";
import type { StackConfig } from "./stack/types";
import { definitionFor } from "./targets/registry";
import { Tenancy } from "./tenancy/tenancy";

export interface StackOutputs {
  /** Per target, per cell: the addresses clients connect to. */
  readonly edgeEndpoints: Record<
    string,
    Record<string, { gateway?: pulumi.Output<string>; api?: pulumi.Output<string> }>
  >;
  /** Tenant id -> namespace of the cell that serves it. */
  readonly tenantNamespaces: Record<string, string>;
  /** Tenant id -> tier. */
  readonly tenantTiers: Record<string, string>;
  /** Target name -> share of client traffic. */
  readonly trafficWeights: Record<string, number>;
}

/** Risky but allowed: prod images pinned by tag alone, each named, with the setting that allows it. */
function imageWarnings(config: StackConfig): string[] {
  const dataImages = dataImagesInUse(config.data, CATALOGUES[config.catalogue]);
  const tagOnly = [...imageUsers(config.services, dataImages).keys()].filter((image) => !image.includes("@sha256:"));
  if (config.environment !== "prod" || !config.images.allowTagsInProd || tagOnly.length === 0) return [];
  return [
    `images.allowTagsInProd accepts ${tagOnly.length} image(s) pinned by tag alone in prod, which a re-push would change: ${tagOnly.join(", ")}; record their digests with npm run pin-images -- --stack ${pulumi.getStack()} and remove the setting`,
  ];
}

/** Lays the platform and the tenant cells on every target of a validated config. */
export async function buildPlatform(config: StackConfig): Promise<StackOutputs> {
  for (const warning of imageWarnings(config)) pulumi.log.warn(warning);
  const edgeEndpoints: StackOutputs["edgeEndpoints"] = {};
  const tenantNamespaces: Record<string, string> = {};
  for (const targetConfig of config.targets) {
    const { cluster, plan } = targetConfig;
    const target = definitionFor(cluster).build(`${targetConfig.name}-cluster`, { plan, cluster, platform: config });
    const providers = { providers: [target.provider] };
    const platform = new Platform(targetConfig.name, { config, target }, providers);
    const tenancy = await Tenancy.create(`${targetConfig.name}-tenancy`, { config, target, platform }, providers);
    edgeEndpoints[targetConfig.name] = { ...tenancy.endpoints };
    Object.assign(tenantNamespaces, tenancy.tenantNamespaces);
  }
  return {
    edgeEndpoints,
    tenantNamespaces,
    tenantTiers: Object.fromEntries(config.tenants.map((tenant) => [tenant.id, tenant.tier])),
    trafficWeights: Object.fromEntries(config.targets.map((target) => [target.name, target.weight])),
  };
}

/** The Pulumi program: validate the whole config first, so bad input registers nothing. */
export function runPlatformProgram(): Promise<StackOutputs> {
  const config = loadStackConfig();
  return buildPlatform(config);
}
