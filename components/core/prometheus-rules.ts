/** A rule of a Prometheus rule file: a recording rule or an alert. */
export type PrometheusRule =
  | { readonly record: string; readonly expr: string; readonly labels?: Readonly<Record<string, string>> }
  | {
      readonly alert: string;
      readonly expr: string;
      /** How long the condition holds before the alert fires, as a Prometheus duration. */
      readonly for?: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly annotations: Readonly<Record<string, string>>;
    };

/** A group of a Prometheus rule file (`groups[]`): evaluated together, in order. */
export interface RuleGroup {
  readonly name: string;
  /** Evaluation interval, as a Prometheus duration; the collector's default when absent. */
  readonly interval?: string;
  readonly rules: readonly PrometheusRule[];
}

/** Labels every alert of the kit carries, read by the alert routing. */
export const ALERT_LABELS = {
  /** "page" (someone now) or "ticket" (someone this week). */
  severity: "severity",
  /** "vip", "shared" (a tenant's SLO) or "platform" (infrastructure and service). */
  audience: "audience",
  /** "infrastructure", "service" or "tenant": the level the alert watches. */
  level: "level",
} as const;

export type Severity = "page" | "ticket";

/** Prometheus's service-discovery name for a pod label: `__meta_kubernetes_pod_label_<sanitised>`. */
export function podMetaLabel(podLabel: string): string {
  return `__meta_kubernetes_pod_label_${podLabel.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}
