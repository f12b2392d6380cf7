import type { MonitoringConfig } from "../../config/monitoring-schema";
import { labelKeys } from "../../core/labels";
import { METRIC_LABELS } from "../../core/metric-labels";
import { ALERT_LABELS, type PrometheusRule, type RuleGroup, type Severity } from "../../core/prometheus-rules";

/** A node pool and the most nodes it may grow to. */
export interface PoolLimit {
  readonly pool: string;
  readonly maxNodes: number;
}

export interface PlatformRulesArgs {
  readonly pools: readonly PoolLimit[];
  /** Namespaces of every cell, for the cluster-wide state metrics. */
  readonly cellNamespaces: readonly string[];
  /** Kafka consumer-group prefix of each cell, by cell, for the lag metric of the Kafka exporter. */
  readonly consumerGroupPrefixes: Readonly<Record<string, string>>;
  readonly thresholds: MonitoringConfig["thresholds"];
}

function alert(
  name: string,
  level: "infrastructure" | "service",
  severity: Severity,
  expr: string,
  forDuration: string,
  summary: string,
  description: string,
  /** What tells one rule of the name from another (a pool, a cell), so their alerts never collide. */
  labels: Readonly<Record<string, string>> = {},
): PrometheusRule {
  return {
    alert: name,
    expr,
    for: forDuration,
    labels: {
      [ALERT_LABELS.severity]: severity,
      [ALERT_LABELS.audience]: "platform",
      [ALERT_LABELS.level]: level,
      ...labels,
    },
    annotations: { summary, description },
  };
}

/** A PromQL string literal of a regular expression matching exactly `prefix` followed by anything. */
function prefixRegex(prefix: string): string {
  return JSON.stringify(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.+`);
}

/** The node label kube-state-metrics exports a pool's name under (its `--metric-labels-allowlist`). */
export const POOL_NODE_LABEL = `label_${labelKeys.pool.replace(/[^a-zA-Z0-9_]/g, "_")}`;

/** Nodes, pods, quotas and disruption budgets, from kube-state-metrics. */
export function infrastructureGroup(args: PlatformRulesArgs): RuleGroup {
  const namespaces = `namespace=~"${args.cellNamespaces.join("|") || "^$"}"`;
  const quota = args.thresholds.quotaUsedPercent / 100;
  const rules: PrometheusRule[] = args.pools.map((pool) =>
    alert(
      "NodePoolAtMaximum",
      "infrastructure",
      "ticket",
      `count(kube_node_labels{${POOL_NODE_LABEL}="${pool.pool}"}) >= ${pool.maxNodes}`,
      "15m",
      `Node pool ${pool.pool} is at its maximum of ${pool.maxNodes} nodes`,
      "The pool cannot grow further: a burst beyond it leaves pods Pending. Raise the pool's maximum or move load elsewhere.",
      // count() keeps no label: without it, two pools at their maximum would be one alert.
      { pool: pool.pool },
    ),
  );
  rules.push(
    alert(
      "CellPodsPending",
      "infrastructure",
      "ticket",
      `sum by (namespace) (kube_pod_status_phase{phase="Pending",${namespaces}}) > 0`,
      "10m",
      "Pods of {{ $labels.namespace }} have been Pending for 10 minutes",
      "No node admits them: the pool is full or at its maximum, or the quota or placement is wrong.",
    ),
    alert(
      "CellQuotaNearLimit",
      "infrastructure",
      "ticket",
      `max by (namespace, resource) (kube_resourcequota{type="used",${namespaces}} / ignoring(type) kube_resourcequota{type="hard",${namespaces}} > 0) > ${quota}`,
      "15m",
      "{{ $labels.namespace }} uses {{ $value | humanizePercentage }} of its {{ $labels.resource }} quota",
      "The cell's autoscalers will stop at the quota; raise the tenant's quota or its replica bounds will not be reached.",
    ),
    alert(
      "DisruptionBudgetBlocking",
      "infrastructure",
      "ticket",
      `kube_poddisruptionbudget_status_pod_disruptions_allowed{${namespaces}} == 0 and on (namespace, poddisruptionbudget) kube_poddisruptionbudget_status_expected_pods{${namespaces}} > 0`,
      "1h",
      "Disruption budget {{ $labels.namespace }}/{{ $labels.poddisruptionbudget }} allows no disruption",
      "Node drains and upgrades wait on it: pods of the service are not all ready.",
    ),
  );
  return { name: "im-platform-infrastructure", rules };
}

const cellBy = `${METRIC_LABELS.cell}, ${METRIC_LABELS.tenant}, ${METRIC_LABELS.tier}, ${METRIC_LABELS.service}`;

/** Each IM service's health across cells: instances down, data writes failing, RPC errors, lag, push. */
export function serviceGroup(args: PlatformRulesArgs): RuleGroup {
  const rpcRatio = args.thresholds.rpcErrorRatioPercent / 100;
  const inCell = `${METRIC_LABELS.cell}!=""`;
  const rules: PrometheusRule[] = [
    alert(
      "ServiceDown",
      "service",
      "page",
      `sum by (${cellBy}) (up{${inCell}}) == 0`,
      "2m",
      "{{ $labels.service }} of tenant {{ $labels.tenant }} has no instance up",
      "Every instance of the service in the cell fails its scrape: the tenant's users are affected.",
    ),
    alert(
      "ServiceInstanceDown",
      "service",
      "ticket",
      `up{${inCell}} == 0`,
      "5m",
      "An instance of {{ $labels.service }} of tenant {{ $labels.tenant }} is down",
      "{{ $labels.pod }} has failed its scrapes for 5 minutes.",
    ),
    alert(
      "MessageStoreWritesFailing",
      "service",
      "page",
      // Each counter on its own: increase() over a __name__ regex leaves msgtransfer's two counters
      // with one label set, which Prometheus refuses.
      ["redis", "mongo"]
        .map((store) => `sum by (${cellBy}) (increase(msg_insert_${store}_failed_total{${inCell}}[5m])) > 0`)
        .join(" or "),
      "0m",
      "Tenant {{ $labels.tenant }}'s messages fail to be written to Redis or MongoDB",
      "msgtransfer counted failed inserts in the last 5 minutes: messages may be delayed or lost.",
    ),
    alert(
      "RpcErrorRatioHigh",
      "service",
      "ticket",
      `sum by (${cellBy}) (rate(rpc_count{${inCell},code!="0"}[5m])) / sum by (${cellBy}) (rate(rpc_count{${inCell}}[5m])) > ${rpcRatio}`,
      "10m",
      "{{ $labels.service }} of tenant {{ $labels.tenant }} answers {{ $value | humanizePercentage }} of its RPCs with an error",
      `Above ${args.thresholds.rpcErrorRatioPercent}% for 10 minutes.`,
    ),
    alert(
      "OfflinePushFailing",
      "service",
      "ticket",
      `sum by (${cellBy}) (increase(msg_offline_push_failed_total{${inCell}}[15m])) > 100`,
      "15m",
      "Offline pushes of tenant {{ $labels.tenant }} are failing",
      "More than 100 offline pushes (APNs, FCM) failed in 15 minutes: check the tenant's push credentials and the egress to the providers.",
    ),
  ];
  for (const [cell, prefix] of Object.entries(args.consumerGroupPrefixes)) {
    rules.push(
      alert(
        "ConsumerLagHigh",
        "service",
        "ticket",
        // The prefix matched literally: "acme." must not take "acme-eu.mongo" (a regex "." matches "-").
        `sum by (consumergroup) (kafka_consumergroup_lag{consumergroup=~${prefixRegex(prefix)}}) > ${args.thresholds.consumerLagMessages}`,
        "10m",
        `Consumer group {{ $labels.consumergroup }} of cell ${cell} lags by {{ $value }} messages`,
        "Messages wait in Kafka: the consumers are at their maximum replicas or failing.",
        { [METRIC_LABELS.cell]: cell },
      ),
    );
  }
  return { name: "im-platform-services", rules };
}
