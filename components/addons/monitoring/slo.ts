import type { SloObjectives } from "../../config/monitoring-schema";
import type { Tier } from "../../core/labels";
import { matchers, METRIC_LABELS, SLO_GROUPING } from "../../core/metric-labels";
import { ALERT_LABELS, type PrometheusRule, type RuleGroup, type Severity } from "../../core/prometheus-rules";

/**
 * One alert of a multi-window, multi-burn-rate pair: it fires when both the long and the short
 * window burn the error budget faster than `factor` times the rate that spends it exactly over
 * the period. The short window makes it stop soon after the burn does.
 */
export interface BurnRateWindow {
  readonly severity: Severity;
  readonly long: string;
  readonly short: string;
  /** The budget multiple: the share of the budget spent in the long window, times the period over it. */
  readonly factor: number;
  /** How long both windows stay above the factor before the alert fires. */
  readonly for: string;
}

const HOURS: Readonly<Record<string, number>> = {
  "5m": 1 / 12,
  "30m": 0.5,
  "1h": 1,
  "2h": 2,
  "6h": 6,
  "1d": 24,
  "3d": 72,
};

/**
 * The windows of the SRE workbook's multi-window alerts, as Sloth generates them: page when 2% of
 * the budget goes in an hour or 5% in six; ticket when 10% goes in a day or in three.
 */
export function burnRateWindows(periodDays: 28 | 30): BurnRateWindow[] {
  const periodHours = periodDays * 24;
  const window = (severity: Severity, long: string, short: string, budgetShare: number, forDuration: string) => ({
    severity,
    long,
    short,
    factor: round((budgetShare * periodHours) / (HOURS[long] ?? 1)),
    for: forDuration,
  });
  return [
    window("page", "1h", "5m", 0.02, "2m"),
    window("page", "6h", "30m", 0.05, "15m"),
    window("ticket", "1d", "2h", 0.1, "1h"),
    window("ticket", "3d", "6h", 0.1, "3h"),
  ];
}

/** Every window a burn-rate alert reads, so each is recorded once. */
export const SLO_WINDOWS = Object.keys(HOURS);

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** What the SLO rules of one cell are built from. */
export interface CellSlo {
  readonly cell: string;
  readonly tier: Tier;
  /** The tenant label of its series: the cell's tenant (a pooled cell's series are labelled with the cell). */
  readonly tenant: string;
  /** The cell's gateway service, whose instances being up is connection availability. */
  readonly gatewayService?: string;
  readonly objectives: SloObjectives;
  readonly periodDays: 28 | 30;
}

export const SLO_NAMES = {
  messageSuccess: "message-success",
  connectionAvailability: "connection-availability",
} as const;

/** The objective of each of a cell's SLOs as a ratio, recorded so queries can divide by its budget. */
export const OBJECTIVE_RECORD = "im_slo:objective:ratio";

/** Recorded error ratio of one SLI over one window: `im_slo:<sli>:error_ratio_<window>`. */
export function errorRatioRecord(sli: keyof typeof SLO_NAMES, window: string): string {
  return `im_slo:${sli === "messageSuccess" ? "message" : "connection"}_errors:ratio_${window}`;
}

const by = `sum by (${SLO_GROUPING.join(", ")})`;
const MESSAGE_FAILED = ["single_chat_msg_process_failed_total", "group_chat_msg_process_failed_total"];
const MESSAGE_ALL = [
  "single_chat_msg_process_success_total",
  "single_chat_msg_process_failed_total",
  "group_chat_msg_process_success_total",
  "group_chat_msg_process_failed_total",
];

/**
 * `<aggregation> (...)` of several counters' per-second rates. Each counter is rated on its own and
 * told apart by an `im_metric` label (its name) before they are aggregated: `rate()` over a
 * `__name__` regex drops the names, one pod's counters then share a label set, and Prometheus
 * refuses the query ("vector cannot contain metrics with the same labelset"). A counter that is
 * missing adds nothing.
 */
export function sumOfRates(aggregation: string, names: readonly string[], selector: string, window: string): string {
  const terms = names.map(
    (name) => `label_replace(rate(${name}{${selector}}[${window}]), "im_metric", "${name}", "", "")`,
  );
  return `${aggregation} (${terms.join(" or ")})`;
}

/** Share of the cell's messages that failed over the window; no series (no traffic) when none were sent. */
function messageErrorRatio(cell: string, window: string): string {
  const select = matchers({ [METRIC_LABELS.cell]: cell });
  return `${sumOfRates(by, MESSAGE_FAILED, select, window)} / ${sumOfRates(by, MESSAGE_ALL, select, window)}`;
}

/** Share of the window the cell's gateway instances were down, from their scrapes. */
function connectionErrorRatio(cell: string, gateway: string, window: string): string {
  const up = `up{${matchers({ [METRIC_LABELS.cell]: cell, [METRIC_LABELS.service]: gateway })}}`;
  return `1 - avg by (${SLO_GROUPING.join(", ")}) (avg_over_time(${up}[${window}]))`;
}

function burnAlerts(slo: CellSlo, sli: keyof typeof SLO_NAMES): PrometheusRule[] {
  const objective = slo.objectives[sli];
  const budget = round(1 - objective / 100);
  const title = sli === "messageSuccess" ? "MessageSuccess" : "ConnectionAvailability";
  const what = sli === "messageSuccess" ? "messages failing" : "gateway instances down";
  return burnRateWindows(slo.periodDays).map((window) => {
    const threshold = round(window.factor * budget);
    const above = (span: string) => `${errorRatioRecord(sli, span)}{${matchers({ cell: slo.cell })}} > ${threshold}`;
    return {
      alert: `Tenant${title}BudgetBurn`,
      expr: `(${above(window.long)}) and (${above(window.short)})`,
      for: window.for,
      labels: {
        [ALERT_LABELS.severity]: window.severity,
        [ALERT_LABELS.audience]: slo.tier,
        [ALERT_LABELS.level]: "tenant",
        slo: SLO_NAMES[sli],
        objective: String(objective),
        window: window.long,
      },
      annotations: {
        summary: `Tenant ${slo.tenant} is spending its ${SLO_NAMES[sli]} error budget ${window.factor}x too fast`,
        description: `Over the last ${window.long} and ${window.short}, {{ $value | humanizePercentage }} ${what} against an objective of ${objective}% (${slo.periodDays}-day budget ${round(budget * 100)}%).`,
      },
    };
  });
}

/** The SLO rules of one cell: error ratios per window for each SLI, then their burn-rate alerts. */
export function cellSloGroup(slo: CellSlo): RuleGroup {
  const identity = {
    [METRIC_LABELS.cell]: slo.cell,
    [METRIC_LABELS.tenant]: slo.tenant,
    [METRIC_LABELS.tier]: slo.tier,
  };
  const slis = (["messageSuccess", "connectionAvailability"] as const).filter(
    (sli) => sli === "messageSuccess" || slo.gatewayService,
  );
  const recordings: PrometheusRule[] = slis.map((sli) => ({
    record: OBJECTIVE_RECORD,
    expr: `vector(${round(slo.objectives[sli] / 100)})`,
    labels: { ...identity, slo: SLO_NAMES[sli] },
  }));
  for (const window of SLO_WINDOWS) {
    recordings.push({ record: errorRatioRecord("messageSuccess", window), expr: messageErrorRatio(slo.cell, window) });
    if (slo.gatewayService) {
      recordings.push({
        record: errorRatioRecord("connectionAvailability", window),
        expr: connectionErrorRatio(slo.cell, slo.gatewayService, window),
      });
    }
  }
  const alerts = [
    ...burnAlerts(slo, "messageSuccess"),
    ...(slo.gatewayService ? burnAlerts(slo, "connectionAvailability") : []),
  ];
  return { name: `im-slo-${slo.cell}`, interval: "30s", rules: [...recordings, ...alerts] };
}
