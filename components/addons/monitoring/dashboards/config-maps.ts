import { GRAFANA_SIDECAR } from "../../../targets/prometheus-operator";
import { fleetDashboard } from "./fleet";
import { dashboardJson, type DashboardSpec } from "./grafana";
import { tenantDashboard } from "./tenant";

/** The label Grafana's dashboard sidecar loads ConfigMaps by. */
export const GRAFANA_DASHBOARD_LABEL = { [GRAFANA_SIDECAR.label]: GRAFANA_SIDECAR.labelValue };

/** The kit's dashboards: the fleet view and the per-tenant view. */
export function dashboards(): ReadonlyArray<{ readonly name: string; readonly spec: DashboardSpec }> {
  return [
    { name: "fleet", spec: fleetDashboard() },
    { name: "tenant", spec: tenantDashboard() },
  ];
}

/** Each dashboard as the data of a ConfigMap the sidecar loads. */
export function dashboardConfigMaps() {
  return dashboards().map(({ name, spec }) => ({
    name,
    labels: GRAFANA_DASHBOARD_LABEL,
    data: { [`im-platform-${name}.json`]: JSON.stringify(dashboardJson(spec), null, 1) },
  }));
}
