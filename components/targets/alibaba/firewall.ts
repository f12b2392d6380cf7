import * as ecs from "@pulumi/alicloud/ecs";
import * as slb from "@pulumi/alicloud/slb";
import type * as pulumi from "@pulumi/pulumi";
import { WORLD_IPV4 } from "../edge-ports";
import { EDGE_RULE_PREFIX } from "./conventions";
import type { AlibabaTargetConfig } from "./schema";

/** One ingress rule as the kit states it: why, what and from where. */
export interface IngressRule {
  readonly slug: string;
  readonly description: string;
  readonly protocol: "tcp" | "udp" | "icmp";
  /** [from, to], inclusive; ICMP takes no ports. */
  readonly ports?: readonly [number, number];
  readonly sources: readonly string[];
  /** Drop rules sit at the lowest priority (100), under every accept rule (1). @default "accept" */
  readonly policy?: "accept" | "drop";
}

/** Alibaba security group priorities run from 1 (first) to 100 (last). */
const FIRST = 1;
const LAST = 100;

/** Kubelet, the API server's aggregation and webhook ports the control plane calls on nodes and pods. */
export const CONTROL_PLANE_PORTS = [443, 4443, 6443, 8443, 9443, 10250] as const;
/** Node-to-node: kube-proxy's health port and the node-port range. */
const NODE_PORTS: ReadonlyArray<readonly [number, number]> = [
  [10250, 10250],
  [10256, 10256],
  [30000, 32767],
];

export interface FirewallArgs {
  readonly groupName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly tags: Record<string, string>;
  /** Container ports of the public services: clients reach the pods' ENIs on these. */
  readonly edgeContainerPorts: readonly number[];
  /** Ports the edge's load balancers listen on. */
  readonly edgeListenerPorts: readonly number[];
  /** Client ranges: the allowed ones, or the world when clients are public. */
  readonly edgeSources: readonly string[];
}

/**
 * The nodes' (and pods' ENIs') ingress, rule by rule, after ACK's least-privilege set for Terway:
 * the control plane to kubelets and webhooks from the node vSwitches (where ACK puts its ENIs),
 * node-to-node health, node ports and DNS, pods to pods (network policies narrow it per cell),
 * and clients to the edge's container ports only. No rule opens a management port.
 */
export function nodeIngressRules(cluster: AlibabaTargetConfig, args: FirewallArgs): IngressRule[] {
  const nodes = cluster.network.nodeCidrs;
  const pods = cluster.network.podCidrs;
  const rules: IngressRule[] = [
    ...CONTROL_PLANE_PORTS.map((port): IngressRule => ({
      slug: `control-plane-${port}`,
      description: `The control plane's ENIs to kubelets, API aggregation and webhooks (port ${port})`,
      protocol: "tcp",
      ports: [port, port],
      sources: nodes,
    })),
    ...NODE_PORTS.map(([from, to]): IngressRule => ({
      slug: `nodes-${from}`,
      description: `Node to node: health checks and node ports (${from}-${to})`,
      protocol: "tcp",
      ports: [from, to],
      sources: nodes,
    })),
    ...(["tcp", "udp"] as const).map((protocol): IngressRule => ({
      slug: `nodes-dns-${protocol}`,
      description: `Host-network pods to cluster DNS (53/${protocol})`,
      protocol,
      ports: [53, 53],
      sources: nodes,
    })),
    {
      slug: "nodes-icmp",
      description: "Path MTU discovery and diagnostics from nodes",
      protocol: "icmp",
      sources: nodes,
    },
    {
      slug: "pods-tcp",
      description: "Pods to pods; network policies narrow it per cell",
      protocol: "tcp",
      ports: [1, 65535],
      sources: pods,
    },
    {
      slug: "pods-udp",
      description: "Pods to pods over UDP (DNS); network policies narrow it",
      protocol: "udp",
      ports: [1, 65535],
      sources: pods,
    },
    { slug: "pods-icmp", description: "Path MTU discovery and diagnostics from pods", protocol: "icmp", sources: pods },
  ];
  // The NLB health-checks pods from its addresses in the zones' node vSwitches.
  for (const port of args.edgeContainerPorts) {
    rules.push({
      slug: `edge-health-${port}`,
      description: `Load balancer health checks to the edge's container port ${port}`,
      protocol: "tcp",
      ports: [port, port],
      sources: nodes,
    });
    rules.push({
      slug: `edge-clients-${port}`,
      description: `${EDGE_RULE_PREFIX}: clients to the edge's container port ${port} (client IPs are kept)`,
      protocol: "tcp",
      ports: [port, port],
      sources: args.edgeSources,
    });
  }
  return rules;
}

/**
 * The NLB's own group: clients to the listener ports, then a drop of everything else. An NLB in a
 * group without a drop rule still accepts every source, so the last rule is what makes the
 * others a whitelist.
 */
export function edgeListenerRules(args: FirewallArgs): IngressRule[] {
  const listeners = args.edgeListenerPorts.map((port): IngressRule => ({
    slug: `listener-${port}`,
    description: `${EDGE_RULE_PREFIX}: clients to listener port ${port}`,
    protocol: "tcp",
    ports: [port, port],
    sources: args.edgeSources,
  }));
  const dropRest: IngressRule = {
    slug: "drop-rest",
    description: "Every other source and port: the listener rules above are a whitelist",
    protocol: "tcp",
    ports: [1, 65535],
    sources: [WORLD_IPV4],
    policy: "drop",
  };
  return [...listeners, dropRest];
}

function createRules(
  name: string,
  groupId: pulumi.Input<string>,
  rules: readonly IngressRule[],
  opts: pulumi.CustomResourceOptions,
): ecs.SecurityGroupRule[] {
  return rules.flatMap((rule) =>
    rule.sources.map(
      (source, index) =>
        new ecs.SecurityGroupRule(
          `${name}-${rule.slug}-${index}`,
          {
            securityGroupId: groupId,
            type: "ingress",
            ipProtocol: rule.protocol,
            portRange: rule.ports ? `${rule.ports[0]}/${rule.ports[1]}` : "-1/-1",
            cidrIp: source,
            policy: rule.policy ?? "accept",
            priority: rule.policy === "drop" ? LAST : FIRST,
            nicType: "intranet",
            description: rule.description,
          },
          opts,
        ),
    ),
  );
}

export interface SecurityGroups {
  readonly nodes: ecs.SecurityGroup;
  readonly edge: ecs.SecurityGroup;
  readonly rules: readonly ecs.SecurityGroupRule[];
}

/**
 * The nodes' group (ACK's control-plane ENIs, nodes and Terway's pod ENIs join it) and the NLB's
 * edge group. Both isolate their members from each other (`Drop`): only the rules admit traffic.
 */
export function createSecurityGroups(
  name: string,
  args: FirewallArgs,
  cluster: AlibabaTargetConfig,
  opts: pulumi.CustomResourceOptions,
): SecurityGroups {
  const group = (suffix: string, description: string) =>
    new ecs.SecurityGroup(
      `${name}-sg-${suffix}`,
      {
        securityGroupName: `${args.groupName}-${suffix}`,
        vpcId: args.vpcId,
        securityGroupType: "normal",
        innerAccessPolicy: "Drop",
        description,
        tags: args.tags,
      },
      opts,
    );
  const nodes = group("nodes", "im-platform nodes, pods and control-plane ENIs");
  const edge = group("edge", "im-platform IM edge load balancers");
  const rules = [
    ...createRules(`${name}-sg-nodes`, nodes.id, nodeIngressRules(cluster, args), opts),
    ...createRules(`${name}-sg-edge`, edge.id, edgeListenerRules(args), opts),
  ];
  return { nodes, edge, rules };
}

/** A CLB whitelist of the client ranges; none where clients are public (a whitelist of everyone admits everyone). */
export function createEdgeAcl(
  name: string,
  args: Pick<FirewallArgs, "edgeSources" | "tags" | "groupName">,
  opts: pulumi.CustomResourceOptions,
): slb.Acl | undefined {
  const ranges = args.edgeSources.filter((range) => range !== WORLD_IPV4);
  if (ranges.length === 0) return undefined;
  return new slb.Acl(
    `${name}-edge-acl`,
    {
      name: `${args.groupName}-edge`,
      ipVersion: "ipv4",
      entryLists: ranges.map((entry) => ({ entry, comment: "im-platform edge client range" })),
      tags: args.tags,
    },
    opts,
  );
}

/** The API server's whitelist: the listed networks only, for its port 6443 listener. */
export function createApiServerAcl(
  name: string,
  cluster: AlibabaTargetConfig,
  args: Pick<FirewallArgs, "tags" | "groupName">,
  opts: pulumi.CustomResourceOptions,
): slb.Acl {
  return new slb.Acl(
    `${name}-api-acl`,
    {
      name: `${args.groupName}-api-server`,
      ipVersion: "ipv4",
      entryLists: cluster.apiServer.accessCidrs.map((entry) => ({ entry, comment: "im-platform API server client" })),
      tags: args.tags,
    },
    opts,
  );
}
