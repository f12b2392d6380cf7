import { stringify } from "yaml";
import { monitoringRuleFiles } from "../../components/addons/monitoring/rule-files";
import { dashboards } from "../../components/addons/monitoring/dashboards/config-maps";
import { dashboardQueries, substituteVariables } from "../../components/addons/monitoring/dashboards/grafana";
import type { PrometheusRule, RuleGroup } from "../../components/core/prometheus-rules";
import type { PathSegment } from "../../components/config/errors";
import type { PlannedTarget, StackConfig } from "../../components/stack/types";
import type { NodePool } from "../../components/targets/cluster-target";
import { definitionFor } from "../../components/targets/registry";

/** One Prometheus rule file: its name in the output directory and its `groups`. */
export interface RuleFile {
  readonly name: string;
  /** What it holds, for people: "platform", "cell acme", "dashboards". */
  readonly what: string;
  readonly groups: readonly RuleGroup[];
}

/**
 * A target's node pools as its definition declares them before anything is built: what the
 * built cluster's `nodePools` holds, with the sizes the config gives (the NodePoolAtMaximum
 * alerts are made from the pools whose size is known).
 */
export function targetNodePools(config: StackConfig, target: PlannedTarget, index: number): NodePool[] {
  const definition = definitionFor(target.cluster);
  const at: PathSegment[] = config.targets.length === 1 ? ["target"] : ["targets", index, "cluster"];
  const context = { plan: target.plan, at };
  const declared = definition.nodePools?.(target.cluster, config, context);
  if (declared) return declared.map(({ pool }) => pool);
  return definition.capacity?.(target.cluster, config, context).pools.map(({ pool }) => pool) ?? [];
}

/** A recording-rule name part from free text: lower snake case, what Prometheus accepts in a name. */
function namePart(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "_"
  );
}

/** The series selector of a Grafana `label_values(<selector>, <label>)` variable query, as PromQL. */
export function variableQuery(query: string): string | undefined {
  const match = /^label_values\((.+),\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/.exec(query.trim());
  return match ? `count by (${match[2]}) (${match[1]})` : undefined;
}

/** A dashboard query as PromQL: the given variables by their values, then `substituteVariables` for the rest. */
function dashboardExpr(expr: string, values: Readonly<Record<string, string>>): string {
  const given = expr.replace(/\$\{?([a-zA-Z]\w*)\}?/g, (whole, name: string) => values[name] ?? whole);
  return substituteVariables(given);
}

/**
 * Every query of every dashboard as a recording rule, one group per dashboard: Grafana's
 * variables are substituted (by `values` where given, else as `substituteVariables` does), so
 * loading them makes Prometheus's own parser check the dashboards and a rule unit test can
 * evaluate them on series. Each is named `im_dashboard:<dashboard>:<panel>[:<legend>]`; a
 * variable's `label_values` selector is `im_dashboard:<dashboard>:var_<name>`.
 */
export function dashboardRuleGroups(values: Readonly<Record<string, string>> = {}): RuleGroup[] {
  return dashboards().map(({ name, spec }) => {
    const dashboard = namePart(name);
    const used = new Set<string>();
    const unique = (record: string) => {
      let candidate = record;
      for (let n = 2; used.has(candidate); n++) candidate = `${record}_${n}`;
      used.add(candidate);
      return candidate;
    };
    const rules: PrometheusRule[] = spec.variables.flatMap((variable) => {
      const expr = variableQuery(variable.query);
      return expr
        ? [
            {
              record: unique(`im_dashboard:${dashboard}:var_${namePart(variable.name)}`),
              expr: dashboardExpr(expr, values),
            },
          ]
        : [];
    });
    for (const row of spec.rows) {
      for (const panel of row.panels) {
        for (const query of panel.queries) {
          const legend = panel.queries.length > 1 ? `:${namePart(query.legend)}` : "";
          rules.push({
            record: unique(`im_dashboard:${dashboard}:${namePart(panel.title)}${legend}`),
            expr: dashboardExpr(query.expr, values),
          });
        }
      }
    }
    return { name: `im-dashboard-${name}`, rules };
  });
}

/** Every query of the dashboards is a recording rule (the check that none is left out). */
export function dashboardQueryCount(): number {
  return dashboards().reduce((sum, { spec }) => sum + dashboardQueries(spec).length, 0);
}

/**
 * The rule files one target's monitoring loads (the platform's, each cell's), plus the
 * dashboards' queries as recording rules (with `dashboardValues` for Grafana's variables). File names are stable: `platform.rules.yml`,
 * `cell-<cell>.rules.yml`, `dashboards.rules.yml`.
 */
export function ruleFilesFor(
  config: StackConfig,
  pools: readonly NodePool[],
  dashboardValues: Readonly<Record<string, string>> = {},
): RuleFile[] {
  const files = monitoringRuleFiles(config, pools);
  return [
    { name: "platform.rules.yml", what: "platform", groups: files.platform },
    ...files.cells.map((cell) => ({
      name: `cell-${cell.cell}.rules.yml`,
      what: `cell ${cell.cell} (namespace ${cell.namespace})`,
      groups: cell.groups,
    })),
    ...(config.monitoring.dashboards
      ? [{ name: "dashboards.rules.yml", what: "dashboards", groups: dashboardRuleGroups(dashboardValues) }]
      : []),
  ];
}

/** A rule file's text: a comment naming its source, then `groups:` as Prometheus reads it. */
export function ruleFileYaml(file: RuleFile, source: string): string {
  const header = `# Generated by \`npm run rules\` from ${source}: ${file.what}. Do not edit.\n`;
  return header + stringify({ groups: file.groups }, { lineWidth: 0 });
}

/** Groups, alerts and recording rules in a set of files. */
export function ruleCounts(files: readonly RuleFile[]): { groups: number; alerts: number; records: number } {
  const rules = files.flatMap((file) => file.groups.flatMap((group) => group.rules));
  const alerts = rules.filter((rule) => "alert" in rule).length;
  return {
    groups: files.reduce((sum, file) => sum + file.groups.length, 0),
    alerts,
    records: rules.length - alerts,
  };
}
