import { z } from "zod";
import { sharedPoolSpot } from "../node-pools";
import { cidr, dnsLabel, strictObject } from "../../config/fields";
import { authorizedNetworkProblem } from "../range-checks";
import { checkClusterRanges } from "./ranges";
import { priceOverridesSchema } from "../capacity";
import { gcpDataSchema, privateServiceAccessIssues } from "./data/settings";

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
    machineType: z
      .string()
      .regex(MACHINE_TYPE, { error: 'is not a machine type; use forms like "e2-standard-4"' })
      .default(defaults.machineType)
      .meta({
        description: "Compute Engine machine type.",
        defaultText: "per pool: system e2-standard-2, shared and VIP e2-standard-4",
      }),
    minNodes: z.int().min(0).max(1000).default(defaults.minNodes).meta({
      description: "Fewest nodes per zone the autoscaler keeps.",
      defaultText: "per pool (system 1, shared 1, VIP 1)",
    }),
    maxNodes: z.int().min(1).max(1000).default(defaults.maxNodes).meta({
      description: "Most nodes per zone the autoscaler may add.",
      defaultText: "per pool (system 3, shared 10, VIP 5)",
    }),
    diskSizeGb: z.int().min(20).max(65536).default(100).meta({ description: "Boot disk size." }),
    diskType: z
      .enum(["pd-standard", "pd-balanced", "pd-ssd"])
      .default("pd-balanced")
      .meta({ description: "Boot disk type." }),
  });
}

const systemPoolSchema = poolSchema({ machineType: "e2-standard-2", minNodes: 1, maxNodes: 3 });
const sharedPoolSchema = poolSchema({ machineType: "e2-standard-4", minNodes: 1, maxNodes: 10 }).extend({
  spot: sharedPoolSpot("Spot VMs"),
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
  project: z
    .string()
    .regex(PROJECT_ID, {
      error: "is not a GCP project id (6-30 lower-case letters, digits and '-', starting with a letter)",
    })
    .meta({ description: "Project id that holds every resource." }),
  projectNumber: z
    .string()
    .regex(/^\d{6,20}$/, { error: "must be the project's number, digits only" })
    .meta({
      description:
        "Project number, to name the Google service agents that use the keys (found in the console or `gcloud projects describe`).",
    }),
  region: z
    .string()
    .regex(REGION, { error: 'is not a GCP region; use forms like "europe-west1"' })
    .default(GCP_DEFAULT_REGION)
    .meta({ description: "Region of the network, the regional cluster and its keys.", defaultText: '"europe-west1"' }),
  dnsManagedZone: z
    .string()
    .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, {
      error: "must be a Cloud DNS managed zone name: 1-63 lower-case letters, digits or '-', starting with a letter",
    })
    .optional()
    .meta({
      description:
        "The Cloud DNS managed zone (in `project`) that serves `im-platform:traffic.zone`, where this target publishes the tenant hostnames (`traffic.publisher`).",
      defaultText: 'the zone with "." as "-", e.g. "im-example-com"',
    }),
  dnsProbeRegions: z
    .array(z.string().regex(REGION, { error: 'is not a GCP region; use forms like "europe-west1"' }))
    .length(3, { error: "must list exactly three regions: Cloud DNS probes public endpoints from three" })
    .optional()
    .meta({
      description: "Regions the health checks of the published hostnames probe each endpoint from.",
      defaultText: '["us-east4", "europe-west1", "asia-southeast1"]',
    }),
  zones: z
    .array(z.string().regex(ZONE, { error: 'is not a GCP zone; use forms like "europe-west1-b"' }))
    .min(1)
    .max(4)
    .default([`${GCP_DEFAULT_REGION}-b`, `${GCP_DEFAULT_REGION}-c`, `${GCP_DEFAULT_REGION}-d`])
    .meta({
      description: "Zones the nodes run in, all inside `region`.",
      defaultText: '["europe-west1-b", "europe-west1-c", "europe-west1-d"]',
    }),
  network: strictObject({
    nodesCidr: cidr
      .default("10.10.0.0/20")
      .meta({ description: "Primary range of the node subnet.", defaultText: '"10.10.0.0/20" (4092 nodes)' }),
    podsCidr: cidr.default("10.16.0.0/14").meta({
      description: "Secondary range for pods (VPC-native), a /24 per node.",
      defaultText: '"10.16.0.0/14" (1024 nodes)',
    }),
    servicesCidr: cidr.default("10.20.0.0/20").meta({ description: "Secondary range for Service cluster IPs." }),
    masterCidr: cidr
      .default("172.16.0.0/28")
      .meta({ description: "The control plane's private range, exactly a /28." }),
    flowLogSampling: z
      .number()
      .min(0.01)
      .max(1)
      .default(0.5)
      .meta({ description: "Share of flows the subnet's flow logs sample." }),
  })
    .prefault({})
    .meta({
      description: "The VPC subnet and its secondary ranges for pods and services, and the control plane's range.",
    }),
  masterAuthorizedNetworks: z
    .array(cidr)
    .min(1, { error: "must list at least one network that may reach the control plane" })
    .meta({
      description:
        "Networks that may reach the control plane (the machine that runs deployments must be in one). Required: the endpoint is never open to the internet.",
    }),
  privateEndpoint: z.boolean().optional().meta({
    description: "Control plane reachable on its private address only.",
    defaultText: "true in prod, else false",
  }),
  releaseChannel: z
    .enum(["RAPID", "REGULAR", "STABLE"])
    .optional()
    .meta({ description: "GKE release channel.", defaultText: '"STABLE" in prod, else "REGULAR"' }),
  deletionProtection: z
    .boolean()
    .optional()
    .meta({ description: "Refuse to delete the cluster on destroy.", defaultText: "true in prod, else false" }),
  kms: strictObject({
    rotationDays: z.int().min(1).max(90).default(90).meta({ description: "Days between automatic key rotations." }),
    protectionLevel: z.enum(["SOFTWARE", "HSM"]).default("SOFTWARE").meta({ description: "`SOFTWARE` or `HSM` keys." }),
  })
    .prefault({})
    .meta({ description: "Cloud KMS keys for secrets and disks: rotation and protection level." }),
  nodePools: strictObject({
    system: systemPoolSchema
      .prefault({})
      .meta({ description: "Cluster add-ons (DNS, metrics, ingress controllers); tenant cells never land here." }),
    shared: sharedPoolSchema
      .prefault({})
      .meta({ description: "The pool of shared tenants' cells, and of VIP cells without a pool of their own." }),
    vip: vipPoolSchema
      .prefault({})
      .meta({ description: "Size of each dedicated pool of a VIP tenant with `dedicatedNodePool: true`." }),
  })
    .prefault({})
    .meta({ description: "The system, shared and VIP node pools, sized per zone." }),
  cloudArmor: strictObject({
    rateLimitPerMinute: z
      .int()
      .min(10)
      .max(100000)
      .default(600)
      .meta({ description: "Requests per minute one client IP may send before it is throttled." }),
    wafRules: z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))
      .default(["sqli-v33-stable", "xss-v33-stable"])
      .meta({ description: "Preconfigured WAF rule sets that block matching requests." }),
  })
    .prefault({})
    .meta({ description: "Cloud Armor on the API edge (served through the GKE ingress)." }),
  keda: strictObject({
    namespace: dnsLabel(63).default("keda").meta({ description: "Namespace the KEDA operator runs in." }),
    serviceAccount: dnsLabel(63)
      .default("keda-operator")
      .meta({ description: "The KEDA operator's Kubernetes service account." }),
  })
    .prefault({})
    .meta({
      description:
        "The KEDA operator, when gateways scale on online users (autoscaling.gatewayUsersPerPod): the kit creates a Google service account `im-<target>-keda` with Monitoring Viewer that this Kubernetes service account may act as; KEDA's chart annotates it (podIdentity.gcp.enabled, podIdentity.gcp.gcpIAMServiceAccount).",
    }),
  data: gcpDataSchema.meta({
    description:
      "The managed data services this target runs with `data.mode: managed`: Memorystore for Redis per cell, Managed Service for Apache Kafka per data set, a Cloud Storage bucket per cell (MongoDB stays in the cluster: Google has no first-party MongoDB).",
  }),
  prices: priceOverridesSchema,
}).superRefine((target, ctx) => {
  target.zones.forEach((zone, index) => {
    if (!zone.startsWith(`${target.region}-`)) {
      ctx.addIssue({
        code: "custom",
        path: ["zones", index],
        input: zone,
        message: `is not in region ${target.region}; list zones of ${target.region}, or set region`,
      });
    } else if (target.zones.indexOf(zone) !== index) {
      ctx.addIssue({ code: "custom", path: ["zones", index], input: zone, message: "is listed twice" });
    }
  });
  for (const pool of ["system", "shared", "vip"] as const) {
    const { minNodes, maxNodes } = target.nodePools[pool];
    if (minNodes > maxNodes) {
      ctx.addIssue({
        code: "custom",
        path: ["nodePools", pool, "minNodes"],
        input: minNodes,
        message: `is greater than maxNodes (${maxNodes}); lower minNodes or raise maxNodes`,
      });
    }
  }
  // System and shared pools at full size; dedicated VIP pools are counted once tenants are known.
  const maxNodes = (target.nodePools.system.maxNodes + target.nodePools.shared.maxNodes) * target.zones.length;
  for (const issue of checkClusterRanges(target.network, maxNodes)) {
    ctx.addIssue({ code: "custom", path: ["network", issue.field], input: issue.value, message: issue.message });
  }
  for (const issue of privateServiceAccessIssues(target.network, target.data.privateServiceAccessCidr)) {
    ctx.addIssue({ code: "custom", path: ["data", issue.field], input: issue.value, message: issue.message });
  }
  target.masterAuthorizedNetworks.forEach((network, index) => {
    const problem = authorizedNetworkProblem(network);
    if (problem)
      ctx.addIssue({ code: "custom", path: ["masterAuthorizedNetworks", index], input: network, message: problem });
  });
});

export type GcpTargetConfig = z.infer<typeof gcpTargetSchema>;
export type GcpPoolConfig = z.infer<typeof systemPoolSchema>;
