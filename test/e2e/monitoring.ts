import { expect } from "vitest";
import { cellLayouts } from "../../components/config/cells";
import { servicesInProfile } from "../../components/config/services";
import { cellNamespace, labelKeys, SYSTEM_NAMESPACE } from "../../components/core/labels";
import type { StackConfig } from "../../components/stack/types";
import { getJson, type LiveObject } from "./live";

/**
 * The kit's monitoring objects as the API server holds them after a deploy of a stack on an
 * existing cluster (a Prometheus Operator's CRDs served, as the local control plane's
 * monitoring-crds add-on serves them). Expectations come from the stack's declarations (its cells,
 * their services' metrics ports, target.prometheus) and from the live pods the monitors select,
 * not from the kit's own rendering.
 */

/** The stack's monitoring facts: its operator, and each cell's namespace, tier and metrics ports. */
export function monitoringFacts(config: StackConfig) {
  const target = config.targets[0]!;
  if (target.cluster.kind !== "existing") throw new Error("the e2e stacks run on an existing cluster");
  const prometheus = target.cluster.prometheus;
  return {
    targetName: target.name,
    operatorNamespace: prometheus.namespace,
    selectorLabels: prometheus.selectorLabels ?? { release: prometheus.release },
    scraperPodLabels: prometheus.scraperPodLabels,
    routed: Object.values(config.monitoring.alerting.routes).some((route) => route !== undefined),
    cells: cellLayouts(config).map((cell) => {
      const ports = servicesInProfile(config.services, cell.profile).flatMap((service) =>
        service.ports.filter((port) => port.purpose === "metrics"),
      );
      return {
        cell: cell.cell,
        tier: cell.tier,
        namespace: cellNamespace(cell.cell),
        portNames: [...new Set(ports.map((port) => port.name))].sort(),
        portNumbers: [...new Set(ports.map((port) => port.port))].sort((a, b) => a - b),
      };
    }),
  };
}

type Facts = ReturnType<typeof monitoringFacts>;

interface ContainerPort {
  name?: string;
  containerPort: number;
}
interface LivePod extends LiveObject {
  spec: { containers: Array<{ ports?: ContainerPort[] }> };
}

/** Prometheus's service-discovery name of a pod label (what a relabelling's sourceLabels read). */
const metaLabel = (label: string) => `__meta_kubernetes_pod_label_${label.replace(/[^a-zA-Z0-9_]/g, "_")}`;
const byName = (objects: LiveObject[], name: string) => objects.find((object) => object.metadata.name === name);

/**
 * Every cell namespace has its PodMonitor (selecting that cell's pods, one endpoint per metrics
 * port name, relabelled to tenant/tier/cell/service/target) and its SLO PrometheusRule, each
 * labelled for the operator's Prometheus; the selected pods serve those ports and carry the
 * labels the relabellings read; the cell's allow-metrics-scrape policy admits the operator's
 * Prometheus pods, and nothing else, to exactly the port numbers the monitor scrapes.
 */
export function expectCellMonitoring(facts: Facts): void {
  const monitored = getJson(["get", "podmonitors.monitoring.coreos.com", "-A"]);
  const tenantNamespaces = getJson(["get", "namespaces", "-l", labelKeys.tenant]).map((ns) => ns.metadata.name);
  expect(monitored.map((monitor) => monitor.metadata.namespace).sort()).toEqual(tenantNamespaces.sort());
  expect(facts.cells.map((cell) => cell.namespace).sort()).toEqual(tenantNamespaces.sort());

  for (const cell of facts.cells) {
    const at = cell.namespace;
    const monitor = monitored.find((object) => object.metadata.namespace === at)!;
    expect(monitor.metadata.labels, at).toMatchObject({ ...facts.selectorLabels, [labelKeys.cell]: cell.cell });
    const spec = monitor.spec as {
      selector: { matchLabels: Record<string, string> };
      podMetricsEndpoints: Array<{ port: string; path: string; interval: string; relabelings: any[] }>;
    };
    expect(spec.selector, at).toEqual({ matchLabels: { [labelKeys.cell]: cell.cell } });
    expect(spec.podMetricsEndpoints.map((endpoint) => endpoint.port).sort(), at).toEqual(cell.portNames);
    const copied = {
      [metaLabel(labelKeys.tenant)]: "tenant",
      [metaLabel(labelKeys.tier)]: "tier",
      [metaLabel(labelKeys.cell)]: "cell",
      [metaLabel(labelKeys.name)]: "service",
    };
    for (const endpoint of spec.podMetricsEndpoints) {
      expect(endpoint.path).toBe("/metrics");
      expect(endpoint.relabelings, `${at} ${endpoint.port}`).toEqual(
        expect.arrayContaining([
          ...Object.entries(copied).map(([source, target]) =>
            expect.objectContaining({ action: "replace", sourceLabels: [source], targetLabel: target }),
          ),
          expect.objectContaining({ action: "replace", targetLabel: "target", replacement: facts.targetName }),
        ]),
      );
    }

    // The pods the monitor selects serve its ports by name and carry every label its relabellings read.
    const selector = Object.entries(spec.selector.matchLabels).map(([key, value]) => `${key}=${value}`);
    const pods = getJson<LivePod>(["get", "pods", "-n", at, "-l", selector.join(",")]);
    expect(pods.length, `pods selected in ${at}`).toBeGreaterThan(0);
    const scraped = pods.flatMap((pod) =>
      pod.spec.containers.flatMap((container) =>
        (container.ports ?? []).filter((port) => port.name && cell.portNames.includes(port.name)),
      ),
    );
    expect([...new Set(scraped.map((port) => port.name))].sort(), at).toEqual(cell.portNames);
    for (const pod of pods.filter((candidate) =>
      candidate.spec.containers.some((container) =>
        (container.ports ?? []).some((port) => port.name && cell.portNames.includes(port.name)),
      ),
    )) {
      expect(pod.metadata.labels, pod.metadata.name).toMatchObject({
        [labelKeys.cell]: cell.cell,
        [labelKeys.tier]: cell.tier,
        [labelKeys.tenant]: expect.any(String),
        [labelKeys.name]: expect.any(String),
      });
    }

    const rules = getJson(["get", "prometheusrules.monitoring.coreos.com", "-n", at]);
    expect(
      rules.map((rule) => rule.metadata.name),
      at,
    ).toEqual(["im-slo"]);
    expect(rules[0]!.metadata.labels).toMatchObject(facts.selectorLabels);
    const groups = (rules[0]!.spec as { groups: Array<{ rules: Array<Record<string, any>> }> }).groups;
    const alerts = groups.flatMap((group) => group.rules).filter((rule) => "alert" in rule);
    expect(alerts.length, `SLO alerts of ${at}`).toBeGreaterThan(0);
    // A cell's SLO alerts go to its tier's route, and read its own series only.
    for (const alert of alerts) {
      expect(alert.labels, alert.alert).toMatchObject({ audience: cell.tier });
      expect(alert.expr, alert.alert).toContain(`cell="${cell.cell}"`);
    }

    const policies = getJson(["get", "networkpolicies", "-n", at]);
    const scrape = byName(policies, "allow-metrics-scrape")?.spec as Record<string, any> | undefined;
    expect(scrape, `allow-metrics-scrape in ${at}`).toBeDefined();
    expect(scrape).toMatchObject({ podSelector: {}, policyTypes: ["Ingress"] });
    expect(scrape!.ingress).toHaveLength(1);
    expect(scrape!.ingress[0].from).toEqual([
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": facts.operatorNamespace } },
        podSelector: { matchLabels: facts.scraperPodLabels },
      },
    ]);
    const opened = (scrape!.ingress[0].ports as Array<{ protocol: string; port: number }>)
      .map((port) => {
        expect(port.protocol).toBe("TCP");
        return port.port;
      })
      .sort((a, b) => a - b);
    expect(opened, at).toEqual(cell.portNumbers);
    expect(opened, at).toEqual([...new Set(scraped.map((port) => port.containerPort))].sort((a, b) => a - b));
    // No other policy of the cell lets the operator's namespace in.
    for (const policy of policies.filter((candidate) => candidate.metadata.name !== "allow-metrics-scrape"))
      expect(JSON.stringify(policy.spec), policy.metadata.name).not.toContain(`"${facts.operatorNamespace}"`);
  }
}

/**
 * The platform's PrometheusRule (infrastructure and service alerts) and its dashboards in
 * im-system, the dashboards labelled for Grafana's sidecar and holding valid dashboard JSON; the
 * AlertmanagerConfig in the operator's namespace when the stack routes alerts.
 */
export function expectPlatformMonitoring(facts: Facts): void {
  const rules = getJson(["get", "prometheusrules.monitoring.coreos.com", "-n", SYSTEM_NAMESPACE]);
  expect(rules.map((rule) => rule.metadata.name)).toEqual(["im-platform"]);
  expect(rules[0]!.metadata.labels).toMatchObject(facts.selectorLabels);
  const groups = (rules[0]!.spec as { groups: Array<{ name: string; rules: Array<Record<string, any>> }> }).groups;
  expect(groups.map((group) => group.name).sort()).toEqual(["im-platform-infrastructure", "im-platform-services"]);
  for (const rule of groups.flatMap((group) => group.rules))
    expect(rule.labels, rule.alert).toMatchObject({
      audience: "platform",
      severity: expect.stringMatching(/^(page|ticket)$/),
    });

  const dashboards = getJson<LiveObject & { data: Record<string, string> }>([
    "get",
    "configmaps",
    "-n",
    SYSTEM_NAMESPACE,
    "-l",
    "grafana_dashboard=1",
  ]);
  expect(dashboards.map((map) => map.metadata.name).sort()).toEqual(["im-dashboard-fleet", "im-dashboard-tenant"]);
  const uids = new Set<string>();
  for (const map of dashboards) {
    expect(map.metadata.labels?.grafana_dashboard).toBe("1");
    const files = Object.entries(map.data);
    expect(files.length, map.metadata.name).toBeGreaterThan(0);
    for (const [file, text] of files) {
      expect(file).toMatch(/\.json$/);
      const dashboard = JSON.parse(text) as { uid?: string; title?: string; panels?: unknown[] };
      expect(dashboard.title, file).toBeTruthy();
      expect(dashboard.panels?.length, file).toBeGreaterThan(0);
      uids.add(dashboard.uid ?? "");
    }
  }
  expect(uids.size).toBe(dashboards.length);

  const routing = getJson(["get", "alertmanagerconfigs.monitoring.coreos.com", "-A"]);
  if (!facts.routed) {
    expect(routing).toEqual([]);
    return;
  }
  expect(routing.map((config) => `${config.metadata.namespace}/${config.metadata.name}`)).toEqual([
    `${facts.operatorNamespace}/im-platform`,
  ]);
  expect(routing[0]!.metadata.labels).toMatchObject(facts.selectorLabels);
}
