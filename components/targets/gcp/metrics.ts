import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import type { AlertReceiver, ReceiverKind } from "../../config/monitoring-schema";
import { namespaceByName } from "../../core/network-baseline";
import type { RuleGroup } from "../../core/prometheus-rules";
import type { AlertRouting, CellScrape, MetricsCollector, MetricsQuery, RuleSet } from "../capabilities";
import type { CollectorFacts } from "../monitoring-checks";
import { alertmanagerFile, alertRoutes } from "../prometheus-operator";
import { exactMetricNames } from "./gmp-promql";
import { rulesWithoutGkeMetrics } from "./kube-state-metrics";

/**
 * Google Cloud Managed Service for Prometheus (GMP) with managed collection, as GKE runs it
 * (GoogleCloudPlatform/prometheus-engine): its CRDs, namespaces, collector pods and the managed
 * Alertmanager's config Secret.
 */
export const GMP = {
  apiVersion: "monitoring.googleapis.com/v1",
  /** The managed components: the collector DaemonSet, rule-evaluator, Alertmanager. */
  systemNamespace: "gmp-system",
  /** Where users configure them: the OperatorConfig and the Alertmanager config Secret. */
  publicNamespace: "gmp-public",
  /** The collector pods' label (its DaemonSet's immutable selector). */
  collectorPodLabels: { "app.kubernetes.io/name": "collector" },
  /** The OperatorConfig's default `managedAlertmanager.configSecret`, copied by the operator into gmp-system. */
  alertmanagerSecret: { name: "alertmanager", key: "alertmanager.yaml" },
  /** A PodMonitoring scrapes at most this many endpoints (its CRD's `endpoints` maxItems). */
  maxEndpoints: 10,
  /** Target labels GMP sets itself; a relabelling or pod-label mapping may not write them. */
  protectedLabels: [
    "project_id",
    "location",
    "cluster",
    "namespace",
    "job",
    "instance",
    "top_level_controller",
    "top_level_controller_type",
    "__address__",
  ],
} as const;

/** What the managed Alertmanager delivers to: receivers whose credentials can sit in its config file. */
export const GMP_RECEIVER_KINDS: readonly ReceiverKind[] = ["webhook", "pagerduty", "slack"];

export const GMP_COLLECTOR = "Google Cloud Managed Service for Prometheus";

/** The collector as known from config alone: the managed Alertmanager's receivers, and a query API. */
export function gmpFacts(): CollectorFacts {
  return { collector: GMP_COLLECTOR, receiverKinds: GMP_RECEIVER_KINDS, query: true };
}

/** GMP's Prometheus-compatible query API for a project (KEDA appends /api/v1/query). */
export function gmpQueryAddress(project: string): string {
  return `https://monitoring.googleapis.com/v1/projects/${project}/location/global/prometheus`;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function assertWritable(label: string, where: string): string {
  if (!LABEL_NAME.test(label) || (GMP.protectedLabels as readonly string[]).includes(label)) {
    throw new Error(
      `${where} writes metric label "${label}", which Managed Service for Prometheus refuses (protected: ${GMP.protectedLabels.join(", ")})`,
    );
  }
  return label;
}

/** One PodMonitoring of a cell: its name and spec. */
export interface PodMonitoringPlan {
  readonly name: string;
  readonly spec: Record<string, unknown>;
}

/**
 * The cell's PodMonitorings: one endpoint per metrics port name, at most ten to an object (a
 * compact cell serves more), each selecting every pod of the cell. The pod labels become target
 * labels (`targetLabels.fromPod`, so `up` carries them too); the target's name is set on every
 * scraped series by a metric relabelling (GMP offers no static target label).
 */
export function podMonitorings(scrape: CellScrape): PodMonitoringPlan[] {
  const ports = [...new Set(scrape.services.flatMap((service) => service.ports))].sort();
  const fromPod = Object.entries(scrape.podLabels).map(([from, to]) => ({
    from,
    to: assertWritable(to, `the pod label mapping of ${from}`),
  }));
  const metricRelabeling = Object.entries(scrape.staticLabels).map(([label, value]) => ({
    action: "replace",
    targetLabel: assertWritable(label, "the cell's static labels"),
    replacement: value,
  }));
  const plans: PodMonitoringPlan[] = [];
  for (let start = 0; start < ports.length; start += GMP.maxEndpoints) {
    const index = start / GMP.maxEndpoints;
    plans.push({
      name: index === 0 ? "im-cell" : `im-cell-${index + 1}`,
      spec: {
        selector: { matchLabels: { ...scrape.selector } },
        endpoints: ports.slice(start, start + GMP.maxEndpoints).map((port) => ({
          port,
          path: "/metrics",
          interval: `${scrape.intervalSeconds}s`,
          ...(metricRelabeling.length > 0 ? { metricRelabeling } : {}),
        })),
        targetLabels: { metadata: ["pod", "container"], fromPod },
      },
    });
  }
  return plans;
}

/** The rule groups as GMP's Rules/ClusterRules take them, every expression naming metrics exactly. */
export function gmpRuleGroups(groups: readonly RuleGroup[]): RuleGroup[] {
  return groups.map((group) => ({
    ...group,
    rules: group.rules.map((rule) => ({ ...rule, expr: exactMetricNames(rule.expr) })),
  }));
}

/**
 * A cell's rules go into a namespaced `Rules` (GMP scopes every selector to the project,
 * location, cluster and namespace, so they read that cell's series only); the platform's into a
 * `ClusterRules` (scoped to the cluster, reading across its namespaces).
 */
export function rulesObject(rules: RuleSet): Record<string, unknown> {
  const cell = rules.scope === "cell";
  return {
    apiVersion: GMP.apiVersion,
    kind: cell ? "Rules" : "ClusterRules",
    metadata: {
      name: rules.name,
      ...(cell ? { namespace: rules.namespace } : {}),
      labels: { ...rules.labels },
    },
    spec: { groups: gmpRuleGroups(rules.groups) },
  };
}

/** A receiver's credential: the Secret (in gmp-public) and key it is read from. */
export interface CredentialRef {
  readonly name: string;
  readonly key: string;
}

export function credentialOf(receiver: AlertReceiver): CredentialRef {
  const ref = receiver.pagerduty?.routingKeySecret ?? receiver.slack?.apiUrlSecret ?? receiver.webhook?.urlSecret;
  if (!ref) {
    throw new Error(
      `receiver "${receiver.name}" is not one the managed Alertmanager delivers to; use one of ${GMP_RECEIVER_KINDS.join(", ")}`,
    );
  }
  return ref;
}

function receiverConfig(receiver: AlertReceiver, credential: string): Record<string, unknown> {
  if (receiver.pagerduty) return { pagerduty_configs: [{ routing_key: credential, send_resolved: true }] };
  if (receiver.slack)
    return { slack_configs: [{ api_url: credential, channel: receiver.slack.channel, send_resolved: true }] };
  return { webhook_configs: [{ url: credential, send_resolved: true }] };
}

/**
 * The managed Alertmanager's whole config file: the kit's alerts routed by audience and severity
 * to the receivers, credentials inline (the managed Alertmanager reads this one file and mounts
 * nothing else). Anything unrouted, the kit's or another's, reaches the first routed receiver.
 * Undefined where nothing is routed.
 */
export function alertmanagerConfig(
  routing: AlertRouting,
  credential: (ref: CredentialRef) => string,
): Record<string, unknown> | undefined {
  return alertmanagerFile(routing, (receiver) => receiverConfig(receiver, credential(credentialOf(receiver))));
}

/** What a receiver's Secret yields: its decoded key, or why not. */
export function secretValue(
  ref: CredentialRef,
  metadata: { uid?: string } | undefined,
  data: Record<string, string> | undefined,
): string {
  const encoded = data?.[ref.key];
  const value = encoded === undefined ? undefined : Buffer.from(encoded, "base64").toString("utf8").trim();
  if (value) return value;
  // A Secret read from a cluster has a uid; the offline synth's stand-in has nothing at all.
  if (metadata?.uid) {
    throw new Error(
      `Secret ${GMP.publicNamespace}/${ref.name} has no value under key "${ref.key}", which monitoring.alerting.receivers names`,
    );
  }
  return `offline:${GMP.publicNamespace}/${ref.name}/${ref.key}`;
}

/**
 * Reads each receiver's Secret from gmp-public (they must exist there before the deploy) and
 * writes the managed Alertmanager's config Secret, credentials inline and kept secret in state.
 */
function routeAlerts(
  name: string,
  routing: AlertRouting,
  opts: pulumi.CustomResourceOptions,
): readonly pulumi.Resource[] {
  const routes = alertRoutes(routing);
  if (routes.length === 0) return [];
  const used = new Set(routes.map((route) => route.receiver));
  const secretNames = [
    ...new Set(routing.receivers.filter((r) => used.has(r.name)).map((r) => credentialOf(r).name)),
  ].sort();
  const reads = secretNames.map((secretName) =>
    k8s.core.v1.Secret.get(`${name}-receiver-${secretName}`, `${GMP.publicNamespace}/${secretName}`, opts),
  );
  const contents = pulumi.all(reads.map((read) => pulumi.all([read.metadata, read.data]))).apply((read) => {
    const found = new Map(secretNames.map((secretName, index) => [secretName, read[index]!]));
    const config = alertmanagerConfig(routing, (ref) => {
      const [metadata, data] = found.get(ref.name)!;
      return secretValue(ref, metadata, data);
    });
    return stringify(config);
  });
  const config = new k8s.core.v1.Secret(
    name,
    {
      metadata: {
        name: GMP.alertmanagerSecret.name,
        namespace: GMP.publicNamespace,
        labels: { ...routing.labels },
      },
      stringData: { [GMP.alertmanagerSecret.key]: pulumi.secret(contents) },
    },
    opts,
  );
  return [config];
}

/** One cell's PodMonitorings, held by one object: a cell with more than ten metrics ports needs several. */
export class GmpCellScrape extends pulumi.ComponentResource {
  constructor(name: string, scrape: CellScrape, opts: pulumi.CustomResourceOptions) {
    super("im-platform:targets:GmpCellScrape", name, {}, { parent: opts.parent, dependsOn: opts.dependsOn });
    for (const [index, plan] of podMonitorings(scrape).entries()) {
      new k8s.apiextensions.CustomResource(
        index === 0 ? name : `${name}-${index + 1}`,
        {
          apiVersion: GMP.apiVersion,
          kind: "PodMonitoring",
          metadata: { name: plan.name, namespace: scrape.namespace, labels: { ...scrape.labels } },
          spec: plan.spec,
        },
        { ...opts, parent: this },
      );
    }
    this.registerOutputs({});
  }
}

export interface GmpCollectorOptions {
  /** The project whose Managed Service for Prometheus KEDA queries. */
  readonly project: string;
}

/**
 * GMP as the target's metrics collector: PodMonitorings per cell scraped by the managed
 * collectors, Rules and ClusterRules evaluated by the managed rule-evaluator, alerts routed by
 * the managed Alertmanager, and the project's query API for KEDA through its operator's
 * Workload Identity.
 */
export function gmpCollector(options: GmpCollectorOptions): MetricsCollector {
  const query: MetricsQuery = { serverAddress: gmpQueryAddress(options.project), podIdentityProvider: "gcp" };
  return {
    kind: "google-managed-prometheus",
    scrapers: [
      {
        namespaceSelector: namespaceByName(GMP.systemNamespace),
        podSelector: { matchLabels: { ...GMP.collectorPodLabels } },
      },
    ],
    receiverKinds: GMP_RECEIVER_KINDS,
    query,
    scrapeCell(name: string, scrape: CellScrape, opts: pulumi.CustomResourceOptions) {
      return new GmpCellScrape(name, scrape, opts);
    },
    loadRules(name: string, rules: RuleSet, opts: pulumi.CustomResourceOptions) {
      const loaded = new k8s.apiextensions.CustomResource(
        name,
        rulesObject(rules) as k8s.apiextensions.CustomResourceArgs,
        opts,
      );
      const blind = rulesWithoutGkeMetrics(rules.groups);
      if (blind.length > 0) {
        pulumi.log.warn(
          `GKE's kube state metrics do not export ${[...new Set(blind.flatMap((b) => b.metrics))].join(", ")}, so ${blind.map((b) => b.rule).join(", ")} cannot fire on this target (a kube-state-metrics of your own, scraped by GMP, would put the object's namespace in exported_namespace, which these rules do not read)`,
          loaded,
        );
      }
      return loaded;
    },
    routeAlerts,
  };
}
