import { z } from "zod";
import { dnsLabel, kubernetesKeyedMap, strictObject } from "../config/fields";

/** kube-prometheus-stack, the chart the kit installs where asked, at the version it was checked against. */
export const KUBE_PROMETHEUS_STACK = {
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  repository: "https://prometheus-community.github.io/helm-charts",
} as const;

/** The Prometheus Operator a cluster's monitoring goes through: one the kit installs, or one already there. */
export const prometheusOperatorSchema = strictObject({
  install: z
    .boolean()
    .default(false)
    .meta({
      description: `Install kube-prometheus-stack ${KUBE_PROMETHEUS_STACK.version} (Prometheus Operator, Prometheus, Alertmanager, kube-state-metrics, Grafana) from its chart repository as Helm release \`release\` in \`namespace\`. Off, an operator must already run there.`,
    }),
  namespace: dnsLabel(63)
    .default("monitoring")
    .meta({ description: "Namespace of the operator's Prometheus and Alertmanager." }),
  release: dnsLabel(53).default("kube-prometheus-stack").meta({
    description:
      "Helm release name of kube-prometheus-stack: its Prometheus selects monitors and rules labelled `release: <name>`.",
  }),
  selectorLabels: kubernetesKeyedMap.optional().meta({
    description:
      "Labels the operator's Prometheus and Alertmanager select the kit's monitors, rules and alert configs by.",
    defaultText: "{release: <release>}",
  }),
  scraperPodLabels: kubernetesKeyedMap.default({ "app.kubernetes.io/name": "prometheus" }).meta({
    description:
      "Labels of the Prometheus pods: each cell admits exactly these pods, from `namespace`, to its metrics ports.",
  }),
  serverAddress: z.url().optional().meta({
    description: "Where KEDA queries Prometheus for the gateways' users.",
    defaultText: "http://<release>-prometheus.<namespace>.svc:9090",
  }),
}).prefault({});

export type PrometheusOperatorConfig = z.infer<typeof prometheusOperatorSchema>;
