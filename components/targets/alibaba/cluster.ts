import * as cs from "@pulumi/alicloud/cs";
import type * as pulumi from "@pulumi/pulumi";
import { CONTROL_PLANE_LOG_COMPONENTS } from "./logs";
import type { AlibabaTargetConfig } from "./schema";
import type { AlibabaSettings } from "./settings";

/** Terway in shared-ENI mode with its network policy engine: every cell's NetworkPolicies are enforced. */
export const TERWAY_CONFIG = { IPVlan: "false", NetworkPolicy: "true", ENITrunking: "false" };

/** Add-ons installed with the cluster (ACK reads them at creation only). */
export function clusterAddons(): Array<{ name: string; config?: string }> {
  return [
    { name: "terway-eniip", config: JSON.stringify(TERWAY_CONFIG) },
    { name: "csi-plugin" },
    { name: "managed-csiprovisioner" },
  ];
}

export interface ClusterArgs {
  readonly clusterName: string;
  readonly settings: AlibabaSettings;
  readonly nodeSwitchIds: pulumi.Input<string>[];
  readonly podSwitchIds: pulumi.Input<string>[];
  readonly securityGroupId: pulumi.Input<string>;
  readonly secretsKeyId: pulumi.Input<string>;
  readonly logProject: pulumi.Input<string>;
  readonly retentionDays: number;
  readonly tags: Record<string, string>;
}

/** The window's weekdays in ACK's spelling, and its length. */
export function maintenanceWindow(cluster: AlibabaTargetConfig) {
  const { days, startTime, durationHours } = cluster.maintenance;
  return { enable: true, maintenanceTime: startTime, duration: `${durationHours}h`, weeklyPeriod: days.join(",") };
}

/**
 * An ACK managed Pro cluster on the kit's VPC and security group: Terway with network policy,
 * secrets encrypted with the KMS key, RRSA (pods assume RAM roles through their service
 * accounts), audit and control-plane logs to the cluster's log project, no internet endpoint in
 * prod, IPVS kube-proxy, deletion protection in prod, and upgrades in the maintenance window.
 * Node pools are separate resources; the kit makes the NAT gateway itself.
 */
export function createCluster(
  name: string,
  cluster: AlibabaTargetConfig,
  args: ClusterArgs,
  opts: pulumi.CustomResourceOptions,
): cs.ManagedKubernetes {
  return new cs.ManagedKubernetes(
    `${name}-ack`,
    {
      name: args.clusterName,
      clusterSpec: cluster.clusterSpec,
      profile: "Default",
      version: cluster.kubernetesVersion,
      vswitchIds: args.nodeSwitchIds,
      podVswitchIds: args.podSwitchIds,
      serviceCidr: cluster.network.serviceCidr,
      proxyMode: "ipvs",
      ipStack: "ipv4",
      securityGroupId: args.securityGroupId,
      newNatGateway: false,
      slbInternetEnabled: !args.settings.privateEndpoint,
      deletionProtection: args.settings.deletionProtection,
      encryptionProviderKey: args.secretsKeyId,
      disableEncryption: false,
      enableRrsa: true,
      auditLogConfig: { enabled: true, slsProjectName: args.logProject },
      controlPlaneLogProject: args.logProject,
      controlPlaneLogComponents: CONTROL_PLANE_LOG_COMPONENTS,
      controlPlaneLogTtl: String(args.retentionDays),
      maintenanceWindow: maintenanceWindow(cluster),
      operationPolicy: { clusterAutoUpgrade: { enabled: true, channel: args.settings.upgradeChannel } },
      addons: clusterAddons(),
      skipSetCertificateAuthority: true,
      tags: args.tags,
    },
    opts,
  );
}
