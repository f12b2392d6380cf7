import * as aws from "@pulumi/aws/provider";
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
import { edgeIngressPorts, edgeSourceCidrs } from "../edge-ports";
import { clusterProvider } from "../kubernetes-provider";
import { AwsAddons } from "./addons";
import { createAlbIngressClass } from "./alb";
import { AwsEksCluster } from "./cluster";
import { s3GatewayEndpoint } from "./data/endpoint";
import { managedKindsOf } from "./data/facts";
import { awsDataServices } from "./data/services";
import { awsDataSettings } from "./data/settings";
import { awsEdgeProfile } from "./edge-profile";
import { AwsFirewall, edgeSecurityGroupName } from "./firewall";
import { AwsKeys } from "./keys";
import { AwsMetrics } from "./metrics";
import { AwsNetwork } from "./network";
import { AwsNodePools } from "./node-pools";
import { awsGlobalTraffic } from "./traffic";
import type { TargetPlan } from "../plan";
import type { AwsPlan } from "./plan";
import type { AwsTargetConfig } from "./schema";
import { createStorageClasses, DEFAULT_STORAGE_CLASS, tenantStorageClass } from "./storage";

export type AwsClusterArgs = TargetArgs<AwsTargetConfig, AwsPlan>;

/** The alias of the cluster's metrics workspace: the configured one, else the cluster's name. */
export function workspaceAlias(cluster: AwsTargetConfig, clusterName: string): string {
  return cluster.monitoring.workspaceAlias ?? clusterName;
}

/** Every AWS call goes through this provider: the configured region, and no other account. */
export function awsProviderFor(name: string, cluster: AwsTargetConfig, parent: pulumi.Resource): aws.Provider {
  return new aws.Provider(name, { region: cluster.region, allowedAccountIds: [cluster.accountId] }, { parent });
}

/** What the cloud-agnostic layers read of an EKS cluster that its config decides alone, built or attached to. */
export function awsClusterFacts(args: AwsClusterArgs): Pick<ClusterTarget, "edge" | "apiServerCidrs"> & {
  readonly storage: StorageClasses;
} {
  const { cluster } = args;
  const plan = args.plan.detail;
  const vpcCidr = cluster.network.existing?.vpcCidr ?? cluster.network.vpcCidr;
  const loadBalancerSubnets =
    cluster.loadBalancer.scheme === "internal" ? plan.subnets?.privateCidrs : plan.subnets?.publicCidrs;
  return {
    edge: awsEdgeProfile({
      scheme: cluster.loadBalancer.scheme,
      securityGroupName: edgeSecurityGroupName(plan.clusterName),
      subnetCidrs: loadBalancerSubnets ?? [vpcCidr],
    }),
    // Pods reach the API server through its private endpoint ENIs, which live in the private subnets.
    apiServerCidrs: plan.subnets?.privateCidrs ?? [vpcCidr],
    storage: storageClassesFrom(DEFAULT_STORAGE_CLASS, tenantStorageClass, args.plan.keyTenants),
  };
}

/**
 * An EKS cluster built for the IM platform, as a ClusterTarget: network, firewalls, keys, the
 * control plane, elastic node pools, and the add-ons the edge and the autoscaling need.
 */
export class AwsCluster extends pulumi.ComponentResource implements ClusterTarget {
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
  readonly monitoring?: MetricsCollector;
  readonly dns?: GlobalTraffic;
  readonly data?: DataServices;

  constructor(name: string, args: AwsClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsCluster", name, {}, opts);
    const { cluster, platform } = args;
    const plan = args.plan.detail;
    this.plan = args.plan;
    this.name = args.plan.name;
    this.nodePools = plan.pools;

    const awsProvider = awsProviderFor(`${name}-aws`, cluster, this);
    const within = { parent: this, providers: { aws: awsProvider } };
    const scope = {
      partition: plan.partition,
      region: cluster.region,
      accountId: cluster.accountId,
      clusterName: plan.clusterName,
    };
    const monitored = platform.monitoring.enabled;
    const keys = new AwsKeys(
      `${name}-keys`,
      {
        ...scope,
        tenants: [...args.plan.keyTenants],
        metrics: monitored,
        data: managedKindsOf(platform).length > 0,
      },
      within,
    );
    const network = new AwsNetwork(
      `${name}-network`,
      { plan, network: cluster.network, logsKeyArn: keys.logs.arn },
      within,
    );
    const apiOnNlb = cluster.loadBalancer.api === "nlb" && platform.edge.api.exposure === "loadBalancer";
    const sourceCidrs = edgeSourceCidrs(platform.edge);
    const firewall = new AwsFirewall(
      `${name}-firewall`,
      {
        clusterName: plan.clusterName,
        vpcId: network.vpcId,
        edgePorts: edgeIngressPorts(platform.services, platform.edge, apiOnNlb),
        edgeSourceCidrs: sourceCidrs,
      },
      within,
    );

    // With buckets for the cells, S3 traffic from private subnets the kit routes skips the NAT gateways.
    if (managedKindsOf(platform).includes("objectStore") && !cluster.network.existing) {
      s3GatewayEndpoint(
        `${name}-s3-endpoint`,
        {
          vpcId: network.vpcId,
          routeTableIds: network.privateRouteTableIds,
          region: cluster.region,
          partition: plan.partition,
          clusterName: plan.clusterName,
        },
        { parent: this, provider: awsProvider },
      );
    }
    if (keys.data) {
      const vpcCidr = cluster.network.existing?.vpcCidr ?? cluster.network.vpcCidr;
      this.data = awsDataServices(
        {
          clusterName: plan.clusterName,
          region: cluster.region,
          partition: plan.partition,
          environment: platform.environment,
          settings: awsDataSettings(cluster.data, platform.environment, plan.zones.length),
          vpcId: network.vpcId,
          subnetIds: network.privateSubnetIds,
          subnetCidrs: plan.subnets?.privateCidrs ?? [vpcCidr],
          clientSecurityGroupId: firewall.nodes.id,
          dataKeyArn: keys.data.arn,
          tenantKeyArn: (tenant) => keys.tenants[tenant]?.arn,
          logsKeyArn: keys.logs.arn,
          logRetentionDays: cluster.network.flowLogRetentionDays,
        },
        awsProvider,
      );
    }

    const eks = new AwsEksCluster(
      `${name}-eks`,
      {
        clusterName: plan.clusterName,
        region: cluster.region,
        partition: plan.partition,
        kubernetesVersion: cluster.kubernetesVersion,
        serviceCidr: cluster.serviceCidr,
        subnetIds: network.privateSubnetIds,
        securityGroupId: firewall.controlPlane.id,
        publicAccessCidrs: cluster.endpoint.publicAccessCidrs,
        secretsKeyArn: keys.secrets.arn,
        logsKeyArn: keys.logs.arn,
        logRetentionDays: cluster.network.flowLogRetentionDays,
        adminRoleArns: cluster.adminRoleArns,
        deletionProtection: platform.environment === "prod",
      },
      within,
    );

    const pools = new AwsNodePools(
      `${name}-pools`,
      {
        clusterName: eks.cluster.name,
        pools: plan.pools,
        subnetIds: network.privateSubnetIds,
        securityGroupId: firewall.nodes.id,
        volumeKeyArn: keys.volumes.arn,
        partition: plan.partition,
      },
      within,
    );

    this.provider = clusterProvider(`${name}-k8s`, { kubeconfig: eks.kubeconfig }, { parent: this });
    const tenantKeyArns = Object.fromEntries(Object.entries(keys.tenants).map(([tenant, key]) => [tenant, key.arn]));
    const addons = new AwsAddons(
      `${name}-addons`,
      {
        scope,
        vpcId: network.vpcId,
        identity: eks.identity,
        provider: this.provider,
        nodeGroups: Object.values(pools.groups),
        loadBalancer: cluster.loadBalancer,
        autoscaler: cluster.autoscaler,
        volumeKeyArns: [keys.volumes.arn, ...Object.values(tenantKeyArns)],
      },
      within,
    );

    const inCluster = { parent: this, provider: this.provider, dependsOn: [...addons.resourcesOf("ebs-csi")] };
    createStorageClasses(`${name}-storage`, { volumes: keys.volumes.arn, tenants: tenantKeyArns }, inCluster);
    if (cluster.loadBalancer.api === "alb") {
      createAlbIngressClass(
        `${name}-alb`,
        {
          className: cluster.loadBalancer.albIngressClass,
          scheme: cluster.loadBalancer.scheme,
          sourceCidrs,
          tls: platform.edge.tls,
          idleTimeoutSeconds: args.plan.edge.idleTimeoutSeconds,
        },
        { ...inCluster, dependsOn: [...addons.resourcesOf("lb-controller")] },
      );
    }

    const readiness: pulumi.Resource[] = [...Object.values(pools.groups), ...addons.readiness];
    if (monitored && keys.metrics) {
      const metrics = new AwsMetrics(
        `${name}-metrics`,
        {
          clusterName: plan.clusterName,
          region: cluster.region,
          partition: plan.partition,
          alias: workspaceAlias(cluster, plan.clusterName),
          settings: cluster.monitoring,
          keyArn: keys.metrics.arn,
          logsKeyArn: keys.logs.arn,
          logRetentionDays: cluster.network.flowLogRetentionDays,
          identity: eks.identity,
          awsProvider,
          k8sProvider: this.provider,
          nodeGroups: Object.values(pools.groups),
        },
        within,
      );
      this.monitoring = metrics.collector;
      // The cells' monitors and the platform's objects wait for the chart and its CRDs.
      readiness.push(metrics.release);
    }

    this.dns = awsGlobalTraffic(args, awsProvider, this);
    const facts = awsClusterFacts(args);
    this.edge = facts.edge;
    this.readiness = readiness;
    this.apiServerCidrs = facts.apiServerCidrs;
    this.keys = tenantKeysFrom(tenantKeyArns);
    this.storage = facts.storage;
    this.registerOutputs({
      clusterName: eks.cluster.name,
      vpcId: network.vpcId,
      nodePools: plan.pools.map((pool) => pool.name),
      tenantKeys: tenantKeyArns,
    });
  }
}
