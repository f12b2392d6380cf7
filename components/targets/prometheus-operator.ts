import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { ROUTE_AUDIENCES, type AlertReceiver } from "../config/monitoring-schema";
import { deepMerge } from "../config/services";
import { namespaceByName } from "../core/network-baseline";
import { podMetaLabel } from "../core/prometheus-rules";
import { labelKeys } from "../core/labels";
import type { AlertRouting, CellScrape, MetricsCollector, MetricsQuery, RuleSet } from "./capabilities";
import { KUBE_PROMETHEUS_STACK, type PrometheusOperatorConfig } from "./prometheus-operator-schema";

/** The label Grafana's dashboard sidecar loads ConfigMaps by (kube-prometheus-stack's default). */
export const GRAFANA_SIDECAR = { label: "grafana_dashboard", labelValue: "1" } as const;

/** Where a Prometheus Operator runs and how its Prometheus picks up objects. */
export interface PrometheusOperatorOptions {
  /** API group of the monitor CRDs it reads: `monitoring.coreos.com`, or a copy's (Azure's agent). */
  readonly group: string;
  /** Labels its Prometheus and Alertmanager select monitors, rules and alert configs by. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** The namespace and labels of the pods that scrape: all that cells admit to their metrics ports. */
  readonly scraperNamespace: string;
  readonly scraperPodLabels: Readonly<Record<string, string>>;
  /** Where autoscalers query it; absent where it serves no query endpoint in the cluster. */
  readonly query?: MetricsQuery;
  /** Whether it routes alerts through AlertmanagerConfig objects (an Alertmanager it runs). @default true */
  readonly alertmanager?: boolean;
  /** Loads rules elsewhere (a managed rule engine fed by remote write) instead of PrometheusRule objects. */
  readonly loadRules?: MetricsCollector["loadRules"];
  readonly routeAlerts?: MetricsCollector["routeAlerts"];
  readonly kind?: string;
}

/** A relabelling that copies a pod label onto every series, or sets a fixed value. */
function relabelings(scrape: CellScrape): Array<Record<string, unknown>> {
  return [
    ...Object.entries(scrape.podLabels).map(([podLabel, metricLabel]) => ({
      action: "replace",
      sourceLabels: [podMetaLabel(podLabel)],
      targetLabel: metricLabel,
    })),
    ...Object.entries(scrape.staticLabels).map(([label, value]) => ({
      action: "replace",
      targetLabel: label,
      replacement: value,
    })),
  ];
}

/** One endpoint per metrics port name of the cell; the selector takes every pod of the cell. */
export function podMonitorSpec(scrape: CellScrape) {
  const ports = [...new Set(scrape.services.flatMap((service) => service.ports))].sort();
  return {
    selector: { matchLabels: { ...scrape.selector } },
    podMetricsEndpoints: ports.map((port) => ({
      port,
      path: "/metrics",
      interval: `${scrape.intervalSeconds}s`,
      relabelings: relabelings(scrape),
    })),
  };
}

function receiverConfig(receiver: AlertReceiver): Record<string, unknown> {
  if (receiver.pagerduty) return { pagerdutyConfigs: [{ routingKey: receiver.pagerduty.routingKeySecret }] };
  if (receiver.slack)
    return {
      slackConfigs: [{ apiURL: receiver.slack.apiUrlSecret, channel: receiver.slack.channel, sendResolved: true }],
    };
  if (receiver.webhook) return { webhookConfigs: [{ urlSecret: receiver.webhook.urlSecret, sendResolved: true }] };
  throw new Error(`receiver "${receiver.name}" is not one an Alertmanager in the cluster delivers to`);
}

/** The route tree of the kit's alerts: by audience and severity, each to its receiver. */
export function alertRoutes(routing: AlertRouting): Array<{ audience: string; severity: string; receiver: string }> {
  return Object.entries(routing.routes).flatMap(([audience, route]) =>
    route
      ? [
          { audience, severity: "page", receiver: route.page },
          { audience, severity: "ticket", receiver: route.ticket },
        ]
      : [],
  );
}

/** A Prometheus Operator's collector: PodMonitors per cell, PrometheusRules, an AlertmanagerConfig. */
export function prometheusOperatorCollector(options: PrometheusOperatorOptions): MetricsCollector {
  const apiVersion = `${options.group}/v1`;
  return {
    kind: options.kind ?? "prometheus-operator",
    scrapers: [
      {
        namespaceSelector: namespaceByName(options.scraperNamespace),
        podSelector: { matchLabels: { ...options.scraperPodLabels } },
      },
    ],
    receiverKinds: options.alertmanager === false ? [] : ["webhook", "pagerduty", "slack"],
    ...(options.query ? { query: options.query } : {}),
    scrapeCell(name: string, scrape: CellScrape, opts: pulumi.CustomResourceOptions) {
      return new k8s.apiextensions.CustomResource(
        name,
        {
          apiVersion,
          kind: "PodMonitor",
          metadata: {
            name: "im-cell",
            namespace: scrape.namespace,
            labels: { ...scrape.labels, ...options.selectorLabels },
          },
          spec: podMonitorSpec(scrape),
        },
        opts,
      );
    },
    loadRules:
      options.loadRules ??
      ((name: string, rules: RuleSet, opts: pulumi.CustomResourceOptions) =>
        new k8s.apiextensions.CustomResource(
          name,
          {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "PrometheusRule",
            metadata: {
              name: rules.name,
              namespace: rules.namespace,
              labels: { ...rules.labels, ...options.selectorLabels },
            },
            spec: { groups: rules.groups },
          },
          opts,
        )),
    routeAlerts:
      options.routeAlerts ??
      ((name: string, routing: AlertRouting, opts: pulumi.CustomResourceOptions) => {
        const routes = alertRoutes(routing);
        if (routes.length === 0) return [];
        const used = new Set(routes.map((route) => route.receiver));
        return [
          new k8s.apiextensions.CustomResource(
            name,
            {
              apiVersion: "monitoring.coreos.com/v1alpha1",
              kind: "AlertmanagerConfig",
              // In the Alertmanager's own namespace, which its default config selector reads.
              metadata: {
                name: "im-platform",
                namespace: options.scraperNamespace,
                labels: { ...routing.labels, ...options.selectorLabels },
              },
              spec: {
                route: {
                  // Only the kit's alerts (they carry an audience); the first receiver takes any audience left unrouted.
                  receiver: routes[0]!.receiver,
                  matchers: [{ name: "audience", value: ROUTE_AUDIENCES.join("|"), matchType: "=~" }],
                  groupBy: ["alertname", "cell", "slo"],
                  routes: routes.map((route) => ({
                    receiver: route.receiver,
                    matchers: [
                      { name: "audience", value: route.audience, matchType: "=" },
                      { name: "severity", value: route.severity, matchType: "=" },
                    ],
                    repeatInterval: route.severity === "page" ? "1h" : "12h",
                  })),
                },
                receivers: routing.receivers
                  .filter((receiver) => used.has(receiver.name))
                  .map((receiver) => ({ name: receiver.name, ...receiverConfig(receiver) })),
              },
            },
            opts,
          ),
        ];
      }),
  };
}

/** The chart's name for its objects: the release name when it holds the chart's, else both (kube-prometheus-stack.fullname). */
function chartFullname(release: string): string {
  const name = KUBE_PROMETHEUS_STACK.chart;
  return (release.includes(name) ? release : `${release}-${name}`).slice(0, 26).replace(/-+$/, "");
}

/** The collector of a Prometheus Operator configured by `prometheus` (installed by the kit or already there). */
export function operatorCollector(config: PrometheusOperatorConfig): MetricsCollector {
  return prometheusOperatorCollector({
    group: "monitoring.coreos.com",
    selectorLabels: config.selectorLabels ?? { release: config.release },
    scraperNamespace: config.namespace,
    scraperPodLabels: config.scraperPodLabels,
    query: {
      serverAddress:
        config.serverAddress ?? `http://${chartFullname(config.release)}-prometheus.${config.namespace}.svc:9090`,
    },
  });
}

/**
 * kube-prometheus-stack as the kit installs it: the operator's Alertmanager takes the kit's
 * AlertmanagerConfig without adding a namespace matcher (the kit's alerts are per cell, not per
 * namespace), kube-state-metrics exports the pool label of nodes, and Grafana loads every
 * namespace's dashboard ConfigMaps.
 */
export function installKubePrometheusStack(
  name: string,
  config: PrometheusOperatorConfig,
  opts: pulumi.CustomResourceOptions,
  /** The target's own values (remote write, agent mode, service account annotations), merged over the kit's. */
  values: Readonly<Record<string, unknown>> = {},
): k8s.helm.v3.Release {
  return new k8s.helm.v3.Release(
    name,
    {
      name: config.release,
      chart: KUBE_PROMETHEUS_STACK.chart,
      version: KUBE_PROMETHEUS_STACK.version,
      repositoryOpts: { repo: KUBE_PROMETHEUS_STACK.repository },
      namespace: config.namespace,
      createNamespace: true,
      values: deepMerge(
        {
          alertmanager: { alertmanagerSpec: { alertmanagerConfigMatcherStrategy: { type: "None" } } },
          "kube-state-metrics": { metricLabelsAllowlist: [`nodes=[${labelKeys.pool}]`] },
          grafana: { sidecar: { dashboards: { enabled: true, ...GRAFANA_SIDECAR, searchNamespace: "ALL" } } },
        },
        values,
      ) as Record<string, unknown>,
    },
    opts,
  );
}

/**
 * An Alertmanager config file's `route` and `receivers` for the kit's alerts (for managed
 * Alertmanagers that read a file): the route tree of `alertRoutes`, the first receiver catching
 * anything unrouted, and each receiver a route uses, configured by `receiverConfig`. Undefined
 * where nothing is routed.
 */
export function alertmanagerFile(
  routing: AlertRouting,
  receiverConfig: (receiver: AlertReceiver) => Record<string, unknown>,
): Record<string, unknown> | undefined {
  const routes = alertRoutes(routing);
  if (routes.length === 0) return undefined;
  const used = new Set(routes.map((route) => route.receiver));
  return {
    route: {
      receiver: routes[0]!.receiver,
      group_by: ["alertname", "cell", "slo"],
      routes: routes.map((route) => ({
        receiver: route.receiver,
        matchers: [`audience="${route.audience}"`, `severity="${route.severity}"`],
        repeat_interval: route.severity === "page" ? "1h" : "12h",
      })),
    },
    receivers: routing.receivers
      .filter((receiver) => used.has(receiver.name))
      .map((receiver) => ({ name: receiver.name, ...receiverConfig(receiver) })),
  };
}
