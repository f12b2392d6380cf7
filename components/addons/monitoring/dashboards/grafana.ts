/** A time-series panel: its title, unit and queries (legend per query). */
export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly queries: ReadonlyArray<{ readonly expr: string; readonly legend: string }>;
  /** Fixed lines drawn over the series (an objective, a limit). */
  readonly thresholds?: readonly number[];
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** Query variables the panels filter by, each `label_values(...)` of a metric. */
  readonly variables: ReadonlyArray<{ readonly name: string; readonly query: string; readonly multi: boolean }>;
  readonly rows: ReadonlyArray<{ readonly title: string; readonly panels: readonly PanelSpec[] }>;
}

const DATASOURCE = { type: "prometheus", uid: "${datasource}" };
const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

function panelJson(panel: PanelSpec, id: number, x: number, y: number) {
  return {
    id,
    type: "timeseries",
    title: panel.title,
    description: panel.description,
    datasource: DATASOURCE,
    gridPos: { x, y, w: PANEL_WIDTH, h: PANEL_HEIGHT },
    fieldConfig: {
      defaults: {
        unit: panel.unit,
        ...(panel.thresholds
          ? {
              thresholds: {
                mode: "absolute",
                steps: [{ color: "green", value: null }, ...panel.thresholds.map((value) => ({ color: "red", value }))],
              },
              custom: { thresholdsStyle: { mode: "line" } },
            }
          : {}),
      },
      overrides: [],
    },
    options: { legend: { displayMode: "table", placement: "bottom", calcs: ["lastNotNull", "max"] } },
    targets: panel.queries.map((query, index) => ({
      refId: String.fromCharCode(65 + index),
      datasource: DATASOURCE,
      expr: query.expr,
      legendFormat: query.legend,
    })),
  };
}

/** The dashboard as Grafana's JSON model: rows of two panels abreast, a data source variable first. */
export function dashboardJson(spec: DashboardSpec): Record<string, unknown> {
  const panels: unknown[] = [];
  let id = 1;
  let y = 0;
  for (const row of spec.rows) {
    panels.push({
      id: id++,
      type: "row",
      title: row.title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    });
    y += 1;
    row.panels.forEach((panel, index) => {
      panels.push(panelJson(panel, id++, (index % 2) * PANEL_WIDTH, y + Math.floor(index / 2) * PANEL_HEIGHT));
    });
    y += Math.ceil(row.panels.length / 2) * PANEL_HEIGHT;
  }
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: [...spec.tags],
    timezone: "utc",
    schemaVersion: 39,
    editable: false,
    time: { from: "now-6h", to: "now" },
    refresh: "1m",
    templating: {
      list: [
        { name: "datasource", type: "datasource", query: "prometheus", label: "Data source" },
        ...spec.variables.map((variable) => ({
          name: variable.name,
          type: "query",
          datasource: DATASOURCE,
          query: { query: variable.query, refId: "variable" },
          definition: variable.query,
          refresh: 2,
          multi: variable.multi,
          includeAll: variable.multi,
          sort: 1,
        })),
      ],
    },
    panels,
  };
}

/** Every query of a dashboard, for the PromQL check. */
export function dashboardQueries(spec: DashboardSpec): string[] {
  return spec.rows.flatMap((row) => row.panels.flatMap((panel) => panel.queries.map((query) => query.expr)));
}

/**
 * A query with Grafana's variables replaced by values of their kind, so Prometheus's own parser
 * can check it: `$__rate_interval` by a duration, a label variable by a regex-safe value.
 */
export function substituteVariables(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, "5m").replace(/\$\{?(\w+)\}?/g, "x");
}
