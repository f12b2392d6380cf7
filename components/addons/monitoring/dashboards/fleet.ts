import { errorRatioRecord, OBJECTIVE_RECORD, SLO_NAMES, sumOfRates } from "../slo";
import type { DashboardSpec } from "./grafana";
import { POOL_NODE_LABEL } from "../platform-rules";

/** The whole platform at a glance: tenants' traffic and SLO burn, the pools and the cells' health. */
export function fleetDashboard(): DashboardSpec {
  const sel = 'target=~"$target"';
  return {
    uid: "im-platform-fleet",
    title: "IM platform: fleet",
    description: "Every tenant's traffic and error-budget burn, the node pools and the cells' health.",
    tags: ["im-platform"],
    variables: [{ name: "target", query: 'label_values(up{cell!=""}, target)', multi: true }],
    rows: [
      {
        title: "Tenants",
        panels: [
          {
            title: "Online users by tenant",
            description: "Users connected to each tenant's gateways (OpenIM's online_user_num).",
            unit: "short",
            queries: [{ expr: `sum by (tenant) (online_user_num{${sel}})`, legend: "{{tenant}}" }],
          },
          {
            title: "Messages per second by tenant",
            description: "Single and group chat messages the message service processed.",
            unit: "ops",
            queries: [
              {
                expr: sumOfRates(
                  "sum by (tenant)",
                  ["single_chat_msg_process_success_total", "group_chat_msg_process_success_total"],
                  sel,
                  "$__rate_interval",
                ),
                legend: "{{tenant}}",
              },
            ],
          },
          {
            title: "Message-success budget burn (1h) by tenant",
            description:
              "How many times faster than sustainable each tenant spends its message-success error budget; 14.4 pages.",
            unit: "short",
            queries: [
              {
                // group_left () keeps the ratio's labels (tenant, for the legend): on (cell) alone keeps only cell.
                expr: `${errorRatioRecord("messageSuccess", "1h")}{${sel}} / on (cell) group_left () (1 - ${OBJECTIVE_RECORD}{slo="${SLO_NAMES.messageSuccess}"})`,
                legend: "{{tenant}}",
              },
            ],
          },
          {
            title: "Gateway unavailability (1h) by tenant",
            description: "Share of the last hour each tenant's gateway instances were down.",
            unit: "percentunit",
            queries: [{ expr: `${errorRatioRecord("connectionAvailability", "1h")}{${sel}}`, legend: "{{tenant}}" }],
          },
        ],
      },
      {
        title: "Pools and cells",
        panels: [
          {
            title: "Nodes by pool",
            description: "Nodes carrying each pool label (kube-state-metrics).",
            unit: "short",
            queries: [
              {
                expr: `count by (${POOL_NODE_LABEL}) (kube_node_labels{${POOL_NODE_LABEL}!=""})`,
                legend: `{{${POOL_NODE_LABEL}}}`,
              },
            ],
          },
          {
            title: "Pending pods by cell",
            description: "Pods no node admits yet: a pool at its maximum, or a burst being absorbed.",
            unit: "short",
            queries: [
              {
                expr: `sum by (namespace) (kube_pod_status_phase{phase="Pending",namespace=~"im-.*"})`,
                legend: "{{namespace}}",
              },
            ],
          },
          {
            title: "Quota use by cell",
            description: "The highest share of any quota resource each cell uses.",
            unit: "percentunit",
            queries: [
              {
                expr: `max by (namespace) (kube_resourcequota{type="used",namespace=~"im-.*"} / ignoring(type) kube_resourcequota{type="hard",namespace=~"im-.*"} > 0)`,
                legend: "{{namespace}}",
              },
            ],
            thresholds: [0.9],
          },
          {
            title: "Instances down by tenant",
            description: "Scrape targets of each tenant's services that are down.",
            unit: "short",
            queries: [
              { expr: `count by (tenant, service) (up{${sel},cell!=""} == 0)`, legend: "{{tenant}} {{service}}" },
            ],
          },
        ],
      },
    ],
  };
}
