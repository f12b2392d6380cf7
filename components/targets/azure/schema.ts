import { z } from "zod";
import { cidr, dnsLabel, strictObject } from "../../config/fields";
import { kubernetesVersionProblem } from "../kubernetes-version";
import { authorizedNetworkProblem } from "../range-checks";
import { checkAzureRanges } from "./network-plan";
import { poolNodes } from "./pool-size";

const guid = (what: string) => z.guid({ error: `is not ${what}; use the GUID form "00000000-0000-0000-0000-000000000000"` });
const VM_SIZE = /^Standard_[A-Za-z0-9_]+$/;
const vmSize = z.string().regex(VM_SIZE, { error: 'is not an Azure VM size; use a name like "Standard_D8ds_v5"' });
/** An integer node count, or a percentage of the pool ("1", "33%"). */
const maxSurge = z.string().regex(/^([1-9]\d{0,2}|[1-9]\d?%|100%)$/, { error: 'must be a node count ("1") or a percentage ("33%")' });
const minutes = (min: number, max: number) => z.int().min(min).max(max);

interface PoolDefaults {
  readonly vmSize: string;
  readonly min: number;
  readonly max: number;
}

/** One class of node pool; AKS counts min and max across all of the pool's zones. */
function poolSchema(defaults: PoolDefaults) {
  return strictObject({
    /** @default per pool: system Standard_D4ds_v5, shared and dedicated Standard_D8ds_v5 */
    vmSize: vmSize.default(defaults.vmSize),
    /** Fewest nodes the autoscaler keeps. @default per pool (system 2, shared 2, dedicated 1) */
    min: z.int().min(0).max(1000).default(defaults.min),
    /** Most nodes the autoscaler may add. @default per pool (system 4, shared 20, dedicated 10) */
    max: z.int().min(1).max(1000).default(defaults.max),
    /** Managed OS disk of each node, encrypted with the cluster's disk encryption set. @default 128 */
    osDiskSizeGb: z.int().min(30).max(2048).default(128),
    /** Extra nodes an upgrade adds at a time: one keeps gateway reconnects to one node's worth. @default "1" */
    maxSurge: maxSurge.default("1"),
  });
}

const systemPoolSchema = poolSchema({ vmSize: "Standard_D4ds_v5", min: 2, max: 4 });
const sharedPoolSchema = poolSchema({ vmSize: "Standard_D8ds_v5", min: 2, max: 20 }).extend({
  /** Spot VMs for the shared pool: cheaper, evicted at short notice (gateways reconnect). @default false */
  spot: z.boolean().default(false),
});
/** VIP pools are never spot: an eviction would be a reconnect wave for one customer. */
const noSpot = z.boolean().refine((spot) => !spot, {
  error: "is refused: VIP pools never run on spot VMs (an eviction is a reconnect wave for one customer); remove spot, or use nodePools.shared.spot",
}).optional();
const dedicatedPoolSchema = poolSchema({ vmSize: "Standard_D8ds_v5", min: 1, max: 10 }).extend({ spot: noSpot });
const dedicatedOverrideSchema = strictObject({
  vmSize: vmSize.optional(),
  min: z.int().min(0).max(1000).optional(),
  max: z.int().min(1).max(1000).optional(),
  osDiskSizeGb: z.int().min(30).max(2048).optional(),
  maxSurge: maxSurge.optional(),
  spot: noSpot,
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
  /** The subscription that holds every resource; the provider refuses any other. */
  subscriptionId: guid("an Azure subscription id"),
  /** The Microsoft Entra tenant of the subscription: the cluster's users and the Key Vault authenticate against it. */
  tenantId: guid("a Microsoft Entra tenant id"),
  /** @default "westeurope" */
  location: z.string().regex(/^[a-z][a-z0-9]+$/, { error: 'is not an Azure region name; use a form like "westeurope"' }).default(AZURE_DEFAULT_LOCATION),
  /** Availability zones of the node pools. @default ["1", "2", "3"] */
  zones: z.array(z.enum(AZURE_ZONES)).min(1).default([...AZURE_ZONES]),
  /** @default "im-<stack>-<target name>" */
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { error: "must be 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'" }).optional(),
  /** AKS cluster name, also its DNS prefix. @default "im-<stack>-<target name>" */
  clusterName: z.string().regex(/^[a-zA-Z0-9]([-a-zA-Z0-9]{0,52}[a-zA-Z0-9])?$/, { error: "must be 1-54 letters, digits or '-', starting and ending with a letter or digit" }).optional(),
  /** @default "1.32" */
  kubernetesVersion: z.string().regex(/^1\.\d+(\.\d+)?$/, { error: 'is not a Kubernetes version; use a form like "1.32"' }).default("1.32"),
  network: strictObject({
    /** @default "10.50.0.0/16" */
    vnetCidr: cidr.default("10.50.0.0/16"),
    /** Node subnet of every pool (pods use the overlay range, not VNet addresses). @default "10.50.0.0/20" */
    nodesCidr: cidr.default("10.50.0.0/20"),
    /** Frontends of internal edge load balancers. @default "10.50.16.0/24" */
    edgeCidr: cidr.default("10.50.16.0/24"),
    /** Private endpoints (the Key Vault's). @default "10.50.17.0/27" */
    endpointsCidr: cidr.default("10.50.17.0/27"),
    /** The API server's own subnet (API Server VNet Integration), at least a /28. @default "10.50.17.32/28" */
    apiServerCidr: cidr.default("10.50.17.32/28"),
    /** Application Gateway for Containers, at least a /24; used when applicationGateway.enabled. @default "10.50.18.0/24" */
    appGatewayCidr: cidr.default("10.50.18.0/24"),
    /** Azure CNI Overlay pod range, outside the VNet: a /24 per node. @default "10.244.0.0/16" */
    podCidr: cidr.default("10.244.0.0/16"),
    /** Kubernetes Service range, outside the VNet. @default "172.20.0.0/16" */
    serviceCidr: cidr.default("172.20.0.0/16"),
    /** CoreDNS's Service address, inside serviceCidr. @default "172.20.0.10" */
    dnsServiceIp: z.ipv4({ error: 'is not an IPv4 address; use a form like "172.20.0.10"' }).default("172.20.0.10"),
    /** Idle timeout of egress flows through the NAT gateway (push connections to APNs/FCM). @default 10 */
    natIdleTimeoutMinutes: minutes(4, 120).default(10),
  }).prefault({}),
  /** NetworkPolicy engine: Cilium (eBPF dataplane) or Azure Network Policy Manager. @default "cilium" */
  networkPolicy: z.enum(["cilium", "azure"]).default("cilium"),
  apiServer: strictObject({
    /** API server on private addresses only (reach it from the VNet, a peered network or a VPN). @default true in prod, else false */
    privateCluster: z.boolean().optional(),
    /** Ranges admitted to a public API server; required when it is public, refused when private. @default [] */
    authorizedIpRanges: z.array(cidr).default([]),
  }).prefault({}),
  /** Entra ID groups whose members are cluster admins; whoever runs `pulumi up` must be in one (local accounts are off). */
  adminGroupObjectIds: z.array(guid("an Entra group object id")).min(1, { error: "must list at least one Entra group: local accounts are disabled, so cluster admins (and the deploying identity) come from these groups" }),
  /** AKS automatic upgrade channel. @default "stable" in prod, else "patch" */
  upgradeChannel: z.enum(UPGRADE_CHANNELS).optional(),
  /** How node images get OS patches. @default "NodeImage" */
  nodeOsUpgradeChannel: z.enum(["NodeImage", "SecurityPatch", "Unmanaged", "None"]).default("NodeImage"),
  /** AKS pricing tier: Standard carries the financially backed API server SLA. @default "Standard" in prod, else "Free" */
  skuTier: z.enum(SKU_TIERS).optional(),
  /** Encrypt node temp disks and caches at the VM host too (the subscription must have the EncryptionAtHost feature). @default false */
  encryptionAtHost: z.boolean().default(false),
  nodePools: strictObject({
    /** Cluster add-ons only (mode System, tainted CriticalAddonsOnly); tenant cells never land here. */
    system: systemPoolSchema.prefault({}),
    /** The shared cell's pool, and VIP cells without a pool of their own. */
    shared: sharedPoolSchema.prefault({}),
    /** Size of each VIP tenant's dedicated pool. */
    dedicated: dedicatedPoolSchema.prefault({}),
    /** Per-tenant changes to `dedicated`, by tenant id. @default {} */
    dedicatedOverrides: z.record(dnsLabel(20), dedicatedOverrideSchema).default({}),
  }).prefault({}),
  keyVault: strictObject({
    /** Globally unique vault name (3-24 characters). @default derived from the stack, target and subscription */
    name: z.string().regex(/^[a-zA-Z](?!.*--)[-a-zA-Z0-9]{1,22}[a-zA-Z0-9]$/, { error: "must be 3-24 letters, digits or single '-', starting with a letter" }).optional(),
    /** `premium` keeps the keys in HSMs. @default "standard" */
    sku: z.enum(["standard", "premium"]).default("standard"),
    /** Days between automatic key rotations; each key version expires 30 days after its successor appears. @default 90 */
    rotationDays: z.int().min(7).max(365).default(90),
    /** Days a deleted vault or key stays recoverable. @default 90 */
    softDeleteRetentionDays: z.int().min(7).max(90).default(90),
  }).prefault({}),
  autoscaler: strictObject({
    /** How long a node stays underused before it is removed. @default 10 */
    scaleDownUnneededMinutes: minutes(1, 1440).default(10),
    /** Calm after a scale-up before scale-down is considered again. @default 10 */
    scaleDownDelayAfterAddMinutes: minutes(0, 1440).default(10),
    /** The longest the autoscaler waits for a node's pods to stop; at least the gateways' grace period. @default 600 */
    maxGracefulTerminationSeconds: z.int().min(30).max(14400).default(600),
    /** Which pool grows first: `least-waste` picks the one the pending pods fill best. @default "least-waste" */
    expander: z.enum(["least-waste", "most-pods", "priority", "random"]).default("least-waste"),
  }).prefault({}),
  loadBalancer: strictObject({
    /** Internal load balancers (frontends in the edge subnet) for clients on private networks. @default false */
    internal: z.boolean().default(false),
    /** DNS label prefix of each public edge address: "<prefix>-<cell>-<role>.<location>.cloudapp.azure.com". */
    dnsLabelPrefix: dnsLabel(30).optional(),
  }).prefault({}),
  monitoring: strictObject({
    /** Retention of the Log Analytics workspace (control-plane logs). @default 90 */
    logRetentionDays: z.int().min(30).max(730).default(90),
    /** Container Insights (node, pod and container logs and metrics) into the same workspace. @default false */
    containerInsights: z.boolean().default(false),
  }).prefault({}),
  /** Application Gateway for Containers with a WAF policy, for the HTTP API (see the README for the routing it needs). */
  applicationGateway: strictObject({
    /** @default false */
    enabled: z.boolean().default(false),
    /** `Prevention` blocks matching requests; `Detection` only logs them. @default "Prevention" */
    wafMode: z.enum(["Prevention", "Detection"]).default("Prevention"),
  }).prefault({}),
  /** How the kit's kubeconfig signs in through kubelogin: the Azure CLI's login, or a federated workload identity (CI). @default "azurecli" */
  kubeconfigLogin: z.enum(["azurecli", "workloadidentity"]).default("azurecli"),
}).superRefine((target, ctx) => {
  const issue = (path: Array<string | number>, input: unknown, message: string) => ctx.addIssue({ code: "custom", path, input, message });

  target.zones.forEach((zone, index) => {
    if (target.zones.indexOf(zone) !== index) issue(["zones", index], zone, `duplicates zones[${target.zones.indexOf(zone)}]; list each zone once`);
  });
  const versionProblem = kubernetesVersionProblem(target.kubernetesVersion);
  if (versionProblem) issue(["kubernetesVersion"], target.kubernetesVersion, versionProblem);

  for (const pool of ["system", "shared", "dedicated"] as const) {
    const { min, max } = target.nodePools[pool];
    if (min > max) issue(["nodePools", pool, "min"], min, `is greater than max (${max}); lower min or raise max`);
  }
  if (target.nodePools.system.min < 1) {
    issue(["nodePools", "system", "min"], target.nodePools.system.min, "must be at least 1: AKS needs a System pool node for CoreDNS and its add-ons");
  }
  for (const [tenant, override] of Object.entries(target.nodePools.dedicatedOverrides)) {
    const min = override.min ?? target.nodePools.dedicated.min;
    const max = override.max ?? target.nodePools.dedicated.max;
    if (min > max) issue(["nodePools", "dedicatedOverrides", tenant, "min"], min, `is greater than max (${max}); lower min or raise max`);
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
