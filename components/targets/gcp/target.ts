import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  storageClassesFrom,
  tenantKeysFrom,
  type DataServices,
  type GlobalTraffic,
  type MetricsCollector,
  type StorageClasses,
  type TenantKeys,
} from "../capabilities";
import type { ClusterTarget, EdgeProfile, NodePool, TargetArgs } from "../cluster-target";
import type { TargetPlan } from "../plan";
import { publicContainerPorts } from "../edge-ports";
import { clusterProvider } from "../kubernetes-provider";
import { backendConfigs } from "./backend-config";
import { createApiSecurityPolicy } from "./cloud-armor";
import { createCluster } from "./cluster";
import { createGcpDataServices } from "./data/services";
import { gcpEdgeProfile } from "./edge-profile";
import { createFirewall } from "./firewall";
import { createNodeIdentity } from "./identity";
import { createKedaIdentity, queriesManagedPrometheus } from "./keda-identity";
import { createKeys } from "./keys";
import { gkeKubeconfig } from "./kubeconfig";
import { gmpCollector } from "./metrics";
import { createNetwork } from "./network";
import { createNodePool } from "./node-pools";
import { toNodePool, type GcpPlan, type GcpPoolPlan } from "./plan";
import type { GcpTargetConfig } from "./schema";
import { createCmekStorageClass, PLATFORM_STORAGE_CLASS, tenantStorageClass } from "./storage";
import { gcpGlobalTraffic } from "./traffic";
import { apiBehindIngress, gcpEdgeWarnings } from "./warnings";

export type GcpClusterArgs = TargetArgs<GcpTargetConfig, GcpPlan>;

/**
 * A private GKE cluster on its own VPC as a ClusterTarget: network and NAT, firewall rules,
 * Cloud KMS keys, a least-privilege node identity, the cluster, its autoscaled node pools, the
 * API edge's Cloud Armor policy, CMEK storage classes, and Managed Service for Prometheus as its
 * metrics collector (with KEDA's read access where gateways scale on online users).
 */
export class GcpCluster extends pulumi.ComponentResource implements ClusterTarget {
  readonly name: string;
  readonly plan: TargetPlan;
  readonly provider: k8s.Provider;
  readonly readiness: pulumi.Resource[];
  readonly edge: EdgeProfile;
  readonly nodePools: readonly NodePool[];
  readonly apiServerCidrs: readonly string[];
  readonly storage: StorageClasses;
  readonly waitForWorkloads: boolean;
  readonly keys: TenantKeys;
  readonly monitoring: MetricsCollector;
  readonly dns?: GlobalTraffic;
  readonly data?: DataServices;

  constructor(name: string, args: GcpClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:GcpCluster", name, {}, opts);
    const { cluster, platform } = args;
    const { settings } = args.plan.detail;
    const child = { parent: this };
    this.name = args.plan.name;
    this.plan = args.plan;
    this.waitForWorkloads = true;
    // Private clusters answer the in-cluster API address from the control plane's range.
    this.apiServerCidrs = [cluster.network.masterCidr];
    for (const warning of gcpEdgeWarnings(platform)) pulumi.log.warn(warning, this);

    const keys = createKeys(name, cluster, [...args.plan.keyTenants], child);
    const identity = createNodeIdentity(name, args.plan.name, cluster, child);
    const net = createNetwork(name, cluster, child);
    createFirewall(
      name,
      cluster,
      {
        network: net.network.id,
        nodeServiceAccount: identity.account.email,
        edgePorts: publicContainerPorts(platform.services, ["client", "http"]),
      },
      child,
    );

    // Managed data (`data.mode: managed`): its key, the service agents' grants, private services access.
    this.data = createGcpDataServices(
      `${name}-data`,
      { targetName: args.plan.name, cluster, platform, network: net.network.id, subnet: net.subnet.id, keys },
      child,
    );

    const gke = createCluster(
      name,
      cluster,
      {
        network: net.network.id,
        subnet: net.subnet.id,
        nodeServiceAccount: identity.account.email,
        secretsKey: keys.secrets.id,
        disksKey: keys.disks.id,
        settings,
        kubeStateMetrics: platform.monitoring.enabled,
      },
      { parent: this, dependsOn: [...keys.grants, ...identity.grants, net.nat] },
    );

    const plans = args.plan.detail.pools;
    const bootDiskKey = (pool: GcpPoolPlan) =>
      pool.tenant && keys.tenants[pool.tenant] ? keys.tenants[pool.tenant]!.id : keys.disks.id;
    const pools = plans.map((pool) =>
      createNodePool(
        name,
        pool,
        cluster,
        { cluster: gke, nodeServiceAccount: identity.account.email, bootDiskKey },
        child,
      ),
    );
    this.nodePools = plans.map(toNodePool);
    this.readiness = pools;

    const endpoint = settings.privateEndpoint
      ? gke.privateClusterConfig.apply((config) => config.privateEndpoint ?? "")
      : gke.endpoint;
    const kubeconfig = pulumi
      .all([gke.name, endpoint, gke.masterAuth])
      .apply(([clusterName, host, auth]) =>
        gkeKubeconfig({ clusterName, endpoint: host, caCertificate: auth.clusterCaCertificate ?? "" }),
      );
    this.provider = clusterProvider(`${name}-k8s`, { kubeconfig: pulumi.secret(kubeconfig) }, child);
    const inCluster = { parent: this, provider: this.provider, dependsOn: pools };

    const policy = apiBehindIngress(platform)
      ? createApiSecurityPolicy(name, cluster, platform.edge, child)
      : undefined;
    this.edge = gcpEdgeProfile(policy ? backendConfigs(name, policy.name) : undefined);

    this.storage = storageClassesFrom(PLATFORM_STORAGE_CLASS, tenantStorageClass, args.plan.keyTenants);
    createCmekStorageClass(`${name}-storage`, PLATFORM_STORAGE_CLASS, keys.disks.id, undefined, inCluster);
    const tenantKeys: Record<string, pulumi.Output<string>> = {};
    for (const [tenant, key] of Object.entries(keys.tenants)) {
      tenantKeys[tenant] = key.id;
      createCmekStorageClass(`${name}-storage-${tenant}`, tenantStorageClass(tenant), key.id, tenant, inCluster);
    }
    this.keys = tenantKeysFrom(tenantKeys);

    this.dns = gcpGlobalTraffic(args);
    // Managed Service for Prometheus: the cluster's managed collection scrapes, evaluates and alerts.
    this.monitoring = gmpCollector({ project: cluster.project });
    const keda = queriesManagedPrometheus(platform)
      ? createKedaIdentity(name, args.plan.name, cluster, child)
      : undefined;

    this.registerOutputs({
      clusterName: gke.name,
      network: net.network.name,
      nodePools: this.nodePools.map((pool) => pool.name),
      tenantKeys,
      ...(keda ? { kedaServiceAccount: keda.account.email } : {}),
    });
  }
}
