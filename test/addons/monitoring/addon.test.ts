import { beforeAll, describe, expect, it } from "vitest";
import { validateStackConfig } from "../../../components/stack/validate";
import { synthesize, type SynthResult } from "../../../scripts/synth/synthesize";
import { deepClone, localRawConfig, meta, ofType, T, toStackConfig } from "../../helpers/stack";

type Raw = Record<string, any>;
const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const ALERTMANAGER_CONFIG = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig";
const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
const CELLS = { acme: "im-t-acme", globex: "im-t-globex", initech: "im-t-initech" };

/** The local stack with receivers, routes and the operator installed by the kit. */
function routedRaw(): Raw {
  const raw = deepClone(localRawConfig()) as Raw;
  raw.target.prometheus = { install: true };
  raw.monitoring = {
    alerting: {
      receivers: [
        { name: "vip-oncall", pagerduty: { routingKeySecret: { name: "alert-keys", key: "vip" } } },
        { name: "ops", webhook: { urlSecret: { name: "alert-keys", key: "ops-url" } } },
      ],
      routes: {
        vip: { page: "vip-oncall", ticket: "ops" },
        shared: { page: "ops", ticket: "ops" },
        platform: { page: "ops", ticket: "ops" },
      },
    },
  };
  return raw;
}

let local: SynthResult;
let routed: SynthResult;
let unmonitored: SynthResult;
beforeAll(async () => {
  local = await synthesize(toStackConfig(localRawConfig()), "local");
  routed = await synthesize(toStackConfig(routedRaw()), "local");
  const off = deepClone(localRawConfig()) as Raw;
  off.monitoring = { enabled: false };
  unmonitored = await synthesize(toStackConfig(off), "local");
});

const spec = (resource: { inputs: Record<string, unknown> }) => resource.inputs.spec as any;

describe("the monitoring add-on on an existing cluster's Prometheus Operator", () => {
  it("scrapes every cell with one PodMonitor selecting the cell, one endpoint per metrics port name", () => {
    for (const [cell, namespace] of Object.entries(CELLS)) {
      const [monitor] = ofType(local.resources, POD_MONITOR, namespace);
      expect(monitor, namespace).toBeDefined();
      expect(meta(monitor!).labels).toMatchObject({ release: "kube-prometheus-stack", "im-platform.io/cell": cell });
      expect(spec(monitor!).selector).toEqual({ matchLabels: { "im-platform.io/cell": cell } });
    }
    const ports = (namespace: string) => spec(ofType(local.resources, POD_MONITOR, namespace)[0]!).podMetricsEndpoints;
    // A compact cell's one pod serves a metrics port per process; a services cell's pods all name theirs "metrics".
    expect(ports(CELLS.acme).map((endpoint: any) => endpoint.port)).toEqual(
      expect.arrayContaining(["metrics", "m-gateway", "m-msg", "m-auth", "m-push-0", "m-transfer-7"]),
    );
    expect(ports(CELLS.acme)).toHaveLength(25);
    expect(ports(CELLS.initech).map((endpoint: any) => endpoint.port)).toEqual(["metrics"]);
  });

  it("labels every series with its tenant, tier, cell, service (from the pod's labels) and target", () => {
    const [endpoint] = spec(ofType(local.resources, POD_MONITOR, CELLS.initech)[0]!).podMetricsEndpoints;
    expect(endpoint).toMatchObject({ path: "/metrics", interval: "30s" });
    expect(endpoint.relabelings).toEqual([
      { action: "replace", sourceLabels: ["__meta_kubernetes_pod_label_im_platform_io_tenant"], targetLabel: "tenant" },
      { action: "replace", sourceLabels: ["__meta_kubernetes_pod_label_im_platform_io_tier"], targetLabel: "tier" },
      { action: "replace", sourceLabels: ["__meta_kubernetes_pod_label_im_platform_io_cell"], targetLabel: "cell" },
      {
        action: "replace",
        sourceLabels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"],
        targetLabel: "service",
      },
      { action: "replace", targetLabel: "target", replacement: "main" },
    ]);
  });

  it("loads each cell's SLO rules in its namespace, and the platform's infrastructure and service alerts in im-system", () => {
    for (const [cell, namespace] of Object.entries(CELLS)) {
      const [rules] = ofType(local.resources, PROMETHEUS_RULE, namespace);
      expect(spec(rules!).groups.map((group: any) => group.name)).toEqual([`im-slo-${cell}`]);
    }
    const [platform] = ofType(local.resources, PROMETHEUS_RULE, "im-system");
    const groups = spec(platform!).groups;
    expect(groups.map((group: any) => group.name)).toEqual(["im-platform-infrastructure", "im-platform-services"]);
    const poolAlerts = groups[0].rules.filter((rule: any) => rule.alert === "NodePoolAtMaximum");
    // The local stack declares its pools' sizes: system 1, shared 3, initech's dedicated 2.
    expect(poolAlerts.map((rule: any) => rule.expr)).toEqual([
      'count(kube_node_labels{label_im_platform_io_pool="system"}) >= 1',
      'count(kube_node_labels{label_im_platform_io_pool="shared"}) >= 3',
      'count(kube_node_labels{label_im_platform_io_pool="vip-initech"}) >= 2',
    ]);
  });

  it("holds VIP tenants to stricter objectives than shared ones", () => {
    const threshold = (namespace: string) =>
      spec(ofType(local.resources, PROMETHEUS_RULE, namespace)[0]!)
        .groups[0].rules.filter((rule: any) => rule.alert === "TenantMessageSuccessBudgetBurn")
        .map((rule: any) => Number(/> ([\d.e-]+)\)/.exec(rule.expr)![1]));
    // 99.95% against 99.9%: half the budget, so every threshold halves.
    expect(threshold(CELLS.initech)).toEqual(threshold(CELLS.acme).map((value: number) => value / 2));
  });

  it("provisions the fleet and tenant dashboards as ConfigMaps Grafana's sidecar loads", () => {
    const dashboards = ofType(local.resources, T.configMap, "im-system").filter((resource) =>
      meta(resource).name?.startsWith("im-dashboard-"),
    );
    expect(dashboards.map((resource) => meta(resource).name)).toEqual(["im-dashboard-fleet", "im-dashboard-tenant"]);
    for (const dashboard of dashboards) {
      expect(meta(dashboard).labels).toMatchObject({ grafana_dashboard: "1" });
      const [json] = Object.values(dashboard.inputs.data as Record<string, string>);
      const model = JSON.parse(json!);
      expect(model.panels.filter((panel: any) => panel.type === "timeseries").length).toBeGreaterThan(4);
    }
  });

  it("admits exactly the operator's Prometheus pods to every cell's metrics ports", () => {
    const policy = ofType(local.resources, T.netpol, CELLS.initech).find(
      (resource) => meta(resource).name === "allow-metrics-scrape",
    )!;
    expect(spec(policy).ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
            podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
          },
        ],
        ports: spec(policy).ingress[0].ports,
      },
    ]);
    // The services profile's metrics ports: api, msgtransfer, msggateway, push and the seven RPC services.
    expect(
      spec(policy)
        .ingress[0].ports.map((port: any) => port.port)
        .sort(),
    ).toEqual([12002, 12020, 12140, 12170, 12200, 12220, 12240, 12260, 12280, 12300, 12320]);
  });

  it("routes alerts by audience and severity through an AlertmanagerConfig in the operator's namespace", () => {
    const [config] = ofType(routed.resources, ALERTMANAGER_CONFIG, "monitoring");
    const route = spec(config!).route;
    expect(route.matchers).toEqual([{ name: "audience", value: "vip|shared|platform", matchType: "=~" }]);
    expect(route.routes[0]).toMatchObject({
      receiver: "vip-oncall",
      matchers: [
        { name: "audience", value: "vip", matchType: "=" },
        { name: "severity", value: "page", matchType: "=" },
      ],
    });
    expect(route.routes).toHaveLength(6);
    expect(spec(config!).receivers).toEqual([
      { name: "vip-oncall", pagerdutyConfigs: [{ routingKey: { name: "alert-keys", key: "vip" } }] },
      { name: "ops", webhookConfigs: [{ urlSecret: { name: "alert-keys", key: "ops-url" }, sendResolved: true }] },
    ]);
    expect(ofType(unmonitored.resources, ALERTMANAGER_CONFIG)).toHaveLength(0);
  });

  it("installs kube-prometheus-stack when asked, matching the kit's alerts without a namespace matcher", () => {
    const [release] = ofType(routed.resources, HELM_RELEASE);
    expect(release!.inputs).toMatchObject({
      chart: "kube-prometheus-stack",
      version: "88.5.3",
      namespace: "monitoring",
      values: {
        alertmanager: { alertmanagerSpec: { alertmanagerConfigMatcherStrategy: { type: "None" } } },
        "kube-state-metrics": { metricLabelsAllowlist: ["nodes=[im-platform.io/pool]"] },
      },
    });
    expect(ofType(local.resources, HELM_RELEASE)).toHaveLength(0);
  });

  it("creates nothing of it, and admits no scraper, when monitoring is off", () => {
    for (const type of [POD_MONITOR, PROMETHEUS_RULE]) expect(ofType(unmonitored.resources, type)).toHaveLength(0);
    expect(ofType(unmonitored.resources, T.netpol).some((r) => meta(r).name === "allow-metrics-scrape")).toBe(false);
  });
});

describe("monitoring config", () => {
  const issues = (edit: (raw: Raw) => void) => {
    const raw = deepClone(localRawConfig()) as Raw;
    edit(raw);
    const result = validateStackConfig(raw);
    return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
  };

  it("refuses a route to a receiver it does not list, naming the field", () => {
    expect(
      issues((raw) => {
        raw.monitoring = {
          alerting: {
            receivers: [{ name: "ops", webhook: { urlSecret: { name: "s", key: "k" } } }],
            routes: { vip: { page: "pager", ticket: "ops" } },
          },
        };
      }),
    ).toEqual([
      'im-platform:monitoring.alerting.routes.vip.page: got "pager"; is not a receiver of monitoring.alerting.receivers; one of ops',
    ]);
  });

  it("requires every audience routed in prod", () => {
    const found = issues((raw) => {
      raw.environment = "prod";
      delete raw.monitoring;
    });
    expect(found.filter((issue) => issue.includes("monitoring"))).toEqual(
      ["vip", "shared", "platform"].map((audience) =>
        expect.stringMatching(new RegExp(`routes\\.${audience}: is required in prod`)),
      ),
    );
  });

  it("refuses a receiver with two destinations, and one the target's collector cannot deliver to", () => {
    const twice = issues((raw) => {
      raw.monitoring = {
        alerting: {
          receivers: [
            {
              name: "x",
              webhook: { urlSecret: { name: "s", key: "k" } },
              sns: { topicArn: "arn:aws:sns:eu-west-1:1:t" },
            },
          ],
        },
      };
    });
    expect(twice.join("\n")).toMatch(
      /receivers\[0\].*give exactly one of webhook, pagerduty, slack, sns or actionGroupId \(got webhook, sns\)/,
    );
    const sns = issues((raw) => {
      raw.monitoring = { alerting: { receivers: [{ name: "x", sns: { topicArn: "arn:aws:sns:eu-west-1:1:t" } }] } };
    });
    expect(sns).toEqual([
      expect.stringMatching(
        /monitoring\.alerting\.receivers\[0\]\.sns: .*the Prometheus Operator cannot deliver to; use one of webhook, pagerduty, slack/,
      ),
    ]);
  });

  it("refuses gateway scaling on users without KEDA or without monitoring, naming the setting", () => {
    const withoutKeda = issues((raw) => {
      raw.autoscaling = { gatewayUsersPerPod: 5000 };
    });
    expect(withoutKeda).toEqual([
      expect.stringMatching(/autoscaling\.gatewayUsersPerPod: .*set autoscaling\.keda\.enabled: true/),
    ]);
    const withoutMonitoring = issues((raw) => {
      raw.autoscaling = { gatewayUsersPerPod: 5000, keda: { enabled: true } };
      raw.monitoring = { enabled: false };
    });
    expect(withoutMonitoring).toEqual([
      expect.stringMatching(/autoscaling\.gatewayUsersPerPod: .*set monitoring\.enabled: true/),
    ]);
  });

  it("refuses an objective of 100%, which leaves no error budget", () => {
    expect(
      issues((raw) => {
        raw.monitoring = { slo: { objectives: { vip: { messageSuccess: 100, connectionAvailability: 99.9 } } } };
      }).join("\n"),
    ).toMatch(/monitoring\.slo\.objectives\.vip\.messageSuccess: .*leaves no error budget/);
  });
});
