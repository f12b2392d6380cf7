import { createHash } from "node:crypto";
import * as amp from "@pulumi/aws/amp";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as aws from "@pulumi/aws/provider";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import type { AlertReceiver, ReceiverKind } from "../../config/monitoring-schema";
import { labelKeys } from "../../core/labels";
import type { RuleGroup } from "../../core/prometheus-rules";
import type { AlertRouting, MetricsCollector, MetricsQuery, RuleSet } from "../capabilities";
import type { CollectorFacts } from "../monitoring-checks";
import { alertmanagerFile, installKubePrometheusStack, prometheusOperatorCollector } from "../prometheus-operator";
import type { PrometheusOperatorConfig } from "../prometheus-operator-schema";
import { onSystemPool } from "./addons";
import { createRole, policyDocument, serviceAccountTrust, type Statement, type WorkloadIdentity } from "./iam";
import type { AwsTargetConfig } from "./schema";

type MonitoringSettings = AwsTargetConfig["monitoring"];

/** What collects, for people and for the validation's messages. */
export const AMP_COLLECTOR = "Amazon Managed Service for Prometheus";
/** The workspace's alert manager delivers to SNS topics (in the workspace's account) only. */
export const AMP_RECEIVER_KINDS: readonly ReceiverKind[] = ["sns"];

/** The ServiceAccount of the Prometheus agent: the only one the remote-write role trusts. */
export const PROMETHEUS_SERVICE_ACCOUNT = "im-prometheus-amp";
/** Labels of the agent's pods (set through the chart's podMetadata): the peers cells admit to their metrics ports. */
export const SCRAPER_POD_LABELS: Readonly<Record<string, string>> = { [labelKeys.role]: "metrics-collector" };
/** The remote-write queue AWS's ingestion guide gives for the workspace. */
const REMOTE_WRITE_QUEUE = { maxSamplesPerSend: 1000, maxShards: 200, capacity: 2500 } as const;
/** A subject short enough for SNS; the default one lists every label and is cut. */
const SNS_SUBJECT =
  "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.audience }}, {{ .CommonLabels.severity }})";
/** Long expressions and templates stay on one line, as written. */
const YAML_OPTIONS = { lineWidth: 0 } as const;
/** AMP's limit on a rule groups namespace name. */
const RULE_NAMESPACE_MAX = 64;

/** The collector's facts before anything is built: SNS receivers, and a query endpoint KEDA can sign for. */
export function ampCollectorFacts(): CollectorFacts {
  return { collector: AMP_COLLECTOR, receiverKinds: AMP_RECEIVER_KINDS, query: true };
}

/** A workspace the collector writes rules and routing into, created here or looked up. */
export interface AmpWorkspace {
  readonly id: pulumi.Input<string>;
  readonly arn: pulumi.Input<string>;
  /** `https://aps-workspaces.<region>.amazonaws.com/workspaces/<id>/`, with its trailing slash. */
  readonly prometheusEndpoint: pulumi.Input<string>;
}

/** The kube-prometheus-stack release as the operator collector reads it: its namespace, release and agent pods. */
export function ampOperatorConfig(settings: MonitoringSettings): PrometheusOperatorConfig {
  return {
    install: true,
    namespace: settings.namespace,
    release: settings.release,
    scraperPodLabels: { ...SCRAPER_POD_LABELS },
  };
}

/** Where KEDA queries: the workspace's endpoint without its slash (KEDA appends `/api/v1/query`), signed for the region. */
export function ampQuery(prometheusEndpoint: pulumi.Input<string>, region: string): MetricsQuery {
  return {
    serverAddress: pulumi.output(prometheusEndpoint).apply((endpoint) => endpoint.replace(/\/+$/, "")),
    podIdentityProvider: "aws",
    metadata: { awsRegion: region },
  };
}

/** A rule groups namespace per RuleSet, named after its namespace and name so cells never collide. */
export function ruleNamespaceName(rules: Pick<RuleSet, "name" | "namespace">): string {
  const name = `${rules.namespace}.${rules.name}`;
  if (name.length <= RULE_NAMESPACE_MAX) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, RULE_NAMESPACE_MAX - hash.length - 1)}-${hash}`;
}

/** The Prometheus rule file of the groups, as AMP takes it: `groups:` and nothing else. */
export function ruleFile(groups: readonly RuleGroup[]): string {
  return stringify({ groups }, YAML_OPTIONS);
}

function snsConfig(receiver: AlertReceiver): Record<string, unknown> {
  if (!receiver.sns) {
    throw new Error(
      `receiver "${receiver.name}" is not one ${AMP_COLLECTOR} delivers to: it publishes to SNS topics only`,
    );
  }
  const region = receiver.sns.topicArn.split(":")[3];
  return {
    topic_arn: receiver.sns.topicArn,
    // AMP refuses an SNS receiver whose SigV4 settings name no region.
    sigv4: { region },
    subject: SNS_SUBJECT,
    send_resolved: true,
  };
}

/**
 * The workspace's alert manager definition: the route tree of `alertRoutes` (audience and
 * severity, each to its receiver, the first receiver catching anything unrouted) with SNS
 * receivers. Undefined when nothing is routed. The workspace holds only the kit's rules, so its
 * root route needs no matcher of its own.
 */
export function alertManagerDefinition(routing: AlertRouting): string | undefined {
  const config = alertmanagerFile(routing, (receiver) => ({ sns_configs: [snsConfig(receiver)] }));
  if (!config) return undefined;
  return stringify({ alertmanager_config: stringify(config, YAML_OPTIONS) }, YAML_OPTIONS);
}

/**
 * The AMP collector: kube-prometheus-stack's Prometheus agent scrapes each cell through a
 * PodMonitor (as the operator collector does) and remote-writes to the workspace; rules and alert
 * routing go into the workspace itself, through the target's AWS provider.
 */
export function ampCollector(args: {
  readonly workspace: AmpWorkspace;
  readonly region: string;
  readonly settings: MonitoringSettings;
  readonly provider: aws.Provider;
}): MetricsCollector {
  const { workspace, provider } = args;
  const config = ampOperatorConfig(args.settings);
  const base = prometheusOperatorCollector({
    group: "monitoring.coreos.com",
    selectorLabels: { release: config.release },
    scraperNamespace: config.namespace,
    scraperPodLabels: config.scraperPodLabels,
    query: ampQuery(workspace.prometheusEndpoint, args.region),
    kind: "amazon-managed-prometheus",
    loadRules: (name, rules, opts) =>
      new amp.RuleGroupNamespace(
        name,
        { workspaceId: workspace.id, name: ruleNamespaceName(rules), data: ruleFile(rules.groups) },
        { ...opts, provider },
      ),
    routeAlerts: (name, routing, opts) => {
      const definition = alertManagerDefinition(routing);
      return definition
        ? [new amp.AlertManagerDefinition(name, { workspaceId: workspace.id, definition }, { ...opts, provider })]
        : [];
    },
  });
  return { ...base, receiverKinds: AMP_RECEIVER_KINDS };
}

/** The agent's permission: remote write into this one workspace. */
export function remoteWriteStatements(workspaceArn: string): Statement[] {
  return [{ Sid: "RemoteWriteToWorkspace", Effect: "Allow", Action: "aps:RemoteWrite", Resource: workspaceArn }];
}

/** What KEDA's operator role needs to read the gateways' users from the workspace (the kit does not install KEDA). */
export function queryStatements(workspaceArn: string): Statement[] {
  return [{ Sid: "QueryWorkspace", Effect: "Allow", Action: "aps:QueryMetrics", Resource: workspaceArn }];
}

/**
 * kube-prometheus-stack as the AWS target runs it: only a Prometheus agent (no local rules, query
 * or Alertmanager; AMP evaluates and routes), remote-writing with SigV4 as its ServiceAccount's
 * IAM role, on the system pool with the operator and kube-state-metrics. Grafana stays off: the
 * agent serves no queries, and AMP is read with SigV4.
 */
export function ampStackValues(args: {
  readonly roleArn: pulumi.Input<string>;
  readonly remoteWriteUrl: pulumi.Input<string>;
  readonly region: string;
}): Record<string, unknown> {
  return {
    alertmanager: { enabled: false },
    grafana: { enabled: false },
    defaultRules: { create: false },
    prometheusOperator: { ...onSystemPool, admissionWebhooks: { deployment: onSystemPool, patch: onSystemPool } },
    "kube-state-metrics": onSystemPool,
    prometheus: {
      agentMode: true,
      serviceAccount: {
        create: true,
        name: PROMETHEUS_SERVICE_ACCOUNT,
        annotations: { "eks.amazonaws.com/role-arn": args.roleArn },
      },
      prometheusSpec: {
        podMetadata: { labels: { ...SCRAPER_POD_LABELS } },
        remoteWrite: [{ url: args.remoteWriteUrl, sigv4: { region: args.region }, queueConfig: REMOTE_WRITE_QUEUE }],
        ...onSystemPool,
      },
    },
  };
}

export interface AwsMetricsArgs {
  readonly clusterName: string;
  readonly region: string;
  readonly partition: string;
  readonly alias: string;
  readonly settings: MonitoringSettings;
  /** The workspace's own customer-managed key. */
  readonly keyArn: pulumi.Input<string>;
  /** The cluster's logs key, for the workspace's rule and alert manager logs. */
  readonly logsKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  readonly identity: WorkloadIdentity;
  readonly awsProvider: aws.Provider;
  readonly k8sProvider: k8s.Provider;
  /** The agent runs on the system pool: the chart waits for the node groups. */
  readonly nodeGroups: readonly pulumi.Resource[];
}

/**
 * The cluster's metrics on AWS: an AMP workspace encrypted with its own key, keeping samples for
 * the configured days and logging its ruler and alert manager errors to an encrypted log group,
 * and kube-prometheus-stack's Prometheus agent writing to it as an IAM role only its
 * ServiceAccount can assume.
 */
export class AwsMetrics extends pulumi.ComponentResource {
  readonly workspace: amp.Workspace;
  readonly release: k8s.helm.v3.Release;
  readonly collector: MetricsCollector;

  constructor(name: string, args: AwsMetricsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsMetrics", name, {}, opts);
    const parent = { parent: this };
    const { settings } = args;
    // Under /aws/vendedlogs/, so the service's log delivery stays within CloudWatch's resource-policy size.
    const logGroup = new cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/vendedlogs/prometheus/${args.clusterName}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKeyArn,
      },
      parent,
    );
    this.workspace = new amp.Workspace(
      `${name}-workspace`,
      {
        alias: args.alias,
        kmsKeyArn: args.keyArn,
        loggingConfiguration: { logGroupArn: pulumi.interpolate`${logGroup.arn}:*` },
      },
      parent,
    );
    new amp.WorkspaceConfiguration(
      `${name}-retention`,
      { workspaceId: this.workspace.id, retentionPeriodInDays: settings.retentionDays },
      parent,
    );
    const role = createRole(
      `${name}-remote-write`,
      {
        description: `${args.clusterName}: Prometheus agent remote write to its metrics workspace`,
        trust: serviceAccountTrust(args.identity, settings.namespace, PROMETHEUS_SERVICE_ACCOUNT),
        inlinePolicy: this.workspace.arn.apply((arn) => policyDocument(remoteWriteStatements(arn))),
        partition: args.partition,
      },
      parent,
    );
    this.release = installKubePrometheusStack(
      `${name}-prometheus`,
      ampOperatorConfig(settings),
      { parent: this, provider: args.k8sProvider, dependsOn: [...args.nodeGroups] },
      ampStackValues({
        roleArn: role.arn,
        remoteWriteUrl: pulumi.interpolate`${this.workspace.prometheusEndpoint}api/v1/remote_write`,
        region: args.region,
      }),
    );
    this.collector = ampCollector({
      workspace: this.workspace,
      region: args.region,
      settings,
      provider: args.awsProvider,
    });
    this.registerOutputs({
      workspaceArn: this.workspace.arn,
      prometheusEndpoint: this.workspace.prometheusEndpoint,
      remoteWriteRole: role.arn,
    });
  }
}

/**
 * The platform stack's workspace as a fleet's cell stack reaches it: by its alias, which must name
 * exactly one workspace of the account and region. Creates nothing.
 */
export function lookUpAmpWorkspace(alias: string, opts: pulumi.InvokeOutputOptions): AmpWorkspace {
  const found = amp.getWorkspacesOutput({ aliasPrefix: alias }, opts).apply((result) => {
    const ids = result.workspaceIds.filter((_, index) => result.aliases[index] === alias);
    if (ids.length !== 1) {
      throw new Error(
        `found ${ids.length} ${AMP_COLLECTOR} workspaces with alias "${alias}" where the cells' metrics rules go; deploy the fleet's platform stack first, or give target.monitoring.workspaceAlias a unique alias`,
      );
    }
    return ids[0]!;
  });
  const workspace = amp.getWorkspaceOutput({ workspaceId: found }, opts);
  return { id: found, arn: workspace.arn, prometheusEndpoint: workspace.prometheusEndpoint };
}
