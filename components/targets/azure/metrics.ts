import { createHash } from "node:crypto";
import * as alertsmanagement from "@pulumi/azure-native/alertsmanagement";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import type * as inputs from "@pulumi/azure-native/types/input";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { labelKeys } from "../../core/labels";
import { namespaceByName } from "../../core/network-baseline";
import type { CellScrape, MetricsCollector, RuleSet } from "../capabilities";
import { podMonitorSpec } from "../prometheus-operator";
import { azureRule, evaluationInterval, splitGroup, type AzureAlerting } from "./prometheus-rules";
import { grantRole } from "./roles";
import type { AzureScope } from "./scope";

/** What collects on Azure, for people and error messages. */
export const AZURE_COLLECTOR = "Azure Monitor managed service for Prometheus";

/**
 * The managed Prometheus add-on (ama-metrics) as AKS installs it (Azure/prometheus-collector,
 * addon chart): its collectors are the `ama-metrics` Deployment's pods in kube-system, the only
 * pods its target allocator hands PodMonitor targets to; it reads PodMonitors of the
 * `azmonitoring.coreos.com/v1` group in every namespace, with no selector; its settings are the
 * `ama-metrics-settings-configmap` ConfigMap in kube-system.
 */
export const AMA_METRICS = {
  namespace: "kube-system",
  collectorPodLabels: { rsName: "ama-metrics", "kubernetes.azure.com/managedby": "aks" },
  apiVersion: "azmonitoring.coreos.com/v1",
  settingsConfigMap: "ama-metrics-settings-configmap",
} as const;

/** Label limits Azure's docs ask every PodMonitor to set, so that series are not dropped in processing. */
export const POD_MONITOR_LIMITS = { labelLimit: 63, labelNameLengthLimit: 511, labelValueLengthLimit: 1023 } as const;

/** The stream the add-on's data collection rule carries into the workspace. */
export const PROMETHEUS_STREAM = "Microsoft-PrometheusMetrics";
/** The workspace's name as a destination inside the data collection rule. */
const WORKSPACE_DESTINATION = "MonitoringAccount1";

/**
 * kube-state-metrics series the platform's rules read that the add-on's minimal ingestion
 * profile drops (it keeps kube_pod_status_phase, kube_resourcequota and kube_.*_labels).
 */
export const KUBE_STATE_KEEP = [
  "kube_poddisruptionbudget_status_pod_disruptions_allowed",
  "kube_poddisruptionbudget_status_expected_pods",
] as const;

/** The built-in role KEDA queries the workspace with (read its metrics, nothing else). */
export const QUERY_ROLE = "monitoringDataReader" as const;

/** A name of at most `max` characters: itself, or its head and a hash of the whole. */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return `${name.slice(0, max - 7).replace(/-+$/, "")}-${hash}`;
}

/** Names of the workspace and its data collection objects, after the cluster (as AKS's own onboarding names them). */
export function prometheusNames(clusterName: string, location: string) {
  const onboarding = `MSProm-${location}-${clusterName}`;
  return {
    workspace: fitName(`${clusterName}-prometheus`, 44),
    endpoint: fitName(onboarding, 44),
    rule: fitName(onboarding, 64),
    association: fitName(onboarding, 64),
    privateDnsZone: `privatelink.${location}.prometheus.monitor.azure.com`,
  };
}

/**
 * The cluster's managed Prometheus add-on: enabled, with kube-state-metrics exporting each node's
 * pool label (the platform's NodePoolAtMaximum alert reads `kube_node_labels` by it).
 */
export function azureMonitorProfile(): inputs.containerservice.ManagedClusterAzureMonitorProfileArgs {
  return {
    metrics: {
      enabled: true,
      kubeStateMetrics: { metricLabelsAllowlist: `nodes=[${labelKeys.pool}]`, metricAnnotationsAllowList: "" },
    },
  };
}

export interface PrometheusWorkspaceArgs {
  readonly names: ReturnType<typeof prometheusNames>;
  /** Open the query endpoint beyond the VNet; else a private endpoint in the endpoints subnet is the only way in. */
  readonly publicQuery: boolean;
  readonly vnetId: pulumi.Input<string>;
  readonly endpointsSubnetId: pulumi.Input<string>;
}

export interface PrometheusWorkspace {
  readonly workspace: monitor.AzureMonitorWorkspace;
  readonly endpoint: monitor.DataCollectionEndpoint;
  readonly rule: monitor.DataCollectionRule;
  /** The query endpoint's private endpoint, when the workspace is closed to the internet. */
  readonly privateEndpoint?: network.PrivateEndpoint;
  /** The PromQL endpoint (what KEDA's Prometheus trigger queries). */
  readonly queryEndpoint: pulumi.Output<string>;
}

/**
 * An Azure Monitor workspace and what connects a cluster to it, as AKS's onboarding templates
 * build them: a data collection endpoint, and a data collection rule that forwards the add-on's
 * Prometheus stream into the workspace. The workspace's data is encrypted at rest with a key
 * Azure manages (the resource has no customer-managed key setting). Its query endpoint is closed
 * to the internet unless `publicQuery`: a private endpoint and its private DNS zone carry the
 * VNet's queries. Ingestion stays on the endpoint's public network access (Entra-authenticated
 * from the NAT's address): a private ingestion path needs an Azure Monitor Private Link Scope,
 * which the target does not build.
 */
export function createPrometheusWorkspace(
  name: string,
  scope: AzureScope,
  args: PrometheusWorkspaceArgs,
  opts: pulumi.CustomResourceOptions,
): PrometheusWorkspace {
  const base = { resourceGroupName: scope.resourceGroupName, location: scope.location, tags: scope.tags };
  const workspace = new monitor.AzureMonitorWorkspace(
    `${name}-prometheus`,
    {
      ...base,
      azureMonitorWorkspaceName: args.names.workspace,
      publicNetworkAccess: args.publicQuery ? "Enabled" : "Disabled",
    },
    opts,
  );
  const endpoint = new monitor.DataCollectionEndpoint(
    `${name}-prometheus-dce`,
    {
      ...base,
      dataCollectionEndpointName: args.names.endpoint,
      kind: "Linux",
      description: "Managed Prometheus ingestion of the AKS cluster's metrics (im-platform)",
      networkAcls: { publicNetworkAccess: "Enabled" },
    },
    opts,
  );
  const rule = new monitor.DataCollectionRule(
    `${name}-prometheus-dcr`,
    {
      ...base,
      dataCollectionRuleName: args.names.rule,
      kind: "Linux",
      description: "Managed Prometheus: the AKS cluster's metrics into its Azure Monitor workspace (im-platform)",
      dataCollectionEndpointId: endpoint.id,
      dataSources: {
        prometheusForwarder: [{ name: "PrometheusDataSource", streams: [PROMETHEUS_STREAM], labelIncludeFilter: {} }],
      },
      destinations: { monitoringAccounts: [{ accountResourceId: workspace.id, name: WORKSPACE_DESTINATION }] },
      dataFlows: [{ streams: [PROMETHEUS_STREAM], destinations: [WORKSPACE_DESTINATION] }],
    },
    opts,
  );
  const privateEndpoint = args.publicQuery ? undefined : privateQueryEndpoint(name, scope, workspace, args, opts);
  return {
    workspace,
    endpoint,
    rule,
    privateEndpoint,
    queryEndpoint: workspace.metrics.apply((metrics) => metrics.prometheusQueryEndpoint),
  };
}

/** The workspace's query endpoint on the VNet: a private endpoint (sub-resource `prometheusMetrics`) and its zone. */
function privateQueryEndpoint(
  name: string,
  scope: AzureScope,
  workspace: monitor.AzureMonitorWorkspace,
  args: PrometheusWorkspaceArgs,
  opts: pulumi.CustomResourceOptions,
): network.PrivateEndpoint {
  const base = { resourceGroupName: scope.resourceGroupName, tags: scope.tags };
  const zone = new privatedns.PrivateZone(
    `${name}-prometheus-dns`,
    { ...base, location: "global", privateZoneName: args.names.privateDnsZone },
    opts,
  );
  new privatedns.VirtualNetworkLink(
    `${name}-prometheus-dns-link`,
    {
      ...base,
      location: "global",
      privateZoneName: zone.name,
      virtualNetworkLinkName: `${args.names.workspace}-vnet`,
      virtualNetwork: { id: args.vnetId },
      registrationEnabled: false,
    },
    opts,
  );
  const endpoint = new network.PrivateEndpoint(
    `${name}-prometheus-endpoint`,
    {
      ...base,
      location: scope.location,
      privateEndpointName: `${args.names.workspace}-endpoint`,
      subnet: { id: args.endpointsSubnetId },
      privateLinkServiceConnections: [
        { name: "prometheus", privateLinkServiceId: workspace.id, groupIds: ["prometheusMetrics"] },
      ],
    },
    opts,
  );
  new network.PrivateDnsZoneGroup(
    `${name}-prometheus-endpoint-dns`,
    {
      resourceGroupName: scope.resourceGroupName,
      privateEndpointName: endpoint.name,
      privateDnsZoneGroupName: "prometheus",
      privateDnsZoneConfigs: [{ name: "prometheus", privateDnsZoneId: zone.id }],
    },
    opts,
  );
  return endpoint;
}

/** Associates the cluster with the data collection rule: what makes the add-on send to the workspace. */
export function associatePrometheus(
  name: string,
  args: {
    readonly clusterId: pulumi.Input<string>;
    readonly ruleId: pulumi.Input<string>;
    readonly associationName: string;
  },
  opts: pulumi.CustomResourceOptions,
): monitor.DataCollectionRuleAssociation {
  return new monitor.DataCollectionRuleAssociation(
    `${name}-prometheus-dcra`,
    {
      resourceUri: args.clusterId,
      associationName: args.associationName,
      dataCollectionRuleId: args.ruleId,
      description:
        "Association of data collection rule. Deleting this association will break the data collection for this AKS Cluster.",
    },
    opts,
  );
}

/**
 * The add-on's settings: its defaults (the minimal ingestion profile) plus the kube-state-metrics
 * series the platform's rules need and that profile drops. A partial v2 ConfigMap; the add-on
 * defaults every section it leaves out.
 */
export function createAmaMetricsSettings(name: string, opts: pulumi.CustomResourceOptions): k8s.core.v1.ConfigMap {
  return new k8s.core.v1.ConfigMap(
    `${name}-ama-metrics-settings`,
    {
      metadata: { name: AMA_METRICS.settingsConfigMap, namespace: AMA_METRICS.namespace },
      data: {
        "schema-version": "v2",
        "config-version": "im-1",
        "cluster-metrics": [
          "default-targets-metrics-keep-list: |-",
          `  kubestate = "${KUBE_STATE_KEEP.join("|")}"`,
          "minimal-ingestion-profile: |-",
          "  enabled = true",
        ].join("\n"),
      },
    },
    opts,
  );
}

export interface KedaQueryIdentityArgs {
  readonly baseName: string;
  readonly oidcIssuer: pulumi.Input<string>;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly workspaceId: pulumi.Input<string>;
}

/**
 * KEDA's identity for the workspace: a user-assigned identity federated to the KEDA operator's
 * service account, with Monitoring Data Reader on the workspace and nothing else. KEDA picks it
 * up when installed with `podIdentity.azureWorkload.enabled=true` and this identity's client id.
 */
export function createKedaQueryIdentity(
  name: string,
  scope: AzureScope,
  args: KedaQueryIdentityArgs,
  opts: pulumi.CustomResourceOptions,
): managedidentity.UserAssignedIdentity {
  const identity = new managedidentity.UserAssignedIdentity(
    `${name}-keda-identity`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      resourceName: `${args.baseName}-keda`,
      tags: scope.tags,
    },
    opts,
  );
  new managedidentity.FederatedIdentityCredential(
    `${name}-keda-federation`,
    {
      resourceGroupName: scope.resourceGroupName,
      resourceName: identity.name,
      federatedIdentityCredentialResourceName: "keda-operator",
      issuer: args.oidcIssuer,
      subject: `system:serviceaccount:${args.namespace}:${args.serviceAccount}`,
      audiences: ["api://AzureADTokenExchange"],
    },
    opts,
  );
  grantRole(
    `${name}-keda-query`,
    scope.subscriptionId,
    {
      principalId: identity.principalId,
      role: QUERY_ROLE,
      scope: args.workspaceId,
      description: "KEDA reads the gateways' online users from the Azure Monitor workspace",
    },
    opts,
  );
  return identity;
}

/** The Prometheus rule groups of one rule set: Azure resources under one component, as the add-on gets one resource back. */
class AzurePrometheusRules extends pulumi.ComponentResource {
  constructor(name: string, build: (parent: pulumi.Resource) => void, opts: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AzurePrometheusRules", name, {}, opts);
    build(this);
    this.registerOutputs({});
  }
}

export interface AzurePrometheusCollectorArgs {
  /** The target's Azure provider: rule groups are Azure resources, whatever provider the add-on passes. */
  readonly azure: pulumi.ProviderResource;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly workspaceId: pulumi.Input<string>;
  readonly clusterId: pulumi.Input<string>;
  /** The AKS cluster's name: the `cluster` label the add-on puts on every series, which rule groups filter on. */
  readonly clusterName: string;
  readonly queryEndpoint: pulumi.Input<string>;
  /** The client id of KEDA's identity that may read the workspace, which its TriggerAuthentication names. */
  readonly kedaIdentityId?: pulumi.Input<string>;
  /**
   * The stack's receivers and routes. Azure routes an alert by the action groups of the rule that
   * fires it, so the routing goes into the rule groups as they are loaded, not into an object of its own.
   */
  readonly alerting: AzureAlerting;
}

/** The same receivers and routes, whatever the order of keys. */
function sameAlerting(a: AzureAlerting, b: AzureAlerting): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, inner]) => inner !== undefined)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, inner]) => [key, canonical(inner)]),
          )
        : value;
  const of = (alerting: AzureAlerting) => JSON.stringify(canonical({ r: alerting.receivers, s: alerting.routes }));
  return of(a) === of(b);
}

/**
 * Azure Monitor managed Prometheus as the kit's collector: the add-on's collectors scrape each
 * cell through a PodMonitor of Azure's group; each Prometheus group becomes one Prometheus rule
 * group in the workspace (20 rules at most, so longer ones are split), limited to the cluster,
 * whose alerts notify the action groups of their audience's route; KEDA queries the workspace's
 * endpoint with its Entra workload identity.
 */
export function azurePrometheusCollector(args: AzurePrometheusCollectorArgs): MetricsCollector {
  const ruleGroupNames = new Set<string>();
  return {
    kind: "azure-monitor-managed-prometheus",
    scrapers: [
      {
        namespaceSelector: namespaceByName(AMA_METRICS.namespace),
        podSelector: { matchLabels: { ...AMA_METRICS.collectorPodLabels } },
      },
    ],
    receiverKinds: ["actionGroupId"],
    query: {
      serverAddress: args.queryEndpoint,
      podIdentityProvider: "azure-workload",
      ...(args.kedaIdentityId ? { identityId: args.kedaIdentityId } : {}),
    },
    scrapeCell(name: string, scrape: CellScrape, opts: pulumi.CustomResourceOptions) {
      return new k8s.apiextensions.CustomResource(
        name,
        {
          apiVersion: AMA_METRICS.apiVersion,
          kind: "PodMonitor",
          metadata: { name: "im-cell", namespace: scrape.namespace, labels: { ...scrape.labels } },
          spec: { ...POD_MONITOR_LIMITS, ...podMonitorSpec(scrape) },
        },
        opts,
      );
    },
    loadRules(name: string, rules: RuleSet, opts: pulumi.CustomResourceOptions) {
      const what = rules.scope === "cell" ? `SLO rules of cell namespace ${rules.namespace}` : "platform rules";
      const build = (parent: pulumi.Resource) => {
        const child = { parent, provider: args.azure };
        for (const group of rules.groups) {
          for (const chunk of splitGroup(group)) {
            const ruleGroupName = `${args.clusterName}-${chunk.name}`;
            if (ruleGroupNames.has(ruleGroupName)) {
              throw new Error(`two rule sets load a Prometheus rule group named "${ruleGroupName}" on one cluster`);
            }
            ruleGroupNames.add(ruleGroupName);
            new alertsmanagement.PrometheusRuleGroup(
              `${name}-${chunk.name}`,
              {
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                ruleGroupName,
                description: `im-platform ${what}: ${chunk.name}`,
                // The workspace and the cluster: the rules read that cluster's series only.
                scopes: [args.workspaceId, args.clusterId],
                clusterName: args.clusterName,
                enabled: true,
                interval: evaluationInterval(group.interval),
                rules: chunk.rules.map((rule) => azureRule(args.alerting, rule)),
                tags: { ...args.tags },
              },
              child,
            );
          }
        }
      };
      return new AzurePrometheusRules(name, build, { parent: opts.parent, dependsOn: opts.dependsOn });
    },
    routeAlerts(_name, routing) {
      // Nothing to create: each alert rule already carries its route's action groups.
      if (!sameAlerting(routing, args.alerting)) {
        throw new Error(
          "Azure Monitor routes alerts through each rule's action groups, set from the stack's monitoring.alerting when the rules load; it cannot route them differently afterwards",
        );
      }
      return [];
    },
  };
}
