import { Provider } from "@pulumi/alicloud/provider";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type * as kms from "@pulumi/alicloud/kms";
import {
  storageClassesFrom,
  tenantKeysFrom,
  type DataServices,
  type MetricsCollector,
  type StorageClasses,
  type TenantKeys,
} from "../capabilities";
import type { ClusterTarget, EdgeProfile, NodePool, TargetArgs } from "../cluster-target";
import { edgeIngressPorts, edgeSourceCidrs, publicContainerPorts } from "../edge-ports";
import { clusterProvider } from "../kubernetes-provider";
import type { TargetPlan } from "../plan";
import { installKubePrometheusStack, operatorCollector } from "../prometheus-operator";
import { createCluster } from "./cluster";
import { alibabaTags } from "./conventions";
import { alibabaEdgeProfile } from "./edge-profile";
import { createApiServerAcl, createEdgeAcl, createSecurityGroups } from "./firewall";
import { alibabaDataServices } from "./data/capability";
import { resolveDataSettings } from "./data/settings";
import { createKey, createKeys } from "./keys";
import { ackKubeconfig } from "./kubeconfig";
import { createLogs } from "./logs";
import { alibabaNames } from "./naming";
import { createNetwork, zoneMaps } from "./network";
import { createNodePool } from "./node-pools";
import { toNodePool, type AlibabaPlan, type AlibabaPoolPlan } from "./plan";
import type { AlibabaTargetConfig } from "./schema";
import { createKmsStorageClass, PLATFORM_STORAGE_CLASS, tenantStorageClass } from "./storage";
import { alibabaEdgeWarnings } from "./warnings";

export type AlibabaClusterArgs = TargetArgs<AlibabaTargetConfig, AlibabaPlan>;

/**
 * An ACK managed Pro cluster on its own VPC as a ClusterTarget: vSwitches per zone for nodes and
 * Terway's pods, NAT egress, flow, audit and control-plane logs, security groups rule by rule,
 * rotating KMS keys, the cluster with encrypted secrets and RRSA, its autoscaled node pools, KMS
 * storage classes, the NLB or CLB edge, and a Prometheus Operator in the cluster as its metrics
 * collector.
 */
export class AlibabaCluster extends pulumi.ComponentResource implements ClusterTarget {
  readonly name: string;
  readonly plan: TargetPlan;
  readonly provider: k8s.Provider;
  readonly readiness: pulumi.Resource[];
  readonly edge: EdgeProfile;
  readonly nodePools: readonly NodePool[];
  readonly apiServerCidrs: readonly string[];
  readonly storage: StorageClasses;
  readonly waitForWorkloads = true;
  readonly keys: TenantKeys;
  readonly monitoring: MetricsCollector;
  readonly data: DataServices;

  constructor(name: string, args: AlibabaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AlibabaCluster", name, {}, opts);
    const { cluster, platform } = args;
    const { settings } = args.plan.detail;
    const stack = pulumi.getStack();
    const names = alibabaNames(stack, args.plan.name);
    const tags = alibabaTags(stack, args.plan.name, platform.environment);
    this.name = args.plan.name;
    this.plan = args.plan;
    for (const warning of alibabaEdgeWarnings(cluster, platform, args.plan)) pulumi.log.warn(warning, this);

    // Every Alibaba Cloud resource goes through this provider: the configured region, no other.
    const alicloud = new Provider(`${name}-alicloud`, { region: cluster.region }, { parent: this });
    const child = { parent: this, provider: alicloud };

    const logs = createLogs(
      name,
      { projectName: names.logProject, retentionDays: cluster.logs.retentionDays, tags },
      child,
    );
    const net = createNetwork(
      name,
      cluster,
      { vpcName: names.vpc, tags, flowLogProject: logs.project.projectName, flowLogStore: logs.flowLogs.logstoreName },
      child,
    );
    const edgeSources = edgeSourceCidrs(platform.edge);
    const firewallArgs = {
      groupName: names.securityGroups,
      vpcId: net.vpc.id,
      tags,
      edgeContainerPorts: publicContainerPorts(platform.services, ["client", "http"]),
      edgeListenerPorts: edgeIngressPorts(
        platform.services,
        platform.edge,
        platform.edge.api.exposure === "loadBalancer",
      ),
      edgeSources,
    };
    const groups = createSecurityGroups(name, firewallArgs, cluster, child);
    const apiAcl = createApiServerAcl(name, cluster, firewallArgs, child);
    const edgeAcl = cluster.loadBalancer.type === "clb" ? createEdgeAcl(name, firewallArgs, child) : undefined;

    const keys = createKeys(
      name,
      cluster,
      { tenants: [...args.plan.keyTenants], protect: settings.deletionProtection, tags },
      child,
    );
    const nodeSwitchIds = net.nodeSwitches.map((vswitch) => vswitch.id);
    this.data = alibabaDataServices(
      {
        baseName: names.vpc,
        region: cluster.region,
        zones: cluster.zones,
        vpcId: net.vpc.id,
        switchIds: nodeSwitchIds,
        endpointCidrs: cluster.network.nodeCidrs,
        clientCidrs: cluster.network.podCidrs,
        tags,
        settings: resolveDataSettings(cluster.data, platform.environment),
        keyFor: dataKeys(name, cluster, keys.tenants, { protect: settings.deletionProtection, tags }, child),
      },
      alicloud,
    );
    const ack = createCluster(
      name,
      cluster,
      {
        clusterName: names.cluster,
        settings,
        nodeSwitchIds,
        podSwitchIds: net.podSwitches.map((vswitch) => vswitch.id),
        securityGroupId: groups.nodes.id,
        secretsKeyId: keys.secrets.id,
        logProject: logs.project.projectName,
        retentionDays: cluster.logs.retentionDays,
        tags,
      },
      { ...child, dependsOn: [...net.egress, ...groups.rules] },
    );

    const plans = args.plan.detail.pools;
    const diskKey = (pool: AlibabaPoolPlan) =>
      pool.tenant && keys.tenants[pool.tenant] ? keys.tenants[pool.tenant]!.id : keys.disks.id;
    const pools = plans.map((pool) =>
      createNodePool(
        name,
        pool,
        { clusterId: ack.id, switchIds: nodeSwitchIds, securityGroupId: groups.nodes.id, diskKey, tags },
        child,
      ),
    );
    this.nodePools = plans.map(toNodePool);
    this.readiness = pools;
    // ACK puts the control plane's ENIs and its API server's internal address in the node vSwitches.
    this.apiServerCidrs = cluster.network.nodeCidrs;

    this.provider = clusterProvider(
      `${name}-k8s`,
      { kubeconfig: ackKubeconfig(ack, settings.privateEndpoint, child) },
      { parent: this },
    );
    const inCluster = { parent: this, provider: this.provider, dependsOn: pools };

    this.storage = storageClassesFrom(PLATFORM_STORAGE_CLASS, tenantStorageClass, args.plan.keyTenants);
    createKmsStorageClass(`${name}-storage`, PLATFORM_STORAGE_CLASS, keys.disks.id, undefined, inCluster);
    const tenantKeys: Record<string, pulumi.Output<string>> = {};
    for (const [tenant, key] of Object.entries(keys.tenants)) {
      tenantKeys[tenant] = key.id;
      createKmsStorageClass(`${name}-storage-${tenant}`, tenantStorageClass(tenant), key.id, tenant, inCluster);
    }
    this.keys = tenantKeysFrom(tenantKeys);

    this.edge = alibabaEdgeProfile({
      type: cluster.loadBalancer.type,
      addressType: cluster.loadBalancer.addressType,
      zoneMaps: zoneMaps(cluster.zones, net.nodeSwitches),
      securityGroupId: groups.edge.id,
      aclId: edgeAcl?.id,
      nodeCidrs: cluster.network.nodeCidrs,
    });

    this.monitoring = operatorCollector(cluster.prometheus);
    if (platform.monitoring.enabled && cluster.prometheus.install) {
      // The monitors and rules need the operator's CRDs: the platform's objects wait for the chart.
      this.readiness.push(installKubePrometheusStack(`${name}-prometheus`, cluster.prometheus, inCluster));
    }

    this.registerOutputs({
      clusterId: ack.id,
      vpcId: net.vpc.id,
      egressIp: net.egressIp.ipAddress,
      apiServerAcl: apiAcl.id,
      rrsaIssuer: ack.rrsaMetadata.apply((metadata) => metadata.rrsaOidcIssuerUrl),
      nodePools: this.nodePools.map((pool) => pool.name),
      tenantKeys,
    });
  }
}

/**
 * The key of a tenant's managed data: its own key, or the target's data key, made the first time
 * a data set asks for it (a stack without managed data has none).
 */
function dataKeys(
  name: string,
  cluster: AlibabaTargetConfig,
  tenantKeys: Readonly<Record<string, kms.Key>>,
  args: { readonly protect: boolean; readonly tags: Record<string, string> },
  opts: pulumi.CustomResourceOptions,
): (tenant: string | undefined) => pulumi.Output<string> {
  let dataKey: kms.Key | undefined;
  return (tenant) => {
    if (tenant !== undefined) {
      const own = tenantKeys[tenant];
      if (!own) throw new Error(`tenant ${tenant} has no key of its own on this target; set dedicatedKey on it`);
      return own.id;
    }
    dataKey ??= createKey(
      name,
      "data",
      cluster,
      args,
      { description: "im-platform: managed data services", tags: { purpose: "data" } },
      opts,
    );
    return dataKey.id;
  };
}
