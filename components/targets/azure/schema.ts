import { z } from "zod";
import { cidr, dnsLabel, strictObject } from "../../config/fields";
import { kubernetesVersionProblem } from "../kubernetes-version";
import { authorizedNetworkProblem } from "../range-checks";
import { checkAzureRanges } from "./ranges";
import { poolNodes } from "./pool-size";
import { priceOverridesSchema } from "../capacity";
import { azureDataSchema } from "./data/schema";

const guid = (what: string) =>
  z.guid({ error: `is not ${what}; use the GUID form "00000000-0000-0000-0000-000000000000"` });
const VM_SIZE = /^Standard_[A-Za-z0-9_]+$/;
const vmSize = z.string().regex(VM_SIZE, { error: 'is not an Azure VM size; use a name like "Standard_D8ds_v5"' });
/** An integer node count, or a percentage of the pool ("1", "33%"). */
const maxSurge = z
  .string()
  .regex(/^([1-9]\d{0,2}|[1-9]\d?%|100%)$/, { error: 'must be a node count ("1") or a percentage ("33%")' });
const minutes = (min: number, max: number) => z.int().min(min).max(max);

interface PoolDefaults {
  readonly vmSize: string;
  readonly min: number;
  readonly max: number;
}

/** One class of node pool; AKS counts min and max across all of the pool's zones. */
function poolSchema(defaults: PoolDefaults) {
  return strictObject({
    vmSize: vmSize.default(defaults.vmSize).meta({
      description: "VM size of the pool's nodes.",
      defaultText: "per pool: system Standard_D4ds_v5, shared and dedicated Standard_D8ds_v5",
    }),
    min: z.int().min(0).max(1000).default(defaults.min).meta({
      description: "Fewest nodes the autoscaler keeps.",
      defaultText: "per pool (system 2, shared 2, dedicated 1)",
    }),
    max: z.int().min(1).max(1000).default(defaults.max).meta({
      description: "Most nodes the autoscaler may add.",
      defaultText: "per pool (system 4, shared 20, dedicated 10)",
    }),
    osDiskSizeGb: z
      .int()
      .min(30)
      .max(2048)
      .default(128)
      .meta({ description: "Managed OS disk of each node, encrypted with the cluster's disk encryption set." }),
    maxSurge: maxSurge.default("1").meta({
      description: "Extra nodes an upgrade adds at a time: one keeps gateway reconnects to one node's worth.",
    }),
  });
}

const systemPoolSchema = poolSchema({ vmSize: "Standard_D4ds_v5", min: 2, max: 4 });
const sharedPoolSchema = poolSchema({ vmSize: "Standard_D8ds_v5", min: 2, max: 20 }).extend({
  spot: z
    .boolean()
    .default(false)
    .meta({ description: "Spot VMs for the shared pool: cheaper, evicted at short notice (gateways reconnect)." }),
});
/** VIP pools are never spot: an eviction would be a reconnect wave for one customer. */
const noSpot = z
  .boolean()
  .refine((spot) => !spot, {
    error:
      "is refused: VIP pools never run on spot VMs (an eviction is a reconnect wave for one customer); remove spot, or use nodePools.shared.spot",
  })
  .optional();
const dedicatedPoolSchema = poolSchema({ vmSize: "Standard_D8ds_v5", min: 1, max: 10 }).extend({
  spot: noSpot.meta({ description: "Run the pool on spot VMs (evictable at any time)." }),
});
const dedicatedOverrideSchema = strictObject({
  vmSize: vmSize.optional().meta({ description: "VM size of the pool's nodes." }),
  min: z.int().min(0).max(1000).optional().meta({ description: "Fewest nodes of this tenant's pool." }),
  max: z.int().min(1).max(1000).optional().meta({ description: "Most nodes of this tenant's pool." }),
  osDiskSizeGb: z.int().min(30).max(2048).optional().meta({ description: "OS disk size of this tenant's nodes." }),
  maxSurge: maxSurge
    .optional()
    .meta({ description: "Extra nodes during an upgrade of this tenant's pool: a count or a percentage." }),
  spot: noSpot.meta({ description: "Run the pool on spot VMs (evictable at any time)." }),
});

export const AZURE_DEFAULT_LOCATION = "westeurope";
export const AZURE_ZONES = ["1", "2", "3"] as const;
export const UPGRADE_CHANNELS = ["rapid", "stable", "patch", "node-image", "none"] as const;
export const SKU_TIERS = ["Free", "Standard", "Premium"] as const;

/**
 * An AKS cluster built by the kit: a VNet with NAT egress and NSGs, a private Key Vault with
 * rotating keys (etcd KMS, disk encryption sets), the cluster with Entra ID and Azure RBAC, and
 * its autoscaled node pools. Everything is explicit config, so nothing is looked up while the
 * program runs.
 */
export const azureTargetSchema = strictObject({
  kind: z.literal("azure"),
  subscriptionId: guid("an Azure subscription id").meta({
    description: "The subscription that holds every resource; the provider refuses any other.",
  }),
  tenantId: guid("a Microsoft Entra tenant id").meta({
    description:
      "The Microsoft Entra tenant of the subscription: the cluster's users and the Key Vault authenticate against it.",
  }),
  location: z
    .string()
    .regex(/^[a-z][a-z0-9]+$/, { error: 'is not an Azure region name; use a form like "westeurope"' })
    .default(AZURE_DEFAULT_LOCATION)
    .meta({ description: "Azure region of every resource.", defaultText: '"westeurope"' }),
  zones: z
    .array(z.enum(AZURE_ZONES))
    .min(1)
    .default([...AZURE_ZONES])
    .meta({ description: "Availability zones of the node pools.", defaultText: '["1", "2", "3"]' }),
  resourceGroupName: z
    .string()
    .regex(/^[-\w.()]{0,89}[-\w()]$/, {
      error: "must be 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'",
    })
    .optional()
    .meta({
      description: "Resource group that holds the target's resources.",
      defaultText: '"im-<stack>-<target name>"',
    }),
  dnsZoneResourceGroup: z
    .string()
    .regex(/^[-\w.()]{0,89}[-\w()]$/, {
      error: "must be 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'",
    })
    .optional()
    .meta({
      description:
        "Resource group of the Azure DNS zone `im-platform:traffic.zone`, where this target publishes the tenant hostnames (`traffic.publisher`) as CNAMEs to their Traffic Manager profiles.",
      defaultText: "the target's resource group",
    }),
  clusterName: z
    .string()
    .regex(/^[a-zA-Z0-9]([-a-zA-Z0-9]{0,52}[a-zA-Z0-9])?$/, {
      error: "must be 1-54 letters, digits or '-', starting and ending with a letter or digit",
    })
    .optional()
    .meta({ description: "AKS cluster name, also its DNS prefix.", defaultText: '"im-<stack>-<target name>"' }),
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d+(\.\d+)?$/, { error: 'is not a Kubernetes version; use a form like "1.32"' })
    .default("1.32")
    .meta({ description: "AKS Kubernetes version." }),
  network: strictObject({
    vnetCidr: cidr.default("10.50.0.0/16").meta({ description: "Range of the VNet; every subnet is carved from it." }),
    nodesCidr: cidr
      .default("10.50.0.0/20")
      .meta({ description: "Node subnet of every pool (pods use the overlay range, not VNet addresses)." }),
    edgeCidr: cidr.default("10.50.16.0/24").meta({ description: "Frontends of internal edge load balancers." }),
    endpointsCidr: cidr.default("10.50.17.0/27").meta({ description: "Private endpoints (the Key Vault's)." }),
    apiServerCidr: cidr
      .default("10.50.17.32/28")
      .meta({ description: "The API server's own subnet (API Server VNet Integration), at least a /28." }),
    appGatewayCidr: cidr.default("10.50.18.0/24").meta({
      description: "Application Gateway for Containers, at least a /24; used when applicationGateway.enabled.",
    }),
    dataCidr: cidr.default("10.50.20.0/23").meta({
      description:
        "Private endpoints of the managed data services (used when im-platform:data.mode is managed): two per cell, one per data set.",
    }),
    podCidr: cidr
      .default("10.244.0.0/16")
      .meta({ description: "Azure CNI Overlay pod range, outside the VNet: a /24 per node." }),
    serviceCidr: cidr.default("172.20.0.0/16").meta({ description: "Kubernetes Service range, outside the VNet." }),
    dnsServiceIp: z
      .ipv4({ error: 'is not an IPv4 address; use a form like "172.20.0.10"' })
      .default("172.20.0.10")
      .meta({ description: "CoreDNS's Service address, inside serviceCidr." }),
    natIdleTimeoutMinutes: minutes(4, 120)
      .default(10)
      .meta({ description: "Idle timeout of egress flows through the NAT gateway (push connections to APNs/FCM)." }),
  })
    .prefault({})
    .meta({
      description:
        "The VNet and its subnets (nodes, edge, private endpoints, API server, Application Gateway, managed data).",
    }),
  networkPolicy: z
    .enum(["cilium", "azure"])
    .default("cilium")
    .meta({ description: "NetworkPolicy engine: Cilium (eBPF dataplane) or Azure Network Policy Manager." }),
  apiServer: strictObject({
    privateCluster: z.boolean().optional().meta({
      description: "API server on private addresses only (reach it from the VNet, a peered network or a VPN).",
      defaultText: "true in prod, else false",
    }),
    authorizedIpRanges: z.array(cidr).default([]).meta({
      description: "Ranges admitted to a public API server; required when it is public, refused when private.",
    }),
  })
    .prefault({})
    .meta({ description: "Access to the AKS API server: private, or public to listed ranges." }),
  adminGroupObjectIds: z
    .array(guid("an Entra group object id"))
    .min(1, {
      error:
        "must list at least one Entra group: local accounts are disabled, so cluster admins (and the deploying identity) come from these groups",
    })
    .meta({
      description:
        "Entra ID groups whose members are cluster admins; whoever runs `pulumi up` must be in one (local accounts are off).",
    }),
  upgradeChannel: z
    .enum(UPGRADE_CHANNELS)
    .optional()
    .meta({ description: "AKS automatic upgrade channel.", defaultText: '"stable" in prod, else "patch"' }),
  nodeOsUpgradeChannel: z
    .enum(["NodeImage", "SecurityPatch", "Unmanaged", "None"])
    .default("NodeImage")
    .meta({ description: "How node images get OS patches." }),
  skuTier: z.enum(SKU_TIERS).optional().meta({
    description: "AKS pricing tier: Standard carries the financially backed API server SLA.",
    defaultText: '"Standard" in prod, else "Free"',
  }),
  encryptionAtHost: z.boolean().default(false).meta({
    description:
      "Encrypt node temp disks and caches at the VM host too (the subscription must have the EncryptionAtHost feature).",
  }),
  nodePools: strictObject({
    system: systemPoolSchema.prefault({}).meta({
      description: "Cluster add-ons only (mode System, tainted CriticalAddonsOnly); tenant cells never land here.",
    }),
    shared: sharedPoolSchema
      .prefault({})
      .meta({ description: "The pool of shared tenants' cells, and of VIP cells without a pool of their own." }),
    dedicated: dedicatedPoolSchema.prefault({}).meta({ description: "Size of each VIP tenant's dedicated pool." }),
    dedicatedOverrides: z
      .record(dnsLabel(20), dedicatedOverrideSchema)
      .default({})
      .meta({ description: "Per-tenant changes to `dedicated`, by tenant id." }),
  })
    .prefault({})
    .meta({ description: "The system, shared and dedicated (per VIP tenant) agent pools." }),
  keyVault: strictObject({
    name: z
      .string()
      .regex(/^[a-zA-Z](?!.*--)[-a-zA-Z0-9]{1,22}[a-zA-Z0-9]$/, {
        error: "must be 3-24 letters, digits or single '-', starting with a letter",
      })
      .optional()
      .meta({
        description: "Globally unique vault name (3-24 characters).",
        defaultText: "derived from the stack, target and subscription",
      }),
    sku: z.enum(["standard", "premium"]).default("standard").meta({ description: "`premium` keeps the keys in HSMs." }),
    rotationDays: z.int().min(7).max(365).default(90).meta({
      description:
        "Days between automatic key rotations; each key version expires 30 days after its successor appears.",
    }),
    softDeleteRetentionDays: z
      .int()
      .min(7)
      .max(90)
      .default(90)
      .meta({ description: "Days a deleted vault or key stays recoverable." }),
  })
    .prefault({})
    .meta({ description: "The Key Vault that holds the cluster's and the VIP tenants' keys." }),
  autoscaler: strictObject({
    scaleDownUnneededMinutes: minutes(1, 1440)
      .default(10)
      .meta({ description: "How long a node stays underused before it is removed." }),
    scaleDownDelayAfterAddMinutes: minutes(0, 1440)
      .default(10)
      .meta({ description: "Calm after a scale-up before scale-down is considered again." }),
    maxGracefulTerminationSeconds: z.int().min(30).max(14400).default(600).meta({
      description: "The longest the autoscaler waits for a node's pods to stop; at least the gateways' grace period.",
    }),
    expander: z
      .enum(["least-waste", "most-pods", "priority", "random"])
      .default("least-waste")
      .meta({ description: "Which pool grows first: `least-waste` picks the one the pending pods fill best." }),
  })
    .prefault({})
    .meta({ description: "The cluster autoscaler profile." }),
  loadBalancer: strictObject({
    internal: z
      .boolean()
      .default(false)
      .meta({ description: "Internal load balancers (frontends in the edge subnet) for clients on private networks." }),
    dnsLabelPrefix: dnsLabel(30).optional().meta({
      description:
        'DNS label prefix of each public edge address: "<prefix>-<cell>-<role>.<location>.cloudapp.azure.com".',
    }),
  })
    .prefault({})
    .meta({ description: "The edge's Standard Load Balancer: internal or public, DNS label." }),
  monitoring: strictObject({
    logRetentionDays: z
      .int()
      .min(30)
      .max(730)
      .default(90)
      .meta({ description: "Retention of the Log Analytics workspace (control-plane logs)." }),
    containerInsights: z
      .boolean()
      .default(false)
      .meta({ description: "Container Insights (node, pod and container logs and metrics) into the same workspace." }),
    prometheus: strictObject({
      publicQueryAccess: z.boolean().optional().meta({
        description:
          "Whether the Azure Monitor workspace answers PromQL queries (Entra-authenticated) from outside the VNet; when off, KEDA and anyone on the VNet query it through a private endpoint in the endpoints subnet.",
        defaultText: "false with a private API server (prod), else true",
      }),
      keda: strictObject({
        namespace: dnsLabel(63).default("keda").meta({ description: "Namespace of the KEDA operator." }),
        serviceAccount: dnsLabel(63)
          .default("keda-operator")
          .meta({ description: "Service account of the KEDA operator (the chart's default)." }),
      })
        .prefault({})
        .meta({
          description:
            "The KEDA operator that queries the workspace for gateways scaled on online users (autoscaling.gatewayUsersPerPod): its federated identity is granted Monitoring Data Reader on the workspace.",
        }),
    })
      .prefault({})
      .meta({
        description:
          "Azure Monitor managed service for Prometheus, the collector of the kit's monitoring (used when monitoring.enabled).",
      }),
  })
    .prefault({})
    .meta({
      description:
        "Control-plane logs in a Log Analytics workspace; Prometheus metrics, rules and alerts in an Azure Monitor workspace.",
    }),
  applicationGateway: strictObject({
    enabled: z
      .boolean()
      .default(false)
      .meta({ description: "Put Application Gateway for Containers, with a WAF policy, in front of the API." }),
    wafMode: z
      .enum(["Prevention", "Detection"])
      .default("Prevention")
      .meta({ description: "`Prevention` blocks matching requests; `Detection` only logs them." }),
  })
    .prefault({})
    .meta({
      description:
        "Application Gateway for Containers with a WAF policy, for the HTTP API (see the README for the routing it needs).",
    }),
  kubeconfigLogin: z.enum(["azurecli", "workloadidentity"]).default("azurecli").meta({
    description:
      "How the kit's kubeconfig signs in through kubelogin: the Azure CLI's login, or a federated workload identity (CI).",
  }),
  prices: priceOverridesSchema,
  data: azureDataSchema,
}).superRefine((target, ctx) => {
  const issue = (path: Array<string | number>, input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path, input, message });

  target.zones.forEach((zone, index) => {
    if (target.zones.indexOf(zone) !== index)
      issue(["zones", index], zone, `duplicates zones[${target.zones.indexOf(zone)}]; list each zone once`);
  });
  const versionProblem = kubernetesVersionProblem(target.kubernetesVersion);
  if (versionProblem) issue(["kubernetesVersion"], target.kubernetesVersion, versionProblem);

  for (const pool of ["system", "shared", "dedicated"] as const) {
    const { min, max } = target.nodePools[pool];
    if (min > max) issue(["nodePools", pool, "min"], min, `is greater than max (${max}); lower min or raise max`);
  }
  if (target.nodePools.system.min < 1) {
    issue(
      ["nodePools", "system", "min"],
      target.nodePools.system.min,
      "must be at least 1: AKS needs a System pool node for CoreDNS and its add-ons",
    );
  }
  for (const [tenant, override] of Object.entries(target.nodePools.dedicatedOverrides)) {
    const min = override.min ?? target.nodePools.dedicated.min;
    const max = override.max ?? target.nodePools.dedicated.max;
    if (min > max)
      issue(
        ["nodePools", "dedicatedOverrides", tenant, "min"],
        min,
        `is greater than max (${max}); lower min or raise max`,
      );
  }

  // System and shared pools at full size; dedicated VIP pools are counted once tenants are known.
  const maxNodes = poolNodes(target.nodePools.system) + poolNodes(target.nodePools.shared);
  for (const problem of checkAzureRanges(target.network, maxNodes, target.applicationGateway.enabled)) {
    issue(["network", problem.field], problem.value, problem.message);
  }
  target.apiServer.authorizedIpRanges.forEach((range, index) => {
    const problem = authorizedNetworkProblem(range);
    if (problem) issue(["apiServer", "authorizedIpRanges", index], range, problem);
  });
});

export type AzureTargetConfig = z.infer<typeof azureTargetSchema>;
export type AzurePoolConfig = z.infer<typeof systemPoolSchema>;
