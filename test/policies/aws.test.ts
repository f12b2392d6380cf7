import { beforeAll, describe, expect, it } from "vitest";
import { ALL_PACKS } from "../../policies/rules/packs";
import { awsSecurityRules } from "../../components/targets/aws/rules";
import type { PlainResource } from "../../policies/rules/types";
import { fromSynth } from "../../scripts/check/load";
import { runPacks } from "../../scripts/check/run";
import { readStackConfig, stackFilePath } from "../../scripts/synth/stack-file";
import { synthesize } from "../../scripts/synth/synthesize";
import { awsDataRuleCases } from "./aws-data-cases";
import { plain } from "./fixtures";
import { messagesOf } from "./helpers";

const CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/abc";
const cluster = (overrides: object = {}): object => ({
  name: "im",
  roleArn: "arn:aws:iam::111122223333:role/eks",
  vpcConfig: { subnetIds: ["subnet-1"], endpointPrivateAccess: true, endpointPublicAccess: false },
  encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:111122223333:key/k" }, resources: ["secrets"] },
  enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
  ...overrides,
});
const launchTemplate = (overrides: object = {}): object => ({
  metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3" } }],
  ...overrides,
});
const nlbService = (annotations: Record<string, string>): object => ({
  metadata: { name: "msggateway-edge", namespace: "im-shared", annotations },
  spec: { type: "LoadBalancer" },
});

interface Case {
  readonly policy: string;
  readonly title: string;
  readonly type: string;
  readonly compliant: object;
  readonly violating: object;
  readonly expected: RegExp;
}

const cases: Case[] = [
  {
    policy: "aws-traffic-health-checked",
    title: "a failover record without a health check",
    type: "aws:route53/record:Record",
    compliant: {
      name: "acme-ws.im.example.com",
      type: "A",
      records: ["203.0.113.10"],
      setIdentifier: "onprem",
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
      healthCheckId: "hc-1",
    },
    violating: {
      name: "acme-ws.im.example.com",
      type: "A",
      records: ["203.0.113.10"],
      setIdentifier: "onprem",
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
    },
    expected: /has failoverRoutingPolicies but no healthCheckId/,
  },
  {
    policy: "aws-traffic-health-checked",
    title: "a disabled health check",
    type: "aws:route53/healthCheck:HealthCheck",
    compliant: { type: "TCP", ipAddress: "203.0.113.10", port: 10001, requestInterval: 10, failureThreshold: 2 },
    violating: { type: "TCP", ipAddress: "203.0.113.10", port: 10001, disabled: true },
    expected: /health check is disabled/,
  },
  {
    policy: "aws-amp-workspace-customer-key",
    title: "workspace on an AWS owned key",
    type: "aws:amp/workspace:Workspace",
    compliant: { alias: "im", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k" },
    violating: { alias: "im" },
    expected: /kmsKeyArn is unset/,
  },
  {
    policy: "aws-eks-secrets-encryption",
    title: "secrets not encrypted",
    type: "aws:eks/cluster:Cluster",
    compliant: cluster(),
    violating: cluster({ encryptionConfig: undefined }),
    expected: /must encrypt "secrets"/,
  },
  {
    policy: "aws-eks-endpoint-not-world-open",
    title: "public endpoint by default",
    type: "aws:eks/cluster:Cluster",
    compliant: cluster({
      vpcConfig: { subnetIds: ["s"], endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.0/24"] },
    }),
    violating: cluster({ vpcConfig: { subnetIds: ["s"] } }),
    expected: /admits 0.0.0.0\/0/,
  },
  {
    policy: "aws-eks-endpoint-not-world-open",
    title: "public endpoint open to the world",
    type: "aws:eks/cluster:Cluster",
    compliant: cluster(),
    violating: cluster({
      vpcConfig: { subnetIds: ["s"], endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
    }),
    expected: /admits 0.0.0.0\/0 to the Kubernetes API/,
  },
  {
    policy: "aws-eks-control-plane-logging",
    title: "audit log off",
    type: "aws:eks/cluster:Cluster",
    compliant: cluster(),
    violating: cluster({ enabledClusterLogTypes: ["api", "authenticator"] }),
    expected: /lacks audit, controllerManager, scheduler/,
  },
  {
    policy: "aws-kms-key-rotation",
    title: "rotation off",
    type: "aws:kms/key:Key",
    compliant: { enableKeyRotation: true },
    violating: { description: "k" },
    expected: /enableKeyRotation must be true/,
  },
  {
    policy: "aws-no-world-open-ingress",
    title: "SSH open to the world",
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    compliant: {
      securityGroupId: "sg-1",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      tags: { "im-platform.io/edge-listener": "true" },
    },
    violating: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" },
    expected: /0.0.0.0\/0 \(protocol tcp, ports 22-22\)/,
  },
  {
    policy: "aws-no-world-open-ingress",
    title: "an edge-tagged rule over a port range",
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    compliant: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "203.0.113.0/24" },
    violating: {
      securityGroupId: "sg-1",
      ipProtocol: "-1",
      cidrIpv6: "::/0",
      tags: { "im-platform.io/edge-listener": "true" },
    },
    expected: /::\/0/,
  },
  {
    policy: "aws-no-world-open-ingress",
    title: "an inline world-open rule",
    type: "aws:ec2/securityGroup:SecurityGroup",
    compliant: { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }] },
    violating: { ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }] },
    expected: /open to the internet/,
  },
  {
    policy: "aws-no-world-open-ingress",
    title: "a world-open SecurityGroupRule",
    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
    compliant: {
      type: "egress",
      protocol: "-1",
      fromPort: 0,
      toPort: 0,
      cidrBlocks: ["0.0.0.0/0"],
      securityGroupId: "sg-1",
    },
    violating: {
      type: "ingress",
      protocol: "tcp",
      fromPort: 3389,
      toPort: 3389,
      cidrBlocks: ["0.0.0.0/0"],
      securityGroupId: "sg-1",
    },
    expected: /ports 3389-3389/,
  },
  {
    policy: "aws-imdsv2-required",
    title: "IMDSv1 allowed",
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: launchTemplate(),
    violating: launchTemplate({ metadataOptions: { httpTokens: "optional" } }),
    expected: /httpTokens is optional/,
  },
  {
    policy: "aws-imdsv2-required",
    title: "node group without a launch template",
    type: "aws:eks/nodeGroup:NodeGroup",
    compliant: { clusterName: "im", launchTemplate: { id: "lt-1", version: "1" } },
    violating: { clusterName: "im", diskSize: 50 },
    expected: /no launch template/,
  },
  {
    policy: "aws-encrypted-volumes",
    title: "unencrypted node volume",
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: launchTemplate(),
    violating: launchTemplate({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50 } }] }),
    expected: /\/dev\/xvda is not encrypted/,
  },
  {
    policy: "aws-encrypted-volumes",
    title: "unencrypted EBS StorageClass",
    type: "kubernetes:storage.k8s.io/v1:StorageClass",
    compliant: { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" } },
    violating: { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } },
    expected: /parameters.encrypted/,
  },
  {
    policy: "aws-encrypted-volumes",
    title: "unencrypted EBS volume",
    type: "aws:ebs/volume:Volume",
    compliant: { availabilityZone: "eu-west-1a", encrypted: true },
    violating: { availabilityZone: "eu-west-1a" },
    expected: /volume is not encrypted/,
  },
  {
    policy: "aws-default-security-group-closed",
    title: "the VPC's default group keeps a rule",
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    compliant: { vpcId: "vpc-1", ingress: [], egress: [] },
    violating: { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], egress: [] },
    expected: /default security group keeps rules/,
  },
  {
    policy: "aws-tls-listener-policy",
    title: "NLB TLS with the default policy",
    type: "kubernetes:core/v1:Service",
    compliant: nlbService({
      "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": CERT,
      "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
    }),
    violating: nlbService({ "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": CERT }),
    expected: /admits TLS 1.0/,
  },
  {
    policy: "aws-tls-listener-policy",
    title: "an old listener policy",
    type: "aws:lb/listener:Listener",
    compliant: { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2020-10" },
    violating: { protocol: "TLS", sslPolicy: "ELBSecurityPolicy-2016-08" },
    expected: /ELBSecurityPolicy-2016-08 admits protocols older than TLS 1.2/,
  },
  {
    policy: "aws-tls-listener-policy",
    title: "an ALB class allowing TLS 1.1",
    type: "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
    compliant: { spec: { certificateArn: [CERT], sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" } },
    violating: { spec: { certificateArn: [CERT], sslPolicy: "ELBSecurityPolicy-TLS13-1-1-2021-06" } },
    expected: /TLS13-1-1-2021-06 admits/,
  },
  ...awsDataRuleCases,
];

describe.each(cases)("$policy: $title", ({ policy, type, compliant, violating, expected }) => {
  it("passes the compliant resource", () => {
    expect(messagesOf(policy, [{ type, name: "ok", props: plain(compliant) }])).toEqual([]);
  });
  it("reports the violating one", () => {
    const messages = messagesOf(policy, [{ type, name: "bad", props: plain(violating) }]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(expected);
  });
});

describe("the AWS rules", () => {
  it("join the security pack, each with a case here", () => {
    const security = ALL_PACKS.find((pack) => pack.name === "im-platform-security")!;
    for (const rule of awsSecurityRules) {
      expect(security.rules).toContain(rule);
      expect(rule.name).toMatch(/^aws(-[a-z0-9]+)+$/);
      expect(rule.id).toMatch(/^IMS1\d{2}$/);
      expect(rule.description.startsWith(`${rule.id}: `)).toBe(true);
      expect(cases.map((c) => c.policy)).toContain(rule.name);
    }
  });

  it("ignore resources of other clouds and of Kubernetes", () => {
    const foreign: PlainResource[] = [
      { type: "gcp:container/cluster:Cluster", name: "g", props: {} },
      { type: "kubernetes:core/v1:Service", name: "s", props: plain(nlbService({})) },
    ];
    const findings = runPacks(foreign, ALL_PACKS).filter((f) => f.id.startsWith("AWS"));
    expect(findings).toEqual([]);
  });
});

describe.each(["aws-dev", "aws-prod"])("the %s stack, synthesized", (stack) => {
  let resources: PlainResource[] = [];
  beforeAll(async () => {
    resources = fromSynth((await synthesize(readStackConfig(stackFilePath(stack)), stack)).resources);
  });

  it("passes both packs with no mandatory violation", () => {
    expect(runPacks(resources, ALL_PACKS).filter((f) => f.level === "mandatory")).toEqual([]);
    expect(resources.filter((r) => r.type.startsWith("aws:")).length).toBeGreaterThan(50);
  });

  it.each([
    [
      "turn key rotation off",
      "aws-kms-key-rotation",
      "aws:kms/key:Key",
      (p: Record<string, unknown>) => ({ ...p, enableKeyRotation: false }),
    ],
    [
      "open the API endpoint",
      "aws-eks-endpoint-not-world-open",
      "aws:eks/cluster:Cluster",
      (p: Record<string, unknown>) => ({ ...p, vpcConfig: { subnetIds: [], endpointPublicAccess: true } }),
    ],
    [
      "allow IMDSv1",
      "aws-imdsv2-required",
      "aws:ec2/launchTemplate:LaunchTemplate",
      (p: Record<string, unknown>) => ({ ...p, metadataOptions: { httpTokens: "optional" } }),
    ],
  ])("catches a change that would %s", (_title, policy, type, breakIt) => {
    const target = resources.find((r) => r.type === type)!;
    const broken = resources.map((r) => (r === target ? { ...r, props: breakIt(r.props) } : r));
    expect(
      runPacks(broken, ALL_PACKS)
        .filter((f) => f.level === "mandatory")
        .map((f) => f.policy),
    ).toContain(policy);
  });
});
