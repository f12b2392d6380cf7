import { Provider } from "@pulumi/azure-native/provider";
import * as resources from "@pulumi/azure-native/resources";
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
import { edgeIngressPorts, edgeSourceCidrs, publicContainerPorts } from "../edge-ports";
import { clusterProvider } from "../kubernetes-provider";
import { createAppGateway } from "./app-gateway";
import { createAksCluster } from "./cluster";
import { allEncryptionSets, createEncryptionSets } from "./disk-encryption";
import { azureEdgeProfile } from "./edge-profile";
import { createSecurityGroups } from "./firewall";
import { ENVIRONMENT_TAG } from "./conventions";
import { createDataZones } from "./data/dns";
import { AZURE_DATA_KINDS, azureDataServices } from "./data/services";
import { KAFKA_PORT } from "./data/kafka";
import { MONGODB_PORT } from "./data/mongodb";
import { REDIS_PORT } from "./data/redis";
import { createClusterIdentity } from "./identity";
import { createKeys } from "./keys";
import { clusterKubeconfig } from "./kubeconfig";
import {
  associatePrometheus,
  azurePrometheusCollector,
  createAmaMetricsSettings,
  createKedaQueryIdentity,
  createPrometheusWorkspace,
  prometheusNames,
} from "./metrics";
import { createControlPlaneLogs, createWorkspace } from "./monitoring";
import { azureNames } from "./naming";
import { createNetwork, SUBNETS } from "./network";
import { createAgentPools } from "./node-pools";
import { toNodePool, type AzurePlan } from "./plan";
import type { AzureTargetConfig } from "./schema";
import type { AzureScope } from "./scope";
import { createCmkStorageClass, PLATFORM_STORAGE_CLASS, tenantStorageClass } from "./storage";
import { azureGlobalTraffic } from "./traffic";
import { azureEdgeWarnings } from "./warnings";

export type AzureClusterArgs = TargetArgs<AzureTargetConfig, AzurePlan>;

/**
 * An AKS cluster on its own VNet as a ClusterTarget: network with NAT egress and NSGs, a private
 * Key Vault with rotating keys, disk encryption sets, the cluster with KMS, Entra ID and Azure
 * RBAC, its autoscaled pools, control-plane logs, CMK storage classes, with monitoring Azure
 * Monitor managed Prometheus as its metrics collector and, when enabled, Application Gateway for
 * Containers with a WAF policy.
 */
export class AzureCluster extends pulumi.ComponentResource implements ClusterTarget {
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

  constructor(name: string, args: AzureClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AzureCluster", name, {}, opts);
    const { cluster, platform } = args;
    const { settings } = args.plan.detail;
    const names = azureNames(cluster, pulumi.getStack(), args.plan.name);
    this.name = args.plan.name;
    this.plan = args.plan;
    for (const warning of azureEdgeWarnings(cluster, platform, args.plan)) pulumi.log.warn(warning, this);

    // Every Azure resource goes through this provider: the configured subscription and tenant, no other.
    const azure = new Provider(
      `${name}-azure`,
      { subscriptionId: cluster.subscriptionId, tenantId: cluster.tenantId, location: cluster.location },
      { parent: this },
    );
    const child = { parent: this, provider: azure };
    const tags = {
      "managed-by": "im-platform",
      "im-platform-stack": pulumi.getStack(),
      "im-platform-target": args.plan.name,
    };
    const group = new resources.ResourceGroup(
      `${name}-rg`,
      { resourceGroupName: names.resourceGroup, location: cluster.location, tags },
      child,
    );
    const scope: AzureScope = {
      subscriptionId: cluster.subscriptionId,
      resourceGroupName: group.name,
      location: cluster.location,
      tags,
    };

    const appGatewayOn = cluster.applicationGateway.enabled;
    // Managed data: the kinds Azure runs that the stack does not keep in the cluster, each on its port.
    const managedKinds =
      platform.data.mode === "managed"
        ? AZURE_DATA_KINDS.filter((kind) => !platform.data.managed.keepInCluster.includes(kind))
        : [];
    const dataPortOf = { redis: REDIS_PORT, kafka: KAFKA_PORT, mongodb: MONGODB_PORT } as const;
    const securityGroups = createSecurityGroups(
      name,
      names.cluster,
      scope,
      {
        network: cluster.network,
        edgePorts: edgeIngressPorts(platform.services, platform.edge, platform.edge.api.exposure === "loadBalancer"),
        edgeSources: edgeSourceCidrs(platform.edge),
        // Application Gateway for Containers reaches the public API pods' HTTP ports.
        appGatewayPorts: appGatewayOn
          ? publicContainerPorts(platform.services, ["http"], (service) => service.role !== "gateway")
          : undefined,
        ...(managedKinds.length > 0 ? { dataPorts: managedKinds.map((kind) => dataPortOf[kind]) } : {}),
      },
      child,
    );
    const net = createNetwork(
      name,
      scope,
      { vnetName: names.vnet, network: cluster.network, securityGroups, appGateway: appGatewayOn },
      child,
    );

    const keys = createKeys(
      name,
      scope,
      {
        vaultName: names.keyVault,
        tenantId: cluster.tenantId,
        keyVault: cluster.keyVault,
        vnetId: net.vnet.id,
        endpointsSubnetId: net.endpoints.id,
        tenants: [...args.plan.keyTenants],
        dataKey: managedKinds.length > 0,
      },
      child,
    );
    if (net.data && keys.data) {
      const dataScope: AzureScope = { ...scope, tags: { ...tags, [ENVIRONMENT_TAG]: platform.environment } };
      this.data = azureDataServices({
        baseName: names.cluster,
        salt: `${cluster.subscriptionId}/${names.resourceGroup}`,
        scope: dataScope,
        settings: settings.data,
        subnetId: net.data.id,
        subnetCidr: cluster.network.dataCidr,
        zones: createDataZones(name, dataScope, { vnetId: net.vnet.id, vnetName: names.vnet }, child),
        platformKey: keys.data,
        tenantKeys: keys.tenants,
        provider: azure,
      });
    }
    const sets = createEncryptionSets(name, names.cluster, keys, scope, child);
    const { identity, grants } = createClusterIdentity(
      name,
      names.cluster,
      scope,
      {
        vnetId: net.vnet.id,
        vaultId: keys.vault.id,
        etcdKeyId: keys.etcd.id,
        encryptionSetIds: Object.fromEntries(allEncryptionSets(sets).map(([setName, set]) => [setName, set.set.id])),
      },
      child,
    );

    const workspace = createWorkspace(name, `${names.cluster}-logs`, cluster.monitoring.logRetentionDays, scope, child);
    const metricsOn = platform.monitoring.enabled;
    const prometheusNaming = prometheusNames(names.cluster, cluster.location);
    const prometheus = metricsOn
      ? createPrometheusWorkspace(
          name,
          scope,
          {
            names: prometheusNaming,
            publicQuery: settings.prometheusPublicQuery,
            vnetId: net.vnet.id,
            endpointsSubnetId: net.endpoints.id,
          },
          child,
        )
      : undefined;
    const plans = args.plan.detail.pools;
    const systemPool = plans.find((pool) => pool.mode === "System");
    if (!systemPool) throw new Error("the Azure node-pool plan has no System pool");
    const aks = createAksCluster(
      name,
      cluster,
      scope,
      {
        names,
        settings,
        systemPool,
        identityId: identity.id,
        nodesSubnetId: net.nodes.id,
        apiServerSubnetId: net.apiServer.id,
        vaultId: keys.vault.id,
        etcdKeyId: keys.etcd.keyUriWithVersion,
        diskEncryptionSetId: sets.disks.set.id,
        workspaceId: workspace.id,
        prometheusMetrics: metricsOn,
      },
      {
        ...child,
        dependsOn: [
          ...grants,
          ...allEncryptionSets(sets).map(([, set]) => set.grant),
          keys.endpoint,
          net.nodes,
          net.edge,
          net.endpoints,
          net.apiServer,
          net.nat,
        ],
      },
    );
    createControlPlaneLogs(name, aks.id, workspace.id, child);
    const kedaIdentity =
      prometheus && platform.autoscaling.gatewayUsersPerPod !== undefined
        ? createKedaQueryIdentity(
            name,
            scope,
            {
              baseName: names.cluster,
              oidcIssuer: aks.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? ""),
              namespace: cluster.monitoring.prometheus.keda.namespace,
              serviceAccount: cluster.monitoring.prometheus.keda.serviceAccount,
              workspaceId: prometheus.workspace.id,
            },
            child,
          )
        : undefined;
    if (prometheus) {
      associatePrometheus(
        name,
        { clusterId: aks.id, ruleId: prometheus.rule.id, associationName: prometheusNaming.association },
        child,
      );
      this.monitoring = azurePrometheusCollector({
        azure,
        resourceGroupName: group.name,
        location: cluster.location,
        tags,
        workspaceId: prometheus.workspace.id,
        clusterId: aks.id,
        clusterName: names.cluster,
        queryEndpoint: prometheus.queryEndpoint,
        ...(kedaIdentity ? { kedaIdentityId: kedaIdentity.clientId } : {}),
        alerting: platform.monitoring.alerting,
      });
    }
    const pools = createAgentPools(
      name,
      plans,
      cluster,
      { resourceGroupName: group.name, clusterName: aks.name, subnetId: net.nodes.id },
      child,
    );
    this.nodePools = plans.map(toNodePool);
    this.readiness = [aks, ...pools];

    const kubeconfig = clusterKubeconfig(
      aks,
      { resourceGroupName: group.name, privateCluster: settings.privateCluster, login: cluster.kubeconfigLogin },
      child,
    );
    this.provider = clusterProvider(`${name}-k8s`, { kubeconfig }, { parent: this });
    const inCluster = { parent: this, provider: this.provider, dependsOn: pools };

    createCmkStorageClass(`${name}-storage`, PLATFORM_STORAGE_CLASS, sets.disks.set.id, undefined, inCluster);
    if (prometheus) createAmaMetricsSettings(name, inCluster);
    for (const [tenant, set] of Object.entries(sets.tenants)) {
      createCmkStorageClass(`${name}-storage-${tenant}`, tenantStorageClass(tenant), set.set.id, tenant, inCluster);
    }
    const tenantKeys = Object.fromEntries(Object.entries(keys.tenants).map(([tenant, key]) => [tenant, key.id]));
    this.keys = tenantKeysFrom(tenantKeys);
    this.storage = storageClassesFrom(PLATFORM_STORAGE_CLASS, tenantStorageClass, args.plan.keyTenants);

    const appGateway =
      appGatewayOn && net.appGateway
        ? createAppGateway(
            name,
            scope,
            {
              baseName: names.cluster,
              subnetId: net.appGateway.id,
              wafMode: cluster.applicationGateway.wafMode,
              oidcIssuer: aks.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? ""),
            },
            child,
          )
        : undefined;

    this.edge = azureEdgeProfile({
      internal: cluster.loadBalancer.internal,
      edgeSubnetName: SUBNETS.edge,
      dnsLabelPrefix: cluster.loadBalancer.dnsLabelPrefix,
      publicIpPrefix: names.cluster,
      appGatewayCidr: appGateway ? cluster.network.appGatewayCidr : undefined,
    });
    // With VNet integration the API server answers pods from its own subnet.
    this.apiServerCidrs = [cluster.network.apiServerCidr];
    this.dns = azureGlobalTraffic(
      args,
      {
        resourceGroupName: group.name,
        scope: `${cluster.subscriptionId}/${names.resourceGroup}`,
        tags,
        provider: azure,
      },
      names.resourceGroup,
    );

    this.registerOutputs({
      clusterName: aks.name,
      resourceGroup: group.name,
      egressIp: net.egressIp.ipAddress,
      oidcIssuer: aks.oidcIssuerProfile.apply((profile) => profile?.issuerURL),
      nodePools: this.nodePools.map((pool) => pool.name),
      tenantKeys,
      ...(prometheus
        ? { prometheusWorkspace: prometheus.workspace.id, prometheusQueryEndpoint: prometheus.queryEndpoint }
        : {}),
      ...(kedaIdentity ? { kedaClientId: kedaIdentity.clientId } : {}),
      ...(appGateway
        ? {
            appGateway: appGateway.trafficController.id,
            wafPolicy: appGateway.wafPolicy.id,
            albControllerClientId: appGateway.controllerIdentity.clientId,
          }
        : {}),
    });
  }
}
