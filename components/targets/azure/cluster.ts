import * as containerservice from "@pulumi/azure-native/containerservice";
import type * as pulumi from "@pulumi/pulumi";
import { autoScalerProfile } from "./autoscaler";
import { azureMonitorProfile } from "./metrics";
import type { AzureScope } from "./scope";
import type { AzureNames } from "./naming";
import { agentPoolSpec } from "./node-pools";
import type { AzurePoolPlan } from "./plan";
import type { AzureTargetConfig } from "./schema";
import type { AzureSettings } from "./settings";

export interface AksClusterArgs {
  readonly names: AzureNames;
  readonly settings: AzureSettings;
  readonly systemPool: AzurePoolPlan;
  readonly identityId: pulumi.Input<string>;
  readonly nodesSubnetId: pulumi.Input<string>;
  readonly apiServerSubnetId: pulumi.Input<string>;
  readonly vaultId: pulumi.Input<string>;
  /** The versioned etcd key id; a rotation changes it and `pulumi up` rolls the cluster onto the new version. */
  readonly etcdKeyId: pulumi.Input<string>;
  readonly diskEncryptionSetId: pulumi.Input<string>;
  readonly workspaceId: pulumi.Input<string>;
  /** Azure Monitor managed Prometheus (the monitoring's collector): the add-on that scrapes into the Azure Monitor workspace. */
  readonly prometheusMetrics: boolean;
}

/** Channels that move the cluster's minor version on their own, so the configured one is the creation version only. */
const MINOR_UPGRADING_CHANNELS = ["rapid", "stable"];

/**
 * The AKS cluster: Entra ID with Azure RBAC and no local accounts, a private API server in prod
 * (authorized ranges otherwise) on its own subnet (VNet integration, which the KMS plugin needs to
 * reach a private vault), etcd secrets encrypted with a Key Vault key (KMS), node disks with the
 * disk encryption set, Azure CNI Overlay with Cilium or Azure network policy, workload identity
 * and OIDC issuer, egress through the NAT gateway only, automatic upgrades, the system pool and,
 * with monitoring, the managed Prometheus add-on.
 */
export function createAksCluster(
  name: string,
  cluster: AzureTargetConfig,
  scope: AzureScope,
  args: AksClusterArgs,
  opts: pulumi.CustomResourceOptions,
): containerservice.ManagedCluster {
  const { settings } = args;
  const cilium = cluster.networkPolicy === "cilium";
  return new containerservice.ManagedCluster(
    `${name}-aks`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      resourceName: args.names.cluster,
      dnsPrefix: args.names.cluster,
      nodeResourceGroup: args.names.nodeResourceGroup,
      kubernetesVersion: cluster.kubernetesVersion,
      sku: { name: "Base", tier: settings.skuTier },
      supportPlan: "KubernetesOfficial",
      identity: { type: "UserAssigned", userAssignedIdentities: [args.identityId] },
      enableRBAC: true,
      aadProfile: {
        managed: true,
        enableAzureRBAC: true,
        tenantID: cluster.tenantId,
        adminGroupObjectIDs: [...cluster.adminGroupObjectIds],
      },
      disableLocalAccounts: true,
      apiServerAccessProfile: {
        enablePrivateCluster: settings.privateCluster,
        authorizedIPRanges: settings.privateCluster ? undefined : [...cluster.apiServer.authorizedIpRanges],
        enableVnetIntegration: true,
        subnetId: args.apiServerSubnetId,
        disableRunCommand: true,
      },
      networkProfile: {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        networkDataplane: cilium ? "cilium" : "azure",
        networkPolicy: cluster.networkPolicy,
        podCidr: cluster.network.podCidr,
        serviceCidr: cluster.network.serviceCidr,
        dnsServiceIP: cluster.network.dnsServiceIp,
        outboundType: "userAssignedNATGateway",
        loadBalancerSku: "standard",
        ipFamilies: ["IPv4"],
      },
      securityProfile: {
        azureKeyVaultKms: {
          enabled: true,
          keyId: args.etcdKeyId,
          keyVaultNetworkAccess: "Private",
          keyVaultResourceId: args.vaultId,
        },
        workloadIdentity: { enabled: true },
        imageCleaner: { enabled: true, intervalHours: 168 },
      },
      oidcIssuerProfile: { enabled: true },
      diskEncryptionSetID: args.diskEncryptionSetId,
      autoUpgradeProfile: {
        upgradeChannel: settings.upgradeChannel,
        nodeOSUpgradeChannel: cluster.nodeOsUpgradeChannel,
      },
      autoScalerProfile: autoScalerProfile(cluster.autoscaler),
      agentPoolProfiles: [
        { name: args.systemPool.agentPoolName, ...agentPoolSpec(args.systemPool, cluster, args.nodesSubnetId) },
      ],
      storageProfile: {
        diskCSIDriver: { enabled: true },
        fileCSIDriver: { enabled: false },
        blobCSIDriver: { enabled: false },
        snapshotController: { enabled: true },
      },
      addonProfiles: cluster.monitoring.containerInsights
        ? {
            omsagent: {
              enabled: true,
              config: { logAnalyticsWorkspaceResourceID: args.workspaceId, useAADAuth: "true" },
            },
          }
        : undefined,
      azureMonitorProfile: args.prometheusMetrics ? azureMonitorProfile() : undefined,
      tags: scope.tags,
    },
    {
      ...opts,
      // The autoscaler owns the system pool's node count; channels that change minors own the version.
      ignoreChanges: [
        "agentPoolProfiles[0].count",
        ...(MINOR_UPGRADING_CHANNELS.includes(settings.upgradeChannel) ? ["kubernetesVersion"] : []),
      ],
    },
  );
}
