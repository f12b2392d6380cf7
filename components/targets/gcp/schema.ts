import { z } from "zod";
import { cidr, strictObject } from "../../config/fields";
import { authorizedNetworkProblem } from "../range-checks";
import { checkClusterRanges } from "./network-plan";

const PROJECT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+\d+$/;
const ZONE = /^[a-z]+-[a-z]+\d+-[a-z]$/;
const MACHINE_TYPE = /^[a-z][a-z0-9]*-[a-z0-9-]+$/;

interface PoolDefaults {
  readonly machineType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** One class of node pool; sizes are per zone, as GKE's autoscaler counts them. */
function poolSchema(defaults: PoolDefaults) {
  return strictObject({
    /** Compute Engine machine type. @default per pool: system e2-standard-2, shared and VIP e2-standard-4 */
    machineType: z.string().regex(MACHINE_TYPE, { error: 'is not a machine type; use forms like "e2-standard-4"' }).default(defaults.machineType),
    /** Fewest nodes per zone the autoscaler keeps. @default per pool (system 1, shared 1, VIP 1) */
    minNodes: z.int().min(0).max(1000).default(defaults.minNodes),
    /** Most nodes per zone the autoscaler may add. @default per pool (system 3, shared 10, VIP 5) */
    maxNodes: z.int().min(1).max(1000).default(defaults.maxNodes),
    /** Boot disk size. @default 100 */
    diskSizeGb: z.int().min(20).max(65536).default(100),
    /** Boot disk type. @default "pd-balanced" */
    diskType: z.enum(["pd-standard", "pd-balanced", "pd-ssd"]).default("pd-balanced"),
  });
}

const systemPoolSchema = poolSchema({ machineType: "e2-standard-2", minNodes: 1, maxNodes: 3 });
const sharedPoolSchema = poolSchema({ machineType: "e2-standard-4", minNodes: 1, maxNodes: 10 }).extend({
  /** Spot VMs for the shared pool: cheaper, and gateways reconnect when one is reclaimed. VIP pools never use spot. @default false */
  spot: z.boolean().default(false),
});
const vipPoolSchema = poolSchema({ machineType: "e2-standard-4", minNodes: 1, maxNodes: 5 });

export const GCP_DEFAULT_REGION = "europe-west1";

/**
 * A private GKE cluster built by the kit: custom VPC with NAT, firewall rules, Cloud KMS keys,
 * the cluster and its autoscaled node pools. Ranges and locations are explicit config, so
 * nothing is looked up while the program runs.
 */
export const gcpTargetSchema = strictObject({
  kind: z.literal("gcp"),
  /** Project id that holds every resource. */
  project: z.string().regex(PROJECT_ID, { error: "is not a GCP project id (6-30 lower-case letters, digits and '-', starting with a letter)" }),
  /** Project number, to name the Google service agents that use the keys (found in the console or `gcloud projects describe`). */
  projectNumber: z.string().regex(/^\d{6,20}$/, { error: "must be the project's number, digits only" }),
  /** Region of the network, the regional cluster and its keys. @default "europe-west1" */
  region: z.string().regex(REGION, { error: 'is not a GCP region; use forms like "europe-west1"' }).default(GCP_DEFAULT_REGION),
  /** Zones the nodes run in, all inside `region`. @default ["europe-west1-b", "europe-west1-c", "europe-west1-d"] */
  zones: z.array(z.string().regex(ZONE, { error: 'is not a GCP zone; use forms like "europe-west1-b"' }))
    .min(1).max(4).default([`${GCP_DEFAULT_REGION}-b`, `${GCP_DEFAULT_REGION}-c`, `${GCP_DEFAULT_REGION}-d`]),
  network: strictObject({
    /** Primary range of the node subnet. @default "10.10.0.0/20" (4092 nodes) */
    nodesCidr: cidr.default("10.10.0.0/20"),
    /** Secondary range for pods (VPC-native), a /24 per node. @default "10.16.0.0/14" (1024 nodes) */
    podsCidr: cidr.default("10.16.0.0/14"),
    /** Secondary range for Service cluster IPs. @default "10.20.0.0/20" */
    servicesCidr: cidr.default("10.20.0.0/20"),
    /** The control plane's private range, exactly a /28. @default "172.16.0.0/28" */
    masterCidr: cidr.default("172.16.0.0/28"),
    /** Share of flows the subnet's flow logs sample. @default 0.5 */
    flowLogSampling: z.number().min(0.01).max(1).default(0.5),
  }).prefault({}),
  /**
   * Networks that may reach the control plane (the machine that runs deployments must be in one).
   * Required: the endpoint is never open to the internet.
   */
  masterAuthorizedNetworks: z.array(cidr).min(1, { error: "must list at least one network that may reach the control plane" }),
  /** Control plane reachable on its private address only. @default true in prod, else false */
  privateEndpoint: z.boolean().optional(),
  /** GKE release channel. @default "STABLE" in prod, else "REGULAR" */
  releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE"]).optional(),
  /** Refuse to delete the cluster on destroy. @default true in prod, else false */
  deletionProtection: z.boolean().optional(),
  kms: strictObject({
    /** Days between automatic key rotations. @default 90 */
    rotationDays: z.int().min(1).max(90).default(90),
    /** @default "SOFTWARE" */
    protectionLevel: z.enum(["SOFTWARE", "HSM"]).default("SOFTWARE"),
  }).prefault({}),
  nodePools: strictObject({
    /** Cluster add-ons (DNS, metrics, ingress controllers); tenant cells never land here. */
    system: systemPoolSchema.prefault({}),
    /** The pooled cell of shared tenants, and VIP cells without a pool of their own. */
    shared: sharedPoolSchema.prefault({}),
    /** Size of each dedicated pool of a VIP tenant with `dedicatedNodePool: true`. */
    vip: vipPoolSchema.prefault({}),
  }).prefault({}),
  /** Cloud Armor on the API edge (served through the GKE ingress). */
  cloudArmor: strictObject({
    /** Requests per minute one client IP may send before it is throttled. @default 600 */
    rateLimitPerMinute: z.int().min(10).max(100000).default(600),
    /** Preconfigured WAF rule sets that block matching requests. @default ["sqli-v33-stable", "xss-v33-stable"] */
    wafRules: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).default(["sqli-v33-stable", "xss-v33-stable"]),
  }).prefault({}),
}).superRefine((target, ctx) => {
  target.zones.forEach((zone, index) => {
    if (!zone.startsWith(`${target.region}-`)) {
      ctx.addIssue({ code: "custom", path: ["zones", index], input: zone,
        message: `is not in region ${target.region}; list zones of ${target.region}, or set region` });
    } else if (target.zones.indexOf(zone) !== index) {
      ctx.addIssue({ code: "custom", path: ["zones", index], input: zone, message: "is listed twice" });
    }
  });
  for (const pool of ["system", "shared", "vip"] as const) {
    const { minNodes, maxNodes } = target.nodePools[pool];
    if (minNodes > maxNodes) {
      ctx.addIssue({ code: "custom", path: ["nodePools", pool, "minNodes"], input: minNodes,
        message: `is greater than maxNodes (${maxNodes}); lower minNodes or raise maxNodes` });
    }
  }
  // System and shared pools at full size; dedicated VIP pools are counted once tenants are known.
  const maxNodes = (target.nodePools.system.maxNodes + target.nodePools.shared.maxNodes) * target.zones.length;
  for (const issue of checkClusterRanges(target.network, maxNodes)) {
    ctx.addIssue({ code: "custom", path: ["network", issue.field], input: issue.value, message: issue.message });
  }
  target.masterAuthorizedNetworks.forEach((network, index) => {
    const problem = authorizedNetworkProblem(network);
    if (problem) ctx.addIssue({ code: "custom", path: ["masterAuthorizedNetworks", index], input: network, message: problem });
  });
});

export type GcpTargetConfig = z.infer<typeof gcpTargetSchema>;
export type GcpPoolConfig = z.infer<typeof systemPoolSchema>;
