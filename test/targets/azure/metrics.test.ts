import { beforeAll, describe, expect, it } from "vitest";
import { cellRuleGroups } from "../../../components/addons/monitoring/rule-files";
import { cellLayouts } from "../../../components/config/cells";
import { parseStackConfig } from "../../../components/stack/load";
import type { AlertRouting } from "../../../components/targets/capabilities";
import {
  AMA_METRICS,
  azurePrometheusCollector,
  fitName,
  KUBE_STATE_KEEP,
  prometheusNames,
} from "../../../components/targets/azure/metrics";
import {
  alertActions,
  AZURE_RULE_LIMITS,
  AZURE_SEVERITY,
  azureRule,
  evaluationInterval,
  isoDuration,
  splitGroup,
} from "../../../components/targets/azure/prometheus-rules";
import { ROLES } from "../../../components/targets/azure/roles";
import type { PrometheusRule } from "../../../components/core/prometheus-rules";
import { synthesize, type SynthResult } from "../../../scripts/synth/synthesize";
import { expectIssueAt } from "../../helpers/config";
import { deepClone, meta, ofType, T, toStackConfig } from "../../helpers/stack";
import { all, AZ, azureRawConfig, named, only, type Raw } from "./helpers";

type Any = Record<string, any>;

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const armId = (group: string, path: string) => `${SUB}/resourceGroups/${group}/providers/${path}`;
const PROD_GROUP = "im-azure-prod-main";
const WORKSPACE_ID = armId(PROD_GROUP, "Microsoft.Monitor/accounts/im-azure-prod-main-prometheus");
const CLUSTER_ID = armId(PROD_GROUP, "Microsoft.ContainerService/managedClusters/im-azure-prod-main");
const actionGroup = (name: string) =>
  `${SUB}/resourceGroups/im-alerting/providers/microsoft.insights/actionGroups/${name}`;
const POD_MONITOR = "kubernetes:azmonitoring.coreos.com/v1:PodMonitor";
const TRIGGER_AUTH = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication";

let prod: SynthResult;
let dev: SynthResult;
let off: SynthResult;
beforeAll(async () => {
  prod = await synthesize(toStackConfig(azureRawConfig("azure-prod")), "azure-prod");
  dev = await synthesize(toStackConfig(azureRawConfig("azure-dev")), "azure-dev");
  const raw: Raw = deepClone(azureRawConfig("azure-dev"));
  raw.monitoring = { enabled: false };
  off = await synthesize(toStackConfig(raw), "azure-dev");
}, 180_000);

const inputs = (result: SynthResult, type: string): Any => only(result.resources, type).inputs;
const ruleGroups = (result: SynthResult): Any[] => all(result.resources, AZ.prometheusRuleGroup).map((r) => r.inputs);
const ruleGroup = (result: SynthResult, name: string): Any => {
  const found = ruleGroups(result).find((group) => group.ruleGroupName === name);
  if (!found)
    throw new Error(
      `no rule group ${name}: ${ruleGroups(result)
        .map((g) => g.ruleGroupName)
        .join(", ")}`,
    );
  return found;
};
const alerts = (group: Any): Any[] => (group.rules as Any[]).filter((rule) => rule.alert);

describe("the Azure Monitor workspace and its data collection", () => {
  it("prod: a workspace closed to the internet, queried through a private endpoint in the endpoints subnet", () => {
    expect(inputs(prod, AZ.monitorWorkspace)).toMatchObject({
      azureMonitorWorkspaceName: "im-azure-prod-main-prometheus",
      location: "westeurope",
      publicNetworkAccess: "Disabled",
    });
    const endpoint = named(prod.resources, AZ.privateEndpoint, "main-cluster-prometheus-endpoint").inputs as Any;
    expect(endpoint.privateLinkServiceConnections).toEqual([
      { name: "prometheus", privateLinkServiceId: WORKSPACE_ID, groupIds: ["prometheusMetrics"] },
    ]);
    expect(endpoint.subnet.id).toMatch(/\/subnets\/endpoints$/);
    expect(named(prod.resources, AZ.privateZone, "main-cluster-prometheus-dns").inputs.privateZoneName).toBe(
      "privatelink.westeurope.prometheus.monitor.azure.com",
    );
    expect(
      (named(prod.resources, AZ.zoneLink, "main-cluster-prometheus-dns-link").inputs as Any).virtualNetwork.id,
    ).toMatch(/\/virtualNetworks\/im-azure-prod-main-vnet$/);
  });

  it("dev (public API server): the query endpoint stays public, with no private endpoint", () => {
    expect(inputs(dev, AZ.monitorWorkspace).publicNetworkAccess).toBe("Enabled");
    // The managed data services' endpoints aside (the sample runs managed data).
    const endpoints = all(dev.resources, AZ.privateEndpoint).map((r) => r.name);
    expect(endpoints.filter((name) => !name.includes("-data-"))).toEqual(["main-cluster-vault-endpoint"]);
  });

  it("connects the cluster through a data collection endpoint, rule and association, as AKS's onboarding does", () => {
    const dce = inputs(prod, AZ.dataCollectionEndpoint);
    expect(dce).toMatchObject({
      dataCollectionEndpointName: "MSProm-westeurope-im-azure-prod-main",
      kind: "Linux",
      networkAcls: { publicNetworkAccess: "Enabled" },
    });
    const dcr = inputs(prod, AZ.dataCollectionRule);
    expect(dcr).toMatchObject({
      dataCollectionRuleName: "MSProm-westeurope-im-azure-prod-main",
      kind: "Linux",
      dataCollectionEndpointId: armId(
        PROD_GROUP,
        "Microsoft.Insights/dataCollectionEndpoints/MSProm-westeurope-im-azure-prod-main",
      ),
      dataSources: {
        prometheusForwarder: [{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"] }],
      },
      destinations: { monitoringAccounts: [{ accountResourceId: WORKSPACE_ID, name: "MonitoringAccount1" }] },
      dataFlows: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }],
    });
    expect(inputs(prod, AZ.dataCollectionRuleAssociation)).toMatchObject({
      resourceUri: CLUSTER_ID,
      associationName: "MSProm-westeurope-im-azure-prod-main",
      dataCollectionRuleId: armId(
        PROD_GROUP,
        "Microsoft.Insights/dataCollectionRules/MSProm-westeurope-im-azure-prod-main",
      ),
    });
  });

  it("enables the cluster's managed Prometheus, with kube-state-metrics exporting each node's pool label", () => {
    expect(inputs(prod, AZ.cluster).azureMonitorProfile).toEqual({
      metrics: {
        enabled: true,
        kubeStateMetrics: { metricLabelsAllowlist: "nodes=[im-platform.io/pool]", metricAnnotationsAllowList: "" },
      },
    });
  });

  it("keeps the disruption-budget series the platform's rules read, which the minimal ingestion profile drops", () => {
    const settings = ofType(prod.resources, T.configMap, "kube-system").find(
      (r) => meta(r).name === "ama-metrics-settings-configmap",
    )!.inputs as Any;
    expect(settings.data["schema-version"]).toBe("v2");
    expect(settings.data["cluster-metrics"]).toContain(`kubestate = "${KUBE_STATE_KEEP.join("|")}"`);
    expect(settings.data["cluster-metrics"]).toMatch(/minimal-ingestion-profile: \|-\n {2}enabled = true/);
  });

  it("builds none of it when monitoring is off", () => {
    for (const type of [
      AZ.monitorWorkspace,
      AZ.dataCollectionEndpoint,
      AZ.dataCollectionRule,
      AZ.dataCollectionRuleAssociation,
      AZ.prometheusRuleGroup,
      POD_MONITOR,
    ])
      expect(all(off.resources, type)).toEqual([]);
    expect(inputs(off, AZ.cluster).azureMonitorProfile).toBeUndefined();
    expect(off.resources.some((r) => meta(r).name === "ama-metrics-settings-configmap")).toBe(false);
  });

  it("fits names to Azure's lengths with a hash of the whole", () => {
    const names = prometheusNames("a".repeat(54), "westeurope");
    expect(names.workspace.length).toBeLessThanOrEqual(44);
    expect(names.endpoint.length).toBeLessThanOrEqual(44);
    expect(names.rule.length).toBeLessThanOrEqual(64);
    expect(fitName("short", 44)).toBe("short");
    expect(fitName(`${"b".repeat(50)}-x`, 44)).not.toBe(fitName(`${"b".repeat(50)}-y`, 44));
  });
});

describe("scraping the cells", () => {
  it("one PodMonitor of Azure's group per cell, with the label limits Azure asks for", () => {
    const monitors = all(prod.resources, POD_MONITOR);
    expect(monitors.map((m) => meta(m).namespace).sort()).toEqual([
      "im-t-acme",
      "im-t-globex",
      "im-t-initech",
      "im-t-umbrella",
    ]);
    const spec = (monitors[0]!.inputs as Any).spec;
    expect((monitors[0]!.inputs as Any).apiVersion).toBe("azmonitoring.coreos.com/v1");
    expect(spec).toMatchObject({ labelLimit: 63, labelNameLengthLimit: 511, labelValueLengthLimit: 1023 });
    expect(spec.podMetricsEndpoints.length).toBeGreaterThan(0);
  });

  it("each cell admits the add-on's collectors in kube-system, and nothing else, to its metrics ports", () => {
    const policies = ofType(prod.resources, T.netpol).filter((r) => meta(r).name === "allow-metrics-scrape");
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      expect((policy.inputs as Any).spec.ingress).toHaveLength(1);
      expect((policy.inputs as Any).spec.ingress[0].from).toEqual([
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
          podSelector: { matchLabels: { rsName: "ama-metrics", "kubernetes.azure.com/managedby": "aks" } },
        },
      ]);
    }
  });
});

describe("rules and alert routing", () => {
  it("one set of rule groups per cell and the platform's, limited to the workspace and the cluster", () => {
    const names = ruleGroups(prod)
      .map((group) => group.ruleGroupName as string)
      .sort();
    expect(names).toEqual([
      "im-azure-prod-main-im-platform-infrastructure",
      "im-azure-prod-main-im-platform-services",
      ...["acme", "globex", "initech", "umbrella"].flatMap((cell) => [
        `im-azure-prod-main-im-slo-${cell}-1`,
        `im-azure-prod-main-im-slo-${cell}-2`,
      ]),
    ]);
    for (const group of ruleGroups(prod)) {
      expect(group).toMatchObject({
        scopes: [WORKSPACE_ID, CLUSTER_ID],
        clusterName: "im-azure-prod-main",
        location: "westeurope",
        resourceGroupName: PROD_GROUP,
        enabled: true,
        interval: "PT1M",
      });
      expect(group.rules.length).toBeLessThanOrEqual(AZURE_RULE_LIMITS.rulesPerGroup);
    }
  });

  it("a cell's rule groups carry exactly its SLO rules, recordings first, mapped to Azure's fields", async () => {
    const config = parseStackConfig(azureRawConfig("azure-prod"));
    const initech = cellLayouts(config).find((cell) => cell.cell === "initech")!;
    const [group] = cellRuleGroups(config, initech);
    const loaded = [1, 2].flatMap(
      (part) => ruleGroup(prod, `im-azure-prod-main-im-slo-initech-${part}`).rules as Any[],
    );
    expect(loaded).toHaveLength(group!.rules.length);
    loaded.forEach((rule, index) => {
      const source = group!.rules[index]! as Any;
      expect(rule.expression).toBe(source.expr);
      if (source.record) {
        expect(rule).toEqual({
          record: source.record,
          expression: source.expr,
          ...(source.labels ? { labels: source.labels } : {}),
        });
      } else {
        expect(rule).toMatchObject({ alert: source.alert, labels: source.labels, annotations: source.annotations });
        expect(rule.for).toBe(isoDuration(source.for));
      }
    });
    const lastRecord = loaded.map((rule) => Boolean(rule.record)).lastIndexOf(true);
    expect(loaded.findIndex((rule) => rule.alert)).toBe(lastRecord + 1);
  });

  it.each([
    ["a VIP cell", "im-slo-initech-2", "vip-oncall", "tenant-tickets"],
    ["a shared cell", "im-slo-acme-2", "platform-oncall", "tenant-tickets"],
    ["the platform", "im-platform-services", "platform-oncall", "platform-tickets"],
  ])("%s's alerts notify its route's action group for their severity", (_what, group, page, ticket) => {
    const found = alerts(ruleGroup(prod, `im-azure-prod-main-${group}`));
    expect(found.length).toBeGreaterThan(0);
    for (const rule of found) {
      const severity = rule.labels.severity as "page" | "ticket";
      expect(rule.severity).toBe(AZURE_SEVERITY[severity]);
      expect(rule.actions).toEqual([{ actionGroupId: actionGroup(`im-${severity === "page" ? page : ticket}`) }]);
      expect(rule.resolveConfiguration).toEqual({ autoResolved: true });
    }
  });

  it("VIP SLO alerts page and ticket: both routes are used", () => {
    const severities = new Set(
      [1, 2]
        .flatMap((part) => alerts(ruleGroup(prod, `im-azure-prod-main-im-slo-umbrella-${part}`)))
        .map((rule) => rule.labels.severity),
    );
    expect([...severities].sort()).toEqual(["page", "ticket"]);
  });

  it("without routes (dev), alerts fire in Azure Monitor but notify no one", () => {
    const found = ruleGroups(dev).flatMap(alerts);
    expect(found.length).toBeGreaterThan(0);
    for (const rule of found) expect(rule.actions).toEqual([]);
  });

  it("creates nothing to route alerts, and refuses routing other than the rules were loaded with", () => {
    const alerting = { receivers: [], routes: {} };
    const collector = azurePrometheusCollector({
      azure: undefined as never,
      resourceGroupName: "rg",
      location: "westeurope",
      tags: {},
      workspaceId: "ws",
      clusterId: "cluster",
      clusterName: "cluster",
      queryEndpoint: "https://query.invalid",
      alerting,
    });
    const routing: AlertRouting = { namespace: "im-system", labels: {}, ...alerting };
    expect(collector.routeAlerts("routing", routing, {})).toEqual([]);
    expect(() =>
      collector.routeAlerts(
        "routing",
        {
          ...routing,
          receivers: [{ name: "x", actionGroupId: actionGroup("x") }],
          routes: { vip: { page: "x", ticket: "x" } },
        },
        {},
      ),
    ).toThrow(/each rule's action groups/);
    expect(collector.receiverKinds).toEqual(["actionGroupId"]);
    expect(collector.scrapers).toEqual([
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": AMA_METRICS.namespace } },
        podSelector: { matchLabels: AMA_METRICS.collectorPodLabels },
      },
    ]);
  });
});

describe("KEDA's query path", () => {
  it("gateways scale on online users read from the workspace's query endpoint as KEDA's own workload identity", () => {
    const gateway = ofType(prod.resources, T.scaledObject, "im-t-initech").find((r) => meta(r).name === "msggateway")!;
    const [trigger] = (gateway.inputs as Any).spec.triggers;
    expect(trigger).toMatchObject({
      type: "prometheus",
      metadata: {
        serverAddress: expect.stringMatching(
          /^https:\/\/im-azure-prod-main-prometheus-[0-9a-f]{4}\.westeurope\.prometheus\./,
        ),
        threshold: "20000",
      },
      authenticationRef: { name: "im-prometheus" },
    });
    const auth = ofType(prod.resources, TRIGGER_AUTH, "im-t-initech").find((r) => meta(r).name === "im-prometheus")!;
    // The identity the kit federated for KEDA, by client id: not whatever default KEDA was installed with.
    expect((auth.inputs as Any).spec).toEqual({
      podIdentity: { provider: "azure-workload", identityId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/) },
    });
  });

  it("KEDA's identity is federated to its operator and may read the workspace, nothing more", () => {
    const identity = named(prod.resources, AZ.identity, "main-cluster-keda-identity").inputs as Any;
    expect(identity.resourceName).toBe("im-azure-prod-main-keda");
    expect(named(prod.resources, AZ.federatedCredential, "main-cluster-keda-federation").inputs).toMatchObject({
      resourceName: "im-azure-prod-main-keda",
      subject: "system:serviceaccount:keda:keda-operator",
      audiences: ["api://AzureADTokenExchange"],
      issuer: expect.stringMatching(/^https:\/\/oidc\.synth\.invalid\//),
    });
    expect(named(prod.resources, AZ.roleAssignment, "main-cluster-keda-query").inputs).toMatchObject({
      roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLES.monitoringDataReader}`,
      scope: WORKSPACE_ID,
      principalType: "ServicePrincipal",
    });
    expect(prod.outputs).toBeDefined();
  });

  it("no KEDA identity where gateways do not scale on users (dev)", () => {
    expect(dev.resources.some((r) => r.name === "main-cluster-keda-identity")).toBe(false);
  });
});

describe("Azure monitoring config", () => {
  const raw = (): Any => deepClone(azureRawConfig("azure-prod")) as Any;

  it("refuses a webhook receiver, which Azure Monitor cannot deliver to, naming the field", () => {
    const config = raw();
    config.monitoring.alerting.receivers[0] = {
      name: "vip-oncall",
      webhook: { urlSecret: { name: "hook", key: "url" } },
    };
    expectIssueAt(
      config,
      "im-platform:monitoring.alerting.receivers[0].webhook",
      /Azure Monitor managed service for Prometheus cannot deliver to; use one of actionGroupId/,
    );
  });

  it("accepts the prod sample, which routes every audience to action groups", () => {
    const config = parseStackConfig(azureRawConfig("azure-prod"));
    expect(Object.keys(config.monitoring.alerting.routes).sort()).toEqual(["platform", "shared", "vip"]);
    expect(config.monitoring.alerting.receivers.every((receiver) => receiver.actionGroupId)).toBe(true);
  });

  it("a public query endpoint can be asked for in prod", async () => {
    const config = raw();
    config.target.monitoring.prometheus = { publicQueryAccess: true };
    const result = await synthesize(toStackConfig(config), "azure-prod");
    expect(inputs(result, AZ.monitorWorkspace).publicNetworkAccess).toBe("Enabled");
    const endpoints = all(result.resources, AZ.privateEndpoint).map((r) => r.name);
    expect(endpoints.filter((name) => !name.includes("-data-"))).toEqual(["main-cluster-vault-endpoint"]);
  });
});

describe("rule mapping", () => {
  it("Prometheus durations become ISO 8601 ones", () => {
    expect(isoDuration("2m")).toBe("PT2M");
    expect(isoDuration("15m")).toBe("PT15M");
    expect(isoDuration("1h")).toBe("PT1H");
    expect(isoDuration("1h30m")).toBe("PT1H30M");
    expect(isoDuration("90s")).toBe("PT1M30S");
    expect(isoDuration("3d")).toBe("P3D");
    expect(isoDuration("1d2h")).toBe("P1DT2H");
    expect(() => isoDuration("5 minutes")).toThrow(/not a Prometheus duration/);
  });

  it("evaluation intervals are whole minutes within Azure's 1 to 15", () => {
    expect(evaluationInterval(undefined)).toBe("PT1M");
    expect(evaluationInterval("30s")).toBe("PT1M");
    expect(evaluationInterval("90s")).toBe("PT2M");
    expect(evaluationInterval("5m")).toBe("PT5M");
    expect(evaluationInterval("1h")).toBe("PT15M");
  });

  it("groups of more than 20 rules are split in order; shorter ones keep their name", () => {
    const rules: PrometheusRule[] = Array.from({ length: 45 }, (_, i) => ({ record: `r${i}`, expr: "1" }));
    const split = splitGroup({ name: "g", rules });
    expect(split.map((chunk) => [chunk.name, chunk.rules.length])).toEqual([
      ["g-1", 20],
      ["g-2", 20],
      ["g-3", 5],
    ]);
    expect(split.flatMap((chunk) => chunk.rules)).toEqual(rules);
    expect(splitGroup({ name: "g", rules: rules.slice(0, 20) })).toEqual([{ name: "g", rules: rules.slice(0, 20) }]);
  });

  it("a route to a receiver that is not an action group cannot be mapped", () => {
    const alerting = {
      receivers: [{ name: "hook", webhook: { urlSecret: { name: "s", key: "k" } } }],
      routes: { platform: { page: "hook", ticket: "hook" } },
    };
    expect(() => alertActions(alerting, { audience: "platform", severity: "page" })).toThrow(
      /not an Azure action group/,
    );
    expect(alertActions(alerting, { audience: "vip", severity: "page" })).toEqual([]);
  });

  it("recording rules carry no alert fields", () => {
    expect(azureRule({ receivers: [], routes: {} }, { record: "x:y", expr: "sum(z)", labels: { a: "b" } })).toEqual({
      record: "x:y",
      expression: "sum(z)",
      labels: { a: "b" },
    });
  });
});
