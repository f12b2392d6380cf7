import type * as inputs from "@pulumi/azure-native/types/input";
import type { AlertReceiver, AlertRoute, RouteAudience } from "../../config/monitoring-schema";
import { ALERT_LABELS, type PrometheusRule, type RuleGroup, type Severity } from "../../core/prometheus-rules";

/**
 * Limits of Azure Monitor's managed rule engine (Azure Monitor service limits, "Alert and
 * recording rules"): at most 20 rules in a rule group, which cannot be raised, and an evaluation
 * interval of 1 to 15 minutes.
 */
export const AZURE_RULE_LIMITS = { rulesPerGroup: 20, minIntervalSeconds: 60, maxIntervalSeconds: 900 } as const;

/**
 * Azure Monitor alert severities (0 Critical ... 4 Verbose) of the kit's two: a page is someone
 * now, a ticket someone this week. Alert processing rules and the portal filter on these.
 */
export const AZURE_SEVERITY: Readonly<Record<Severity, number>> = { page: 0, ticket: 2 };

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

/** Seconds of a Prometheus duration ("90s", "1h30m", "3d"); throws on anything else. */
export function durationSeconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== duration) {
    throw new Error(`"${duration}" is not a Prometheus duration`);
  }
  return parts.reduce((total, [, value, unit]) => total + Number(value) * UNIT_SECONDS[unit!]!, 0);
}

/** An ISO 8601 duration ("PT2M", "PT1H30M", "P3D") of a Prometheus one, as Azure's `for` takes it. */
export function isoDuration(duration: string): string {
  let seconds = Math.ceil(durationSeconds(duration));
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
  if (!days && !time) return "PT0S";
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/**
 * A group's evaluation interval as Azure takes it: whole minutes within 1 to 15. A shorter one
 * (the SLO rules' 30s) is evaluated every minute, which every window they read (5m and longer) allows.
 */
export function evaluationInterval(interval: string | undefined): string {
  const seconds = interval === undefined ? AZURE_RULE_LIMITS.minIntervalSeconds : durationSeconds(interval);
  const bounded = Math.min(
    AZURE_RULE_LIMITS.maxIntervalSeconds,
    Math.max(AZURE_RULE_LIMITS.minIntervalSeconds, Math.ceil(seconds)),
  );
  return `PT${Math.ceil(bounded / 60)}M`;
}

/**
 * A Prometheus group as Azure rule groups of at most 20 rules, in order. A group of up to 20 is
 * one Azure group of the same name; a longer one is split into `<name>-1`, `<name>-2`, ... (its
 * recording rules come first, so an alert reads a recorded series at most one interval old).
 */
export function splitGroup(
  group: RuleGroup,
): Array<{ readonly name: string; readonly rules: readonly PrometheusRule[] }> {
  const size = AZURE_RULE_LIMITS.rulesPerGroup;
  if (group.rules.length <= size) return [{ name: group.name, rules: group.rules }];
  const chunks: Array<{ name: string; rules: readonly PrometheusRule[] }> = [];
  for (let start = 0; start < group.rules.length; start += size) {
    chunks.push({ name: `${group.name}-${chunks.length + 1}`, rules: group.rules.slice(start, start + size) });
  }
  return chunks;
}

/** Where the kit's alerts go on Azure: the stack's receivers and routes (`monitoring.alerting`). */
export interface AzureAlerting {
  readonly receivers: readonly AlertReceiver[];
  readonly routes: Readonly<Partial<Record<RouteAudience, AlertRoute>>>;
}

/**
 * The action groups an alert notifies: its route's receiver for its audience and severity. An
 * alert whose audience has no route notifies no one (it still fires in Azure Monitor); a route to
 * a receiver that is not an action group is a config the validation refuses, so it throws here.
 */
export function alertActions(
  alerting: AzureAlerting,
  labels: Readonly<Record<string, string>>,
): inputs.alertsmanagement.PrometheusRuleGroupActionArgs[] {
  const audience = labels[ALERT_LABELS.audience] as RouteAudience | undefined;
  const severity = labels[ALERT_LABELS.severity] as Severity | undefined;
  const route = audience ? alerting.routes[audience] : undefined;
  if (!route || (severity !== "page" && severity !== "ticket")) return [];
  const receiverName = route[severity];
  const receiver = alerting.receivers.find((candidate) => candidate.name === receiverName);
  if (!receiver?.actionGroupId) {
    throw new Error(
      `monitoring.alerting.routes.${audience}.${severity} names receiver "${receiverName}", which is not an Azure action group (actionGroupId); Azure Monitor's rule groups notify action groups only`,
    );
  }
  return [{ actionGroupId: receiver.actionGroupId }];
}

/** One Prometheus rule as Azure's: `expr` is `expression`, `for` an ISO duration, alerts with severity and actions. */
export function azureRule(alerting: AzureAlerting, rule: PrometheusRule): inputs.alertsmanagement.PrometheusRuleArgs {
  if ("record" in rule) {
    return { record: rule.record, expression: rule.expr, ...(rule.labels ? { labels: { ...rule.labels } } : {}) };
  }
  const severity = rule.labels[ALERT_LABELS.severity] as Severity | undefined;
  return {
    alert: rule.alert,
    expression: rule.expr,
    ...(rule.for ? { for: isoDuration(rule.for) } : {}),
    labels: { ...rule.labels },
    annotations: { ...rule.annotations },
    ...(severity && severity in AZURE_SEVERITY ? { severity: AZURE_SEVERITY[severity] } : {}),
    enabled: true,
    resolveConfiguration: { autoResolved: true },
    actions: alertActions(alerting, rule.labels),
  };
}
