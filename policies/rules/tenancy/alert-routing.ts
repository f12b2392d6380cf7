import { parse } from "yaml";
import { isKubernetes, kindOf, labelsOf, list, objectNameOf, ofKind, record, specOf, stringMap, text } from "../k8s";
import { SYSTEM_NAMESPACE } from "../labels";
import { labelKeys } from "../../../components/core/labels";
import { ROUTE_AUDIENCES } from "../../../components/config/monitoring-schema";
import { at, type PlainResource, type Props, type StackViolation } from "../types";

const SEVERITIES = ["page", "ticket"] as const;
type Pair = `${string}/${string}`;

/** `audience="vip"` / `audience=vip` matcher strings of an Alertmanager route, as label -> value. */
function matcherStrings(route: Props): Record<string, string> {
  const values: Record<string, string> = {};
  for (const matcher of list(route.matchers)) {
    const found = /^\s*(\w+)\s*=\s*"?([^"]*)"?\s*$/.exec(text(matcher) ?? "");
    if (found) values[found[1]!] = found[2]!;
    const object = record(matcher);
    if (object && text(object.matchType ?? "=") === "=") {
      const name = text(object.name);
      const value = text(object.value);
      if (name && value !== undefined) values[name] = value;
    }
  }
  return { ...stringMap(route.match), ...values };
}

/** The audience/severity pairs an Alertmanager route tree sends to a receiver. */
function routedPairs(route: Props | undefined): Pair[] {
  if (!route) return [];
  return list(route.routes).flatMap((child) => {
    const sub = record(child) ?? {};
    const labels = matcherStrings(sub);
    const own =
      labels.audience && labels.severity && text(sub.receiver) ? [`${labels.audience}/${labels.severity}` as Pair] : [];
    return [...own, ...routedPairs(sub)];
  });
}

/** An Alertmanager config file (YAML) and its route tree. */
function pairsOfConfigFile(file: string | undefined): Pair[] {
  if (!file) return [];
  try {
    const parsed = record(parse(file));
    // AMP's definition nests the Alertmanager config as a string under alertmanager_config.
    const nested = text(parsed?.alertmanager_config);
    return nested ? pairsOfConfigFile(nested) : routedPairs(record(parsed?.route));
  } catch {
    return [];
  }
}

/** The audience/severity pairs a resource routes to a receiver, whichever collector it belongs to. */
export function routedPairsOf(resource: PlainResource): Pair[] {
  if (isKubernetes(resource.type) && kindOf(resource.type) === "AlertmanagerConfig") {
    return routedPairs(record(specOf(resource.props).route));
  }
  if (resource.type === "aws:amp/alertManagerDefinition:AlertManagerDefinition") {
    return pairsOfConfigFile(text(resource.props.definition));
  }
  if (isKubernetes(resource.type) && kindOf(resource.type) === "Secret") {
    const files = { ...stringMap(record(resource.props.stringData)?.value ?? resource.props.stringData) };
    return Object.entries(files)
      .filter(([key]) => key.endsWith(".yaml") || key.endsWith(".yml"))
      .flatMap(([, file]) => pairsOfConfigFile(file));
  }
  if (resource.type === "azure-native:alertsmanagement:PrometheusRuleGroup") {
    // Azure routes per rule: an alert with action groups is routed for its audience and severity.
    return list(resource.props.rules).flatMap((rule) => {
      const props = record(rule) ?? {};
      const labels = stringMap(props.labels);
      return text(props.alert) && list(props.actions).length > 0 && labels.audience && labels.severity
        ? [`${labels.audience}/${labels.severity}` as Pair]
        : [];
    });
  }
  return [];
}

/** The environment the platform's system namespace declares, when the stack has it. */
function environmentOf(resources: readonly PlainResource[]): { environment?: string; resource?: PlainResource } {
  const system = ofKind(resources, "Namespace").find((resource) => objectNameOf(resource.props) === SYSTEM_NAMESPACE);
  return system ? { environment: labelsOf(system.props)[labelKeys.environment], resource: system } : {};
}

/**
 * IMT014: a prod platform routes every audience's pages and tickets (VIP and shared tenants'
 * SLO alerts, the platform's own) to a receiver, in whatever its collector routes with.
 */
export function checkProdAlertRouting(resources: readonly PlainResource[]): StackViolation[] {
  const { environment, resource } = environmentOf(resources);
  if (environment !== "prod" || !resource) return [];
  const routed = new Set(resources.flatMap(routedPairsOf));
  const missing = ROUTE_AUDIENCES.flatMap((audience) =>
    SEVERITIES.filter((severity) => !routed.has(`${audience}/${severity}`)).map(
      (severity) => `${audience} ${severity}s`,
    ),
  );
  if (missing.length === 0) return [];
  return [
    {
      ...at(resource),
      message: `prod stack routes no receiver for ${missing.join(", ")}: set im-platform:monitoring.alerting.routes for every audience`,
    },
  ];
}
