import { errorRatioRecord, OBJECTIVE_RECORD, SLO_NAMES, sumOfRates } from "../slo";
import type { DashboardSpec } from "./grafana";

/** One tenant's user experience, its SLOs and its services, chosen with the `tenant` variable. */
export function tenantDashboard(): DashboardSpec {
  const sel = 'tenant="$tenant"';
  const rate = (metric: string) => `sum(rate(${metric}{${sel}}[$__rate_interval]))`;
  const chats = (outcome: "success" | "failed") =>
    sumOfRates(
      "sum",
      [`single_chat_msg_process_${outcome}_total`, `group_chat_msg_process_${outcome}_total`],
      sel,
      "$__rate_interval",
    );
  const budget = (sli: keyof typeof SLO_NAMES) => `(1 - ${OBJECTIVE_RECORD}{${sel},slo="${SLO_NAMES[sli]}"})`;
  return {
    uid: "im-platform-tenant",
    title: "IM platform: tenant",
    description:
      "What one tenant's users experience: connections, logins, message success and delivery, push; its SLO burn and its services.",
    tags: ["im-platform"],
    variables: [{ name: "tenant", query: 'label_values(up{cell!=""}, tenant)', multi: false }],
    rows: [
      {
        title: "User experience",
        panels: [
          {
            title: "Online users",
            description: "Users connected to the tenant's gateways.",
            unit: "short",
            queries: [{ expr: `sum(online_user_num{${sel}})`, legend: "online" }],
          },
          {
            title: "Logins and registrations per minute",
            description: "Successful logins (auth service) and new users (user service).",
            unit: "short",
            queries: [
              { expr: `${rate("user_login_total")} * 60`, legend: "logins" },
              { expr: `${rate("user_register_total")} * 60`, legend: "registrations" },
            ],
          },
          {
            title: "Messages per second",
            description: "Processed and failed single and group chat messages.",
            unit: "ops",
            queries: [
              { expr: chats("success"), legend: "processed" },
              { expr: chats("failed"), legend: "failed" },
            ],
          },
          {
            title: "Push",
            description: "Offline pushes that failed, and pushes that took long (push service).",
            unit: "ops",
            queries: [
              { expr: rate("msg_offline_push_failed_total"), legend: "offline push failed" },
              { expr: rate("msg_long_time_push_total"), legend: "slow push" },
            ],
          },
        ],
      },
      {
        title: "Service level objectives",
        panels: [
          {
            title: "Message-success burn rate",
            description:
              "Error ratio over the error budget, per alert window: 1 spends the budget exactly over the period; 14.4 (1h) and 6 (6h) page.",
            unit: "short",
            queries: ["5m", "1h", "6h", "3d"].map((window) => ({
              expr: `${errorRatioRecord("messageSuccess", window)}{${sel}} / on (cell) group_left () ${budget("messageSuccess")}`,
              legend: window,
            })),
            thresholds: [1, 6, 14.4],
          },
          {
            title: "Connection-availability burn rate",
            description: "Share of time the gateway instances were down over the error budget, per alert window.",
            unit: "short",
            queries: ["5m", "1h", "6h", "3d"].map((window) => ({
              expr: `${errorRatioRecord("connectionAvailability", window)}{${sel}} / on (cell) group_left () ${budget("connectionAvailability")}`,
              legend: window,
            })),
            thresholds: [1, 6, 14.4],
          },
        ],
      },
      {
        title: "Services",
        panels: [
          {
            title: "RPC error ratio by service",
            description: "RPCs answered with an error code.",
            unit: "percentunit",
            queries: [
              {
                expr: `sum by (service) (rate(rpc_count{${sel},code!="0"}[$__rate_interval])) / sum by (service) (rate(rpc_count{${sel}}[$__rate_interval]))`,
                legend: "{{service}}",
              },
            ],
          },
          {
            title: "Message store writes failed",
            description: "Inserts msgtransfer could not make into Redis and MongoDB.",
            unit: "ops",
            queries: [
              { expr: rate("msg_insert_redis_failed_total"), legend: "redis" },
              { expr: rate("msg_insert_mongo_failed_total"), legend: "mongo" },
            ],
          },
          {
            title: "Instances up by service",
            description: "Scrape targets of each service that answer.",
            unit: "short",
            queries: [{ expr: `sum by (service) (up{${sel}})`, legend: "{{service}}" }],
          },
          {
            title: "API requests by status",
            description: "HTTP requests to the tenant's API by status code.",
            unit: "reqps",
            queries: [{ expr: `sum by (status) (rate(http_count{${sel}}[$__rate_interval]))`, legend: "{{status}}" }],
          },
        ],
      },
    ],
  };
}
