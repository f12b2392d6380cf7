import * as pulumi from "@pulumi/pulumi";
import { CATALOGUES } from "./catalogue/registry";
import { dataImagesInUse, imageUsers } from "./config/images";
import { dataImagePlacement } from "./stack/data-images";
import { Platform, platformDeployedElsewhere } from "./platform/platform";
import { loadStackConfig } from "./stack/load";
import type { StackConfig } from "./stack/types";
import { definitionFor } from "./targets/registry";
import { Tenancy } from "./tenancy/tenancy";
import { dataTierNamespaces } from "./addons/data-tier/addon";
import { CELL_PRIORITY_POLICY } from "./core/labels";
import { PLATFORM_FACTS_OUTPUT, type PlatformFacts } from "./core/platform-facts";
import { configOnTarget, type TenantPlacement } from "./stack/placement";
import { publishTenantTraffic } from "./stack/traffic";
import { targetComponentName, type ClusterTarget } from "./targets/cluster-target";

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
  /** Target name -> its weight: its share of the tenants spread by weight. */
  readonly trafficWeights: Record<string, number>;
  /** Tenant id -> its home target and standby. */
  readonly tenantPlacement: Record<string, TenantPlacement>;
  /** What cells rely on of the platform: its own where this stack deploys it, else its platform stack's. */
  readonly platformFacts: PlatformFacts | pulumi.Output<unknown>;
}

/** What a platform deployed from this config tells the cells it hosts. */
export function platformFactsOf(config: StackConfig): PlatformFacts {
  return { admissionPolicy: CELL_PRIORITY_POLICY, dataNamespaces: dataTierNamespaces(config) };
}

/** Risky but allowed: prod images pinned by tag alone, each named, with the setting that allows it. */
function imageWarnings(config: StackConfig): string[] {
  const placement = dataImagePlacement(config.targets, config.data, config.environment);
  const dataImages = dataImagesInUse(config.data, CATALOGUES[config.catalogue], placement);
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
  // One stack deploys everything; a fleet's stacks each deploy their part (components/stack/fleet-member.ts).
  const member = config.fleetMember;
  const deploysPlatform = member?.platform ?? true;
  const cells = member?.cells;
  // A cell stack reads the fleet's platform stack, so it fails plainly when that is not deployed.
  const platformFacts =
    deploysPlatform || !member?.platformStack
      ? platformFactsOf(config)
      : new pulumi.StackReference(member.platformStack, { name: member.platformStack }).requireOutput(
          PLATFORM_FACTS_OUTPUT,
        );
  const built: Record<string, ClusterTarget> = {};
  for (const targetConfig of config.targets) {
    const { cluster, plan } = targetConfig;
    const definition = definitionFor(cluster);
    // Each target runs the tenants placed on it (home or standby), and sees only those.
    const here = configOnTarget(config, config.placement, targetConfig.name);
    const args = { plan, cluster, platform: here };
    const targetName = targetComponentName(targetConfig.name);
    // validateStackConfig refused a cell stack on a target kind that cannot be attached to.
    const target = deploysPlatform ? definition.build(targetName, args) : definition.attach!(targetName, args);
    built[targetConfig.name] = target;
    const providers = { providers: [target.provider] };
    const platform = deploysPlatform
      ? new Platform(targetConfig.name, { config: here, target }, providers)
      : platformDeployedElsewhere(here, target);
    if (!deploysPlatform && cells?.length === 0) continue;
    const tenancy = await Tenancy.create(
      `${targetConfig.name}-tenancy`,
      { config: here, target, platform, cells, directory: deploysPlatform },
      providers,
    );
    edgeEndpoints[targetConfig.name] = { ...tenancy.endpoints };
    Object.assign(tenantNamespaces, tenancy.tenantNamespaces);
  }
  // A cell stack publishes its own cells' hostnames; the platform stack of a fleet has no edge to publish.
  if (config.traffic && (cells === undefined || cells.length > 0)) {
    publishTenantTraffic(config, built, edgeEndpoints, cells);
  }
  return {
    edgeEndpoints,
    tenantNamespaces,
    tenantTiers: Object.fromEntries(config.tenants.map((tenant) => [tenant.id, tenant.tier])),
    trafficWeights: Object.fromEntries(config.targets.map((target) => [target.name, target.weight])),
    tenantPlacement: { ...config.placement },
    platformFacts,
  };
}

/** The Pulumi program: validate the whole config first, so bad input registers nothing. */
export function runPlatformProgram(): Promise<StackOutputs> {
  const config = loadStackConfig();
  return buildPlatform(config);
}
