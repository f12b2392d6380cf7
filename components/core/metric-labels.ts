import { labelKeys } from "./labels";

/**
 * The labels the collector adds to every series of a cell (OpenIM's own metrics carry none):
 * from the pod's labels, and the target the cell runs on. Rules, dashboards and autoscalers
 * select by these.
 */
export const METRIC_LABELS = {
  tenant: "tenant",
  tier: "tier",
  cell: "cell",
  service: "service",
  target: "target",
} as const;

/** Pod label -> metric label, as every collector's relabelling copies them. */
export const POD_LABELS_TO_METRIC_LABELS: Readonly<Record<string, string>> = {
  [labelKeys.tenant]: METRIC_LABELS.tenant,
  [labelKeys.tier]: METRIC_LABELS.tier,
  [labelKeys.cell]: METRIC_LABELS.cell,
  [labelKeys.name]: METRIC_LABELS.service,
};

/** The labels a cell's SLO series are aggregated by. */
export const SLO_GROUPING = [
  METRIC_LABELS.cell,
  METRIC_LABELS.tenant,
  METRIC_LABELS.tier,
  METRIC_LABELS.target,
] as const;

/** A PromQL label matcher list from exact values, quoted. */
export function matchers(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([label, value]) => `${label}=${JSON.stringify(value)}`)
    .join(",");
}
