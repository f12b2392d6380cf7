import * as container from "@pulumi/gcp/container";
import type * as pulumi from "@pulumi/pulumi";
import { PODS_RANGE_NAME, SERVICES_RANGE_NAME } from "./network";
import type { GcpTargetConfig } from "./schema";
import type { GcpSettings } from "./settings";

/** Shielded VM options every node (and the short-lived default pool) boots with. */
export const SHIELDED_INSTANCE = { enableSecureBoot: true, enableIntegrityMonitoring: true };
/** Pods see the GKE metadata server only: Workload Identity, no node credentials. */
export const WORKLOAD_METADATA = { mode: "GKE_METADATA" };

/**
 * GKE's managed kube state metrics packages (Pods, Deployments, StatefulSets, DaemonSets, HPAs,
 * volumes), written through Managed Service for Prometheus. An explicit component list replaces
 * GKE's default, so they are named. They export no Node, ResourceQuota or PodDisruptionBudget
 * metrics.
 */
export const KUBE_STATE_METRICS_COMPONENTS = ["POD", "DEPLOYMENT", "STATEFULSET", "DAEMONSET", "HPA", "STORAGE"];

/** System metrics always; the kube state metrics packages when the platform's monitoring reads them. */
export function monitoringComponents(kubeStateMetrics: boolean): string[] {
  return ["SYSTEM_COMPONENTS", ...(kubeStateMetrics ? KUBE_STATE_METRICS_COMPONENTS : [])];
}

export interface ClusterArgs {
  readonly network: pulumi.Input<string>;
  readonly subnet: pulumi.Input<string>;
  readonly nodeServiceAccount: pulumi.Input<string>;
  readonly secretsKey: pulumi.Input<string>;
  readonly disksKey: pulumi.Input<string>;
  readonly settings: GcpSettings;
  /** Collect GKE's kube state metrics packages (the platform's monitoring reads them). */
  readonly kubeStateMetrics: boolean;
}

/**
 * A regional, private GKE cluster: private nodes, a control plane on its private address in
 * prod and behind authorized networks otherwise, Dataplane V2 (network policy enforced),
 * Workload Identity, shielded nodes, secrets encrypted with a customer-managed key, and no
 * legacy ABAC or client certificates. Node pools are separate resources.
 */
export function createCluster(
  name: string,
  cluster: GcpTargetConfig,
  args: ClusterArgs,
  opts: pulumi.CustomResourceOptions,
): container.Cluster {
  return new container.Cluster(
    `${name}-gke`,
    {
      project: cluster.project,
      location: cluster.region,
      nodeLocations: cluster.zones,
      network: args.network,
      subnetwork: args.subnet,
      deletionProtection: args.settings.deletionProtection,
      // Pools are managed one by one; the default pool only exists while the cluster is created.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig: {
        serviceAccount: args.nodeServiceAccount,
        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
        shieldedInstanceConfig: SHIELDED_INSTANCE,
        workloadMetadataConfig: WORKLOAD_METADATA,
        bootDiskKmsKey: args.disksKey,
      },
      releaseChannel: { channel: args.settings.releaseChannel },
      ipAllocationPolicy: {
        clusterSecondaryRangeName: PODS_RANGE_NAME,
        servicesSecondaryRangeName: SERVICES_RANGE_NAME,
      },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: args.settings.privateEndpoint,
        masterIpv4CidrBlock: cluster.network.masterCidr,
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: cluster.masterAuthorizedNetworks.map((cidrBlock) => ({
          cidrBlock,
          displayName: `operators ${cidrBlock}`,
        })),
        gcpPublicCidrsAccessEnabled: false,
      },
      datapathProvider: "ADVANCED_DATAPATH",
      // Pod-to-pod traffic on one node (between cells too) then passes the VPC: flow logs and firewall rules see it.
      enableIntranodeVisibility: true,
      workloadIdentityConfig: { workloadPool: `${cluster.project}.svc.id.goog` },
      databaseEncryption: { state: "ENCRYPTED", keyName: args.secretsKey },
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] },
      // Managed collection: the GMP collectors, rule-evaluator and Alertmanager the platform's monitoring uses.
      monitoringConfig: {
        enableComponents: monitoringComponents(args.kubeStateMetrics),
        managedPrometheus: { enabled: true },
      },
      addonsConfig: {
        httpLoadBalancing: { disabled: false },
        horizontalPodAutoscaling: { disabled: false },
        gcePersistentDiskCsiDriverConfig: { enabled: true },
      },
      resourceLabels: { "managed-by": "im-platform" },
    },
    opts,
  );
}
