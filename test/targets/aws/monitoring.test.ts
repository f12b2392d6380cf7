import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cellRuleGroups } from "../../../components/addons/monitoring/rule-files";
import { cellLayouts } from "../../../components/config/cells";
import { cellNamespace, labelKeys } from "../../../components/core/labels";
import { parseStackConfig } from "../../../components/stack/load";
import type { AlertRouting } from "../../../components/targets/capabilities";
import {
  alertManagerDefinition,
  PROMETHEUS_SERVICE_ACCOUNT,
  queryStatements,
  ruleNamespaceName,
} from "../../../components/targets/aws/metrics";
import { checkAmpWorkspaceKey } from "../../../components/targets/aws/rules/amp";
import { synthesize, type SynthResource, type SynthResult } from "../../../scripts/synth/synthesize";
import { expectIssueAt } from "../../helpers/config";
import { deepClone, meta, ofType, sampleRawConfig, T, toStackConfig } from "../../helpers/stack";

type Any = Record<string, any>;
const A = {
  workspace: "aws:amp/workspace:Workspace",
  workspaceConfiguration: "aws:amp/workspaceConfiguration:WorkspaceConfiguration",
  ruleNamespace: "aws:amp/ruleGroupNamespace:RuleGroupNamespace",
  alertManager: "aws:amp/alertManagerDefinition:AlertManagerDefinition",
  key: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  cluster: "aws:eks/cluster:Cluster",
  release: "kubernetes:helm.sh/v3:Release",
  podMonitor: "kubernetes:monitoring.coreos.com/v1:PodMonitor",
  triggerAuth: "kubernetes:keda.sh/v1alpha1:TriggerAuthentication",
} as const;
const mockArn = (module: string, kind: string, name: string) =>
  `arn:aws:${module}:synth-region-1:000000000000:${kind}/${name}`;

const STACK = "aws-prod";
let result: SynthResult;
beforeAll(async () => {
  result = await synthesize(toStackConfig(sampleRawConfig(STACK)), STACK);
}, 120_000);

const all = (type: string): SynthResource[] => result.resources.filter((r) => r.type === type);
const named = (type: string, name: string): Any => {
  const found = all(type).find((r) => r.name === name);
  if (!found)
    throw new Error(
      `${type} ${name} not found: ${all(type)
        .map((r) => r.name)
        .join(", ")}`,
    );
  return found.inputs;
};
const workspace = (): Any => {
  const found = all(A.workspace);
  expect(found).toHaveLength(1);
  return found[0]!.inputs;
};
const workspaceId = () => `ws-${workspace().alias as string}`;
const workspaceArn = () => `arn:aws:aps:synth-region-1:000000000000:workspace/${workspaceId()}`;
const endpoint = () => `https://aps-workspaces.synth.invalid/workspaces/${workspaceId()}/`;

describe("the aws-prod metrics workspace", () => {
  it("is encrypted with a key of its own, whose policy lets only the service, for this account, use it", () => {
    expect(workspace()).toMatchObject({
      alias: only(A.cluster).name,
      kmsKeyArn: mockArn("kms", "key", "main-cluster-keys-metrics"),
    });
    const key = named(A.key, "main-cluster-keys-metrics");
    expect(key.enableKeyRotation).toBe(true);
    const statement = JSON.parse(key.policy).Statement.find((s: Any) => s.Sid === "ManagedPrometheusUsesKey");
    expect(statement).toEqual({
      Sid: "ManagedPrometheusUsesKey",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:DescribeKey", "kms:CreateGrant", "kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:ViaService": "aps.eu-west-1.amazonaws.com", "kms:CallerAccount": "444455556666" },
      },
    });
  });

  it("logs its rule and alert errors into an encrypted vended-logs group and keeps samples for the configured days", () => {
    const logs = named(A.logGroup, "main-cluster-metrics-logs");
    expect(logs).toMatchObject({
      name: `/aws/vendedlogs/prometheus/${only(A.cluster).name as string}`,
      kmsKeyId: mockArn("kms", "key", "main-cluster-keys-logs"),
      retentionInDays: 365,
    });
    expect(workspace().loggingConfiguration).toEqual({
      logGroupArn: `${mockArn("cloudwatch", "loggroup", "main-cluster-metrics-logs")}:*`,
    });
    expect(only(A.workspaceConfiguration)).toEqual({ workspaceId: workspaceId(), retentionPeriodInDays: 400 });
  });

  it("lets only the agent's service account remote-write, into this workspace only", () => {
    const trust = JSON.parse(named(A.role, "main-cluster-metrics-remote-write").assumeRolePolicy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      "oidc.eks.synth.invalid/id/main-cluster-eks-eks:sub": `system:serviceaccount:monitoring:${PROMETHEUS_SERVICE_ACCOUNT}`,
      "oidc.eks.synth.invalid/id/main-cluster-eks-eks:aud": "sts.amazonaws.com",
    });
    const policy = JSON.parse(named(A.rolePolicy, "main-cluster-metrics-remote-write-policy").policy);
    expect(policy.Statement).toEqual([
      { Sid: "RemoteWriteToWorkspace", Effect: "Allow", Action: "aps:RemoteWrite", Resource: workspaceArn() },
    ]);
  });

  it("installs kube-prometheus-stack as a Prometheus agent that remote-writes to the workspace with SigV4", () => {
    const release = named(A.release, "main-cluster-metrics-prometheus");
    expect(release).toMatchObject({
      chart: "kube-prometheus-stack",
      version: "88.5.3",
      namespace: "monitoring",
      name: "kube-prometheus-stack",
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
    });
    const values = release.values as Any;
    expect(values.prometheus).toMatchObject({
      agentMode: true,
      serviceAccount: {
        name: PROMETHEUS_SERVICE_ACCOUNT,
        annotations: { "eks.amazonaws.com/role-arn": mockArn("iam", "role", "main-cluster-metrics-remote-write") },
      },
      prometheusSpec: {
        remoteWrite: [
          {
            url: `${endpoint()}api/v1/remote_write`,
            sigv4: { region: "eu-west-1" },
            queueConfig: { maxSamplesPerSend: 1000, maxShards: 200, capacity: 2500 },
          },
        ],
        podMetadata: { labels: { [labelKeys.role]: "metrics-collector" } },
        nodeSelector: { [labelKeys.pool]: "system" },
      },
    });
    // AMP evaluates the rules and routes the alerts: nothing of that runs in the cluster.
    expect(values).toMatchObject({
      alertmanager: { enabled: false },
      grafana: { enabled: false },
      defaultRules: { create: false },
    });
    // The kit's own settings stay, merged under the target's.
    expect(values["kube-state-metrics"]).toMatchObject({
      metricLabelsAllowlist: [`nodes=[${labelKeys.pool}]`],
      nodeSelector: { [labelKeys.pool]: "system" },
    });
  });

  it("loads one rule groups namespace per cell, each with exactly the cell's rule file, plus the platform's", () => {
    const config = parseStackConfig(sampleRawConfig(STACK), { stack: STACK });
    const cells = cellLayouts(config);
    const namespaces = all(A.ruleNamespace).map((r) => r.inputs);
    expect(namespaces).toHaveLength(cells.length + 1);
    for (const namespace of namespaces) expect(namespace.workspaceId).toBe(workspaceId());
    for (const cell of cells) {
      const found = namespaces.find((n) => n.name === `${cellNamespace(cell.cell)}.im-slo`);
      expect(found, `rules of cell ${cell.cell}`).toBeDefined();
      expect(parse(found!.data as string)).toEqual({
        groups: JSON.parse(JSON.stringify(cellRuleGroups(config, cell))),
      });
    }
    const platform = parse(namespaces.find((n) => n.name === "im-system.im-platform")!.data as string);
    expect(platform.groups.map((group: Any) => group.name)).toEqual([
      "im-platform-infrastructure",
      "im-platform-services",
    ]);
    const alerts = platform.groups.flatMap((group: Any) => group.rules.map((rule: Any) => rule.alert));
    expect(alerts).toEqual(expect.arrayContaining(["ServiceDown", "CellPodsPending", "ConsumerLagHigh"]));
  });

  it("routes each audience's pages and tickets to its SNS topics, signing in the topic's region", () => {
    const definition = only(A.alertManager);
    expect(definition.workspaceId).toBe(workspaceId());
    const config = parse(parse(definition.definition as string).alertmanager_config as string);
    expect(config.route.receiver).toBe("vip-oncall");
    expect(config.route.routes).toEqual(
      [
        ["vip", "page", "vip-oncall"],
        ["vip", "ticket", "tickets"],
        ["shared", "page", "oncall"],
        ["shared", "ticket", "tickets"],
        ["platform", "page", "oncall"],
        ["platform", "ticket", "tickets"],
      ].map(([audience, severity, receiver]) => ({
        receiver,
        matchers: [`audience="${audience}"`, `severity="${severity}"`],
        repeat_interval: severity === "page" ? "1h" : "12h",
      })),
    );
    expect(config.receivers.map((receiver: Any) => receiver.name)).toEqual(["vip-oncall", "oncall", "tickets"]);
    for (const receiver of config.receivers) {
      expect(receiver.sns_configs).toHaveLength(1);
      expect(receiver.sns_configs[0]).toMatchObject({
        topic_arn: `arn:aws:sns:eu-west-1:444455556666:im-${receiver.name as string}`,
        sigv4: { region: "eu-west-1" },
        send_resolved: true,
      });
    }
  });

  it("lets only the agent's pods scrape each cell's metrics ports, through PodMonitors its release selects", () => {
    const policy = ofType(result.resources, T.netpol, "im-t-initech").find(
      (p) => meta(p).name === "allow-metrics-scrape",
    )!;
    expect((policy.inputs.spec as Any).ingress[0].from).toEqual([
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
        podSelector: { matchLabels: { [labelKeys.role]: "metrics-collector" } },
      },
    ]);
    const monitor = ofType(result.resources, A.podMonitor, "im-t-initech")[0]!;
    expect(meta(monitor).labels).toMatchObject({ release: "kube-prometheus-stack" });
  });

  it("passes the security pack's workspace key rule", () => {
    expect(checkAmpWorkspaceKey(A.workspace, workspace())).toEqual([]);
    expect(checkAmpWorkspaceKey(A.workspace, { alias: "x" })[0]).toMatch(/kmsKeyArn is unset/);
    expect(checkAmpWorkspaceKey(A.key, {})).toEqual([]);
  });
});

function only(type: string): Any {
  const found = all(type);
  expect(found).toHaveLength(1);
  return found[0]!.inputs;
}

describe("gateways scaled on their users, on AWS", () => {
  let scaled: SynthResult;
  beforeAll(async () => {
    const raw = sampleRawConfig(STACK) as Any;
    raw.autoscaling = { gatewayUsersPerPod: 5000, keda: { enabled: true } };
    scaled = await synthesize(toStackConfig(raw), STACK);
  }, 120_000);

  it("query the workspace signed for its region, as the KEDA operator's pod identity", () => {
    const scaledObject = ofType(scaled.resources, T.scaledObject, "im-t-initech").find(
      (s) => meta(s).name === "msggateway",
    )!;
    const id = `ws-${scaled.resources.find((r) => r.type === A.workspace)!.inputs.alias as string}`;
    expect((scaledObject.inputs.spec as Any).triggers).toEqual([
      expect.objectContaining({
        type: "prometheus",
        metadata: expect.objectContaining({
          serverAddress: `https://aps-workspaces.synth.invalid/workspaces/${id}`,
          awsRegion: "eu-west-1",
          threshold: "5000",
        }),
        authenticationRef: { name: "im-prometheus" },
      }),
    ]);
    const auth = ofType(scaled.resources, A.triggerAuth, "im-t-initech").find((s) => meta(s).name === "im-prometheus")!;
    expect(auth.inputs.spec).toEqual({ podIdentity: { provider: "aws" } });
  });

  it("need only aps:QueryMetrics on the workspace for the KEDA operator's role", () => {
    expect(queryStatements("arn:aws:aps:eu-west-1:444455556666:workspace/ws-1")).toEqual([
      {
        Sid: "QueryWorkspace",
        Effect: "Allow",
        Action: "aps:QueryMetrics",
        Resource: "arn:aws:aps:eu-west-1:444455556666:workspace/ws-1",
      },
    ]);
  });
});

describe("AWS monitoring config", () => {
  const raw = (): Any => deepClone(sampleRawConfig(STACK)) as Any;

  it("refuses a webhook receiver, which the workspace cannot deliver to, naming the field", () => {
    const config = raw();
    config.monitoring.alerting.receivers[0] = {
      name: "vip-oncall",
      webhook: { urlSecret: { name: "hook", key: "url" } },
    };
    expectIssueAt(
      config,
      "im-platform:monitoring.alerting.receivers[0].webhook",
      /Amazon Managed Service for Prometheus cannot deliver to; use one of sns/,
    );
  });

  it("refuses an SNS topic of another account", () => {
    const config = raw();
    config.monitoring.alerting.receivers[1].sns.topicArn = "arn:aws:sns:eu-west-1:999988887777:im-oncall";
    expectIssueAt(
      config,
      "im-platform:monitoring.alerting.receivers[1].sns.topicArn",
      /topic of account 999988887777; .* only to SNS topics of its workspace's account \(444455556666\)/,
    );
  });

  it("refuses a retention shorter than the SLO windows read", () => {
    const config = raw();
    config.target.monitoring.retentionDays = 7;
    expectIssueAt(config, "im-platform:target.monitoring.retentionDays", /at least 31/);
  });
});

describe("the alert manager definition", () => {
  const routing = (routes: AlertRouting["routes"]): AlertRouting => ({
    namespace: "im-system",
    labels: {},
    receivers: [
      { name: "oncall", sns: { topicArn: "arn:aws:sns:us-east-1:444455556666:oncall" } },
      { name: "unused", sns: { topicArn: "arn:aws:sns:us-east-1:444455556666:unused" } },
      { name: "hook", webhook: { urlSecret: { name: "hook", key: "url" } } },
    ],
    routes,
  });

  it("is absent when nothing is routed", () => {
    expect(alertManagerDefinition(routing({}))).toBeUndefined();
  });

  it("names only the receivers routes use, each signing in its topic's region", () => {
    const config = parse(
      parse(alertManagerDefinition(routing({ platform: { page: "oncall", ticket: "oncall" } }))!).alertmanager_config,
    );
    expect(config.receivers).toEqual([
      {
        name: "oncall",
        sns_configs: [expect.objectContaining({ sigv4: { region: "us-east-1" } })],
      },
    ]);
  });

  it("refuses a receiver AMP cannot deliver to", () => {
    expect(() => alertManagerDefinition(routing({ vip: { page: "hook", ticket: "oncall" } }))).toThrow(
      /receiver "hook" is not one Amazon Managed Service for Prometheus delivers to/,
    );
  });
});

describe("rule groups namespace names", () => {
  it("join the namespace and the rule set, and stay within AMP's 64 characters", () => {
    expect(ruleNamespaceName({ namespace: "im-t-initech", name: "im-slo" })).toBe("im-t-initech.im-slo");
    const long = ruleNamespaceName({ namespace: "im-t-" + "a".repeat(58), name: "im-slo" });
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^[0-9A-Za-z][-.0-9A-Za-z_]*$/);
    expect(long).not.toBe(ruleNamespaceName({ namespace: "im-t-" + "a".repeat(58), name: "im-slx" }));
  });
});
