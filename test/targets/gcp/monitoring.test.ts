import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { AlertRouting, CellScrape } from "../../../components/targets/capabilities";
import { exactMetricNames, expandNameRegex } from "../../../components/targets/gcp/gmp-promql";
import { gcpTarget } from "../../../components/targets/gcp/definition";
import { kedaAccountEmail, kedaWorkloadMember } from "../../../components/targets/gcp/keda-identity";
import { rulesWithoutGkeMetrics } from "../../../components/targets/gcp/kube-state-metrics";
import {
  alertmanagerConfig,
  GMP,
  gmpQueryAddress,
  podMonitorings,
  secretValue,
} from "../../../components/targets/gcp/metrics";
import { validateStackConfig } from "../../../components/stack/validate";
import { synthesize, type SynthResult } from "../../../scripts/synth/synthesize";
import { expectIssueAt } from "../../helpers/config";
import { deepClone, meta, ofType, T, toStackConfig } from "../../helpers/stack";
import { GCP, gcpRawConfig, only, type Raw } from "./helpers";

const POD_MONITORING = "kubernetes:monitoring.googleapis.com/v1:PodMonitoring";
const RULES = "kubernetes:monitoring.googleapis.com/v1:Rules";
const CLUSTER_RULES = "kubernetes:monitoring.googleapis.com/v1:ClusterRules";
const SECRET = "kubernetes:core/v1:Secret";
const TRIGGER_AUTH = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication";
const WORKLOAD_IDENTITY = "gcp:serviceaccount/iAMMember:IAMMember";
/** gcp-prod's cells: two compact shared cells, two services VIP cells. */
const CELLS = { acme: "im-t-acme", globex: "im-t-globex", initech: "im-t-initech", umbrella: "im-t-umbrella" };

let prod: SynthResult;
let dev: SynthResult;
let unmonitored: SynthResult;

beforeAll(async () => {
  prod = await synthesize(toStackConfig(gcpRawConfig("gcp-prod")), "gcp-prod");
  dev = await synthesize(toStackConfig(gcpRawConfig("gcp-dev")), "gcp-dev");
  const off = deepClone(gcpRawConfig("gcp-dev"));
  off.monitoring = { enabled: false };
  unmonitored = await synthesize(toStackConfig(off), "gcp-dev");
});

const spec = (resource: { inputs: Record<string, unknown> }) => resource.inputs.spec as any;
const unsecret = (value: any) => value?.value ?? value;

describe("managed collection on the cluster", () => {
  it("enables GMP's managed collection and GKE's kube state metrics packages", () => {
    expect((only(prod.resources, GCP.cluster).inputs as any).monitoringConfig).toEqual({
      enableComponents: ["SYSTEM_COMPONENTS", "POD", "DEPLOYMENT", "STATEFULSET", "DAEMONSET", "HPA", "STORAGE"],
      managedPrometheus: { enabled: true },
    });
  });

  it("collects system metrics only when the platform's monitoring is off, and scrapes nothing", () => {
    expect((only(unmonitored.resources, GCP.cluster).inputs as any).monitoringConfig).toEqual({
      enableComponents: ["SYSTEM_COMPONENTS"],
      managedPrometheus: { enabled: true },
    });
    expect(unmonitored.resources.filter((r) => r.type.includes("monitoring.googleapis.com"))).toEqual([]);
  });

  it("tells validation what the collector offers: the managed Alertmanager's receivers and a query API", () => {
    const raw = gcpRawConfig("gcp-prod");
    expect(gcpTarget.metrics?.(raw.target, {} as never)).toEqual({
      collector: "Google Cloud Managed Service for Prometheus",
      receiverKinds: ["webhook", "pagerduty", "slack"],
      query: true,
    });
  });
});

describe("scraping each cell with PodMonitorings", () => {
  const monitorings = (namespace: string) => ofType(prod.resources, POD_MONITORING, namespace);
  const ports = (namespace: string) =>
    monitorings(namespace).flatMap((m) => spec(m).endpoints.map((endpoint: any) => endpoint.port));

  it("selects every pod of the cell, one endpoint per metrics port name, ten at most to an object", () => {
    for (const [cell, namespace] of Object.entries(CELLS)) {
      const objects = monitorings(namespace);
      expect(objects.length, namespace).toBeGreaterThan(0);
      for (const object of objects) {
        expect(meta(object).labels).toMatchObject({ "im-platform.io/cell": cell });
        expect(spec(object).selector).toEqual({ matchLabels: { "im-platform.io/cell": cell } });
        expect(spec(object).endpoints.length).toBeLessThanOrEqual(GMP.maxEndpoints);
        for (const endpoint of spec(object).endpoints)
          expect(endpoint).toMatchObject({ path: "/metrics", interval: "30s" });
      }
    }
    // A compact cell's one pod serves a metrics port per process: 25 ports across three objects.
    expect(
      monitorings(CELLS.acme)
        .map((m) => meta(m).name)
        .sort(),
    ).toEqual(["im-cell", "im-cell-2", "im-cell-3"]);
    expect(ports(CELLS.acme)).toHaveLength(25);
    expect(new Set(ports(CELLS.acme)).size).toBe(25);
    expect(ports(CELLS.acme)).toEqual(
      expect.arrayContaining(["metrics", "m-gateway", "m-msg", "m-auth", "m-push-0", "m-transfer-7"]),
    );
    expect(monitorings(CELLS.initech).map((m) => meta(m).name)).toEqual(["im-cell"]);
    expect(ports(CELLS.initech)).toEqual(["metrics"]);
  });

  it("copies the pod's tenant, tier, cell and service labels onto its series, and names the target on each", () => {
    for (const object of monitorings(CELLS.initech)) {
      expect(spec(object).targetLabels).toEqual({
        metadata: ["pod", "container"],
        fromPod: [
          { from: "im-platform.io/tenant", to: "tenant" },
          { from: "im-platform.io/tier", to: "tier" },
          { from: "im-platform.io/cell", to: "cell" },
          { from: "app.kubernetes.io/name", to: "service" },
        ],
      });
      for (const endpoint of spec(object).endpoints) {
        expect(endpoint.metricRelabeling).toEqual([{ action: "replace", targetLabel: "target", replacement: "main" }]);
      }
    }
  });

  it("refuses a label GMP protects", () => {
    const scrape: CellScrape = {
      cell: "c",
      namespace: "im-t-c",
      labels: {},
      selector: { "im-platform.io/cell": "c" },
      services: [{ name: "api", ports: ["metrics"] }],
      intervalSeconds: 30,
      podLabels: { "app.kubernetes.io/name": "service" },
      staticLabels: { cluster: "main" },
    };
    expect(() => podMonitorings(scrape)).toThrow(/"cluster", which Managed Service for Prometheus refuses/);
    expect(() => podMonitorings({ ...scrape, staticLabels: {}, podLabels: { app: "namespace" } })).toThrow(
      /pod label mapping of app writes metric label "namespace"/,
    );
  });

  it("admits GMP's collector pods, and no one else, to the cells' metrics ports", () => {
    for (const namespace of Object.values(CELLS)) {
      const policy = ofType(prod.resources, T.netpol, namespace).find((p) => meta(p).name === "allow-metrics-scrape")!;
      expect(spec(policy).ingress).toHaveLength(1);
      expect(spec(policy).ingress[0].from).toEqual([
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gmp-system" } },
          podSelector: { matchLabels: { "app.kubernetes.io/name": "collector" } },
        },
      ]);
    }
    const ports = (namespace: string) =>
      spec(
        ofType(prod.resources, T.netpol, namespace).find((p) => meta(p).name === "allow-metrics-scrape")!,
      ).ingress[0].ports.map((port: any) => port.port);
    expect(ports(CELLS.initech)).toEqual(expect.arrayContaining([12002, 12140, 12320]));
  });
});

describe("rules", () => {
  const exprs = (resource: { inputs: Record<string, unknown> }): string[] =>
    spec(resource).groups.flatMap((group: any) => group.rules.map((rule: any) => rule.expr));

  it("loads each cell's SLO group into a namespaced Rules, which GMP scopes to that namespace", () => {
    for (const [cell, namespace] of Object.entries(CELLS)) {
      const [rules, ...others] = ofType(prod.resources, RULES, namespace);
      expect(others, namespace).toEqual([]);
      expect(meta(rules!).name).toBe("im-slo");
      expect(spec(rules!).groups.map((group: any) => group.name)).toEqual([`im-slo-${cell}`]);
      for (const expr of exprs(rules!)) {
        expect(expr).not.toMatch(/__name__/);
        // Every selector of a cell's rules reads that cell only (GMP adds the namespace besides).
        for (const selector of expr.match(/[a-z_:]+\{[^}]*\}/g) ?? []) {
          if (!selector.startsWith("im_slo:")) expect(selector, expr).toContain(`cell="${cell}"`);
        }
      }
    }
  });

  it("loads the platform's infrastructure and service groups into one cluster-scoped ClusterRules", () => {
    const rules = only(prod.resources, CLUSTER_RULES);
    expect(meta(rules).name).toBe("im-platform");
    expect(meta(rules).namespace).toBeUndefined();
    expect(spec(rules).groups.map((group: any) => group.name)).toEqual([
      "im-platform-infrastructure",
      "im-platform-services",
    ]);
    for (const expr of exprs(rules)) expect(expr).not.toMatch(/__name__/);
    expect(exprs(rules)).toEqual(
      expect.arrayContaining([expect.stringContaining('kube_pod_status_phase{phase="Pending"')]),
    );
  });

  it("names metrics exactly: a name alternation becomes one selector per name, kept apart by a label", () => {
    expect(expandNameRegex("(single|group)_chat_msg_process_(success|failed)_total")).toEqual([
      "single_chat_msg_process_success_total",
      "single_chat_msg_process_failed_total",
      "group_chat_msg_process_success_total",
      "group_chat_msg_process_failed_total",
    ]);
    expect(expandNameRegex("msg_.+_total")).toBeUndefined();
    expect(
      exactMetricNames('sum by (cell) (increase({__name__=~"msg_insert_(redis|mongo)_failed_total",cell!=""}[5m]))'),
    ).toBe(
      'sum by (cell) ((label_replace(increase(msg_insert_redis_failed_total{cell!=""}[5m]), "im_metric", "msg_insert_redis_failed_total", "", "") or label_replace(increase(msg_insert_mongo_failed_total{cell!=""}[5m]), "im_metric", "msg_insert_mongo_failed_total", "", "")))',
    );
    expect(exactMetricNames('rate({__name__=~"up_total"}[1m])')).toBe("rate(up_total[1m])");
    expect(exactMetricNames('up{cell="a"} == 0')).toBe('up{cell="a"} == 0');
    expect(() => exactMetricNames('count({__name__=~"msg_.+"})')).toThrow(/matches metric names exactly/);
  });

  it("names the rules that read kube state metrics GKE does not export", () => {
    const rules = only(prod.resources, CLUSTER_RULES);
    expect(rulesWithoutGkeMetrics(spec(rules).groups)).toEqual([
      { rule: "CellQuotaNearLimit", metrics: ["kube_resourcequota"] },
      {
        rule: "DisruptionBudgetBlocking",
        metrics: [
          "kube_poddisruptionbudget_status_expected_pods",
          "kube_poddisruptionbudget_status_pod_disruptions_allowed",
        ],
      },
    ]);
  });
});

describe("alert routing through the managed Alertmanager", () => {
  const configSecret = () =>
    ofType(prod.resources, SECRET, "gmp-public").find((s) => meta(s).name === GMP.alertmanagerSecret.name)!;
  const config = () => parse(unsecret(configSecret().inputs.stringData as any)[GMP.alertmanagerSecret.key]);

  it("writes its config Secret in gmp-public: every audience's pages and tickets routed by the alerts' labels", () => {
    expect(configSecret()).toBeDefined();
    const { route } = config();
    expect(route.receiver).toBe("vip-oncall");
    expect(route.group_by).toEqual(["alertname", "cell", "slo"]);
    expect(route.routes.map((child: any) => [child.matchers.join(","), child.receiver, child.repeat_interval])).toEqual(
      [
        ['audience="vip",severity="page"', "vip-oncall", "1h"],
        ['audience="vip",severity="ticket"', "tenant-tickets", "12h"],
        ['audience="shared",severity="page"', "platform-oncall", "1h"],
        ['audience="shared",severity="ticket"', "tenant-tickets", "12h"],
        ['audience="platform",severity="page"', "platform-oncall", "1h"],
        ['audience="platform",severity="ticket"', "platform-tickets", "12h"],
      ],
    );
  });

  it("reads each receiver's credential from its Secret in gmp-public and puts it in the config", () => {
    const reads = prod.resources.filter((r) => r.type === SECRET && r.name.startsWith("main-alert-routing-receiver-"));
    expect(reads.map((r) => r.name).sort()).toEqual([
      "main-alert-routing-receiver-im-pagerduty-platform",
      "main-alert-routing-receiver-im-pagerduty-vip",
      "main-alert-routing-receiver-im-slack-webhook",
      "main-alert-routing-receiver-im-ticketing-webhook",
    ]);
    // Offline the Secrets read back empty: the config names where each credential comes from.
    const byName = Object.fromEntries(config().receivers.map((receiver: any) => [receiver.name, receiver]));
    expect(byName["vip-oncall"].pagerduty_configs).toEqual([
      { routing_key: "offline:gmp-public/im-pagerduty-vip/routing-key", send_resolved: true },
    ]);
    expect(byName["tenant-tickets"].slack_configs).toEqual([
      { api_url: "offline:gmp-public/im-slack-webhook/url", channel: "#im-tenant-alerts", send_resolved: true },
    ]);
    expect(byName["platform-tickets"].webhook_configs).toEqual([
      { url: "offline:gmp-public/im-ticketing-webhook/url", send_resolved: true },
    ]);
  });

  it("renders the credentials inline, and only receivers a route uses", () => {
    const routing: AlertRouting = {
      namespace: "im-system",
      labels: {},
      receivers: [
        { name: "pd", pagerduty: { routingKeySecret: { name: "keys", key: "pd" } } },
        { name: "hook", webhook: { urlSecret: { name: "keys", key: "hook" } } },
        { name: "unused", slack: { apiUrlSecret: { name: "keys", key: "slack" }, channel: "#x" } },
      ],
      routes: { platform: { page: "pd", ticket: "hook" } },
    };
    const rendered = alertmanagerConfig(routing, (ref) => `${ref.name}/${ref.key}-value`)!;
    expect(rendered.receivers).toEqual([
      { name: "pd", pagerduty_configs: [{ routing_key: "keys/pd-value", send_resolved: true }] },
      { name: "hook", webhook_configs: [{ url: "keys/hook-value", send_resolved: true }] },
    ]);
    expect(alertmanagerConfig({ ...routing, routes: {} }, () => "")).toBeUndefined();
  });

  it("decodes a receiver's credential, and fails naming the Secret and key where the cluster's Secret lacks it", () => {
    const ref = { name: "im-pagerduty-vip", key: "routing-key" };
    const encoded = Buffer.from("R0UTINGKEY\n").toString("base64");
    expect(secretValue(ref, { uid: "u" }, { "routing-key": encoded })).toBe("R0UTINGKEY");
    expect(() => secretValue(ref, { uid: "u" }, { other: encoded })).toThrow(
      'Secret gmp-public/im-pagerduty-vip has no value under key "routing-key"',
    );
    expect(secretValue(ref, undefined, undefined)).toBe("offline:gmp-public/im-pagerduty-vip/routing-key");
  });

  it("routes nothing where no audience is routed: the managed Alertmanager keeps its no-op config", () => {
    expect(ofType(dev.resources, SECRET, "gmp-public")).toEqual([]);
  });

  it("validation refuses a receiver kind the managed Alertmanager cannot deliver to, naming the field", () => {
    const raw: Raw = deepClone(gcpRawConfig("gcp-prod"));
    raw.monitoring.alerting.receivers.push({
      name: "sns-topic",
      sns: { topicArn: "arn:aws:sns:eu-west-1:123456789012:im-alerts" },
    });
    expectIssueAt(
      raw,
      "im-platform:monitoring.alerting.receivers[4].sns",
      /Google Cloud Managed Service for Prometheus cannot deliver to; use one of webhook, pagerduty, slack/,
    );
    expect(validateStackConfig(gcpRawConfig("gcp-prod")).ok).toBe(true);
  });
});

describe("KEDA reading online users from the managed Prometheus", () => {
  it("scales prod's gateways on the project's Prometheus API through the KEDA operator's Workload Identity", () => {
    const trigger = spec(
      ofType(prod.resources, T.scaledObject, CELLS.initech).find((o) => meta(o).name === "msggateway")!,
    ).triggers[0];
    expect(trigger.metadata.serverAddress).toBe(gmpQueryAddress("im-platform-prod"));
    expect(trigger.metadata.serverAddress).toBe(
      "https://monitoring.googleapis.com/v1/projects/im-platform-prod/location/global/prometheus",
    );
    expect(trigger.authenticationRef).toEqual({ name: "im-prometheus" });
    const auth = ofType(prod.resources, TRIGGER_AUTH, CELLS.initech).find((a) => meta(a).name === "im-prometheus")!;
    expect(spec(auth)).toEqual({ podIdentity: { provider: "gcp" } });
  });

  it("gives the KEDA operator's service account a Google identity with Monitoring Viewer, and nothing more", () => {
    const account = prod.resources.find(
      (r) => r.type === GCP.account && (r.inputs as any).accountId === "im-main-keda",
    )!;
    expect(account.parent).toBe("main-cluster");
    const grants = prod.resources
      .filter((r) => r.type === GCP.projectGrant && (r.inputs as any).member.includes("im-main-keda"))
      .map((r) => (r.inputs as any).role);
    expect(grants).toEqual(["roles/monitoring.viewer"]);
    expect(only(prod.resources, WORKLOAD_IDENTITY).inputs).toEqual({
      serviceAccountId:
        "projects/im-platform-prod/serviceAccounts/im-main-keda@im-platform-prod.iam.gserviceaccount.com",
      role: "roles/iam.workloadIdentityUser",
      member: "serviceAccount:im-platform-prod.svc.id.goog[keda/keda-operator]",
    });
  });

  it("lets the KEDA operator's service account be named where KEDA runs elsewhere", () => {
    const raw: Raw = deepClone(gcpRawConfig("gcp-prod"));
    raw.target.keda = { namespace: "autoscaling", serviceAccount: "keda" };
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const cluster = result.config.targets[0]!.cluster;
    if (cluster.kind !== "gcp") throw new Error("expected a gcp target");
    expect(kedaWorkloadMember(cluster)).toBe("serviceAccount:im-platform-prod.svc.id.goog[autoscaling/keda]");
    expect(kedaAccountEmail("main", cluster.project)).toBe("im-main-keda@im-platform-prod.iam.gserviceaccount.com");
  });

  it("creates no KEDA identity where gateways do not scale on users", () => {
    expect(dev.resources.filter((r) => r.type === WORKLOAD_IDENTITY)).toEqual([]);
    expect(dev.resources.filter((r) => r.type === GCP.account).map((r) => (r.inputs as any).accountId)).toEqual([
      "im-main-nodes",
    ]);
  });
});
