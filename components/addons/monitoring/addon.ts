import * as k8s from "@pulumi/kubernetes";
import { servicesInProfile } from "../../config/services";
import { commonLabels, labelKeys, SYSTEM_NAMESPACE } from "../../core/labels";
import type { PlatformAddOn } from "../../platform/addon";
import { requireCapability, type MetricsCollector } from "../../targets/capabilities";
import type { ClusterTarget } from "../../targets/cluster-target";
import { cellScrape } from "./cell-scrape";
import { cellRuleGroups, platformRuleGroups } from "./rule-files";
import { dashboardConfigMaps } from "./dashboards/config-maps";

const COMPONENT = { [labelKeys.component]: "monitoring" };

function collectorOf(target: ClusterTarget): MetricsCollector {
  return requireCapability(target, "monitoring", "im-platform:monitoring.enabled");
}

/**
 * Monitoring as an add-on: the cluster part loads the platform's rules, routes the alerts and
 * provisions the dashboards; each cell's part has its pods scraped (labelled with its tenant,
 * tier, cell and target) and loads its SLO rules. The target's collector decides how.
 */
export const monitoringAddOn: PlatformAddOn = {
  name: "monitoring",
  enabled: (config) => config.monitoring.enabled,
  deploy({ name, config, target, opts }) {
    const collector = collectorOf(target);
    const labels = commonLabels(COMPONENT);
    const rules = collector.loadRules(
      `${name}-monitoring-rules`,
      {
        name: "im-platform",
        namespace: SYSTEM_NAMESPACE,
        scope: "cluster",
        labels,
        groups: platformRuleGroups(config, target.nodePools),
      },
      opts,
    );
    const routing = collector.routeAlerts(
      `${name}-alert-routing`,
      { namespace: SYSTEM_NAMESPACE, labels, ...config.monitoring.alerting },
      opts,
    );
    const dashboards = config.monitoring.dashboards
      ? dashboardConfigMaps().map(
          ({ name: dashboard, data, labels: dashboardLabels }) =>
            new k8s.core.v1.ConfigMap(
              `${name}-dashboard-${dashboard}`,
              {
                metadata: {
                  name: `im-dashboard-${dashboard}`,
                  namespace: SYSTEM_NAMESPACE,
                  labels: { ...labels, ...dashboardLabels },
                },
                data,
              },
              opts,
            ),
        )
      : [];
    return [rules, ...routing, ...dashboards];
  },
  forCell({ name, config, target, cell, opts }) {
    const collector = collectorOf(target);
    const services = servicesInProfile(config.services, cell.profile);
    const labels = commonLabels({ ...COMPONENT, [labelKeys.cell]: cell.cell, [labelKeys.tenant]: cell.cell });
    const scrape = collector.scrapeCell(
      `${name}-scrape`,
      cellScrape({
        cell: cell.cell,
        namespace: cell.namespace,
        services,
        intervalSeconds: config.monitoring.scrapeIntervalSeconds,
        targetName: target.name,
        labels,
      }),
      opts,
    );
    const rules = collector.loadRules(
      `${name}-slo-rules`,
      { name: "im-slo", namespace: cell.namespace, scope: "cell", labels, groups: cellRuleGroups(config, cell) },
      opts,
    );
    return [scrape, rules];
  },
};
