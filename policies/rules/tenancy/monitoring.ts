import { parse } from "yaml";
import { isKubernetes, kindOf, list, namespaceOf, podsIn, record, specOf, stringMap, text } from "../k8s";
import { CELL_LABEL, ROLE_LABEL } from "../labels";
import { at, type PlainResource, type StackViolation } from "../types";
import { NAMESPACE_TYPE, tenantNamespaces } from "./scope";

/** Objects that have a collector scrape a namespace's pods: the Prometheus Operator's (and its copies') and GMP's. */
const SCRAPE_KINDS: readonly string[] = ["PodMonitor", "PodMonitoring"];
/** Kubernetes objects that carry Prometheus rule groups in `spec.groups`. */
const RULE_KINDS: readonly string[] = ["PrometheusRule", "Rules", "ClusterRules", "GlobalRules"];
/** The burn-rate alert of every cell's message-success SLO. */
const MESSAGE_SLO_ALERT = "TenantMessageSuccessBudgetBurn";
/** The burn-rate alert of the connection SLO, which a cell with a gateway also has. */
const CONNECTION_SLO_ALERT = "TenantConnectionAvailabilityBudgetBurn";

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
}

function alertsOfGroups(groups: unknown): AlertRule[] {
  return list(groups).flatMap((group) =>
    list(record(group)?.rules).flatMap((rule) => {
      const alert = text(record(rule)?.alert);
      const expr = text(record(rule)?.expr);
      return alert && expr ? [{ alert, expr }] : [];
    }),
  );
}

function parsedGroups(data: string | undefined): unknown {
  if (!data) return [];
  try {
    return record(parse(data))?.groups;
  } catch {
    return [];
  }
}

/** The alert rules a resource loads into a rule engine, whichever engine it is. */
export function alertRulesOf(resource: PlainResource): AlertRule[] {
  if (isKubernetes(resource.type) && RULE_KINDS.includes(kindOf(resource.type))) {
    return alertsOfGroups(specOf(resource.props).groups);
  }
  if (resource.type === "aws:amp/ruleGroupNamespace:RuleGroupNamespace") {
    return alertsOfGroups(parsedGroups(text(resource.props.data)));
  }
  if (resource.type === "azure-native:alertsmanagement:PrometheusRuleGroup") {
    return list(resource.props.rules).flatMap((rule) => {
      const alert = text(record(rule)?.alert);
      const expr = text(record(rule)?.expression);
      return alert && expr ? [{ alert, expr }] : [];
    });
  }
  return [];
}

/** Whether the expression selects exactly this cell's series. */
const readsCell = (expr: string, cell: string) => expr.includes(`cell="${cell}"`);

/**
 * IMT013: every tenant namespace has its pods scraped (a monitor object in it selecting its cell)
 * and burn-rate alerts on its SLOs, wherever the target's rule engine keeps them.
 */
export function checkCellMonitoring(resources: readonly PlainResource[]): StackViolation[] {
  const alerts = resources.flatMap(alertRulesOf);
  const violations: StackViolation[] = [];
  for (const scope of tenantNamespaces(resources).values()) {
    const cell = scope.labels[CELL_LABEL] ?? scope.tenant;
    const report = (message: string) =>
      violations.push({
        ...at({ name: scope.resourceName ?? scope.namespace, type: NAMESPACE_TYPE }),
        message: `tenant namespace "${scope.namespace}" ${message}`,
      });
    const scraped = resources.some(
      (resource) =>
        isKubernetes(resource.type) &&
        SCRAPE_KINDS.includes(kindOf(resource.type)) &&
        namespaceOf(resource.props) === scope.namespace &&
        stringMap(record(specOf(resource.props).selector)?.matchLabels)[CELL_LABEL] === cell,
    );
    if (!scraped) {
      report(
        `has no PodMonitor or PodMonitoring selecting ${CELL_LABEL}=${cell}: nothing measures this tenant; keep im-platform:monitoring.enabled on`,
      );
    }
    const gateway = podsIn(resources).some(
      ({ pod, namespace }) => namespace === scope.namespace && pod.labels[ROLE_LABEL] === "gateway",
    );
    const expected = gateway ? [MESSAGE_SLO_ALERT, CONNECTION_SLO_ALERT] : [MESSAGE_SLO_ALERT];
    const missing = expected.filter(
      (name) => !alerts.some((rule) => rule.alert === name && readsCell(rule.expr, cell)),
    );
    if (missing.length > 0) {
      report(
        `has no SLO burn-rate alerts ${missing.join(", ")} for cell "${cell}": a breach of its objectives would page no one`,
      );
    }
  }
  return violations;
}
