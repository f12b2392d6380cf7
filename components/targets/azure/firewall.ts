import * as network from "@pulumi/azure-native/network";
import type * as inputs from "@pulumi/azure-native/types/input";
import type * as pulumi from "@pulumi/pulumi";
import { WORLD_IPV4 } from "../edge-ports";
import { EDGE_RULE_PREFIX } from "./conventions";
import type { AzureScope } from "./scope";
import type { AzureTargetConfig } from "./schema";

/** One NSG rule, plain so tests and the security rules read it as JSON. */
export interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: "Inbound";
  readonly access: "Allow" | "Deny";
  readonly protocol: "Tcp" | "*";
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly ports: readonly string[];
  readonly description: string;
}

/** Kube-proxy's health node ports for externalTrafficPolicy Local Services, which the load balancer probes. */
export const HEALTH_NODE_PORTS = "30000-32767";
const DENY_PRIORITY = 4096;

export interface FirewallArgs {
  readonly network: AzureTargetConfig["network"];
  /** Ports the edge load balancers listen on. */
  readonly edgePorts: readonly number[];
  /** The edge's client ranges; the world range when the edge is public. */
  readonly edgeSources: readonly string[];
  /** The API pods' HTTP ports, reached by Application Gateway for Containers when it is enabled. */
  readonly appGatewayPorts?: readonly number[];
  /** Ports of the managed data services' private endpoints, when `data.mode` is managed. */
  readonly dataPorts?: readonly number[];
}

/** "Internet" is the service tag for addresses outside the VNet: the honest name of a public edge's sources. */
function clientSources(sources: readonly string[]): string[] {
  return sources.map((source) => (source === WORLD_IPV4 ? "Internet" : source));
}

function edgeRules(args: FirewallArgs): NsgRule[] {
  const ports = args.edgePorts.map(String);
  const rules: NsgRule[] = [];
  if (ports.length > 0 && args.edgeSources.length > 0) {
    rules.push({
      name: `${EDGE_RULE_PREFIX}-clients`,
      priority: 100,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sources: clientSources(args.edgeSources),
      destinations: ["*"],
      ports,
      description:
        "IM clients (edge.allowedSourceCidrs, or the internet when publicClients) to the edge listener ports only",
    });
  }
  rules.push({
    name: "allow-azure-load-balancer-probes",
    priority: 110,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sources: ["AzureLoadBalancer"],
    destinations: ["*"],
    ports: [HEALTH_NODE_PORTS, ...ports],
    description: "Azure load balancer health probes to kube-proxy's health node ports and the listener ports",
  });
  return rules;
}

const denyRest = (what: string): NsgRule => ({
  name: "deny-all-inbound",
  priority: DENY_PRIORITY,
  direction: "Inbound",
  access: "Deny",
  protocol: "*",
  sources: ["*"],
  destinations: ["*"],
  ports: ["*"],
  description: `Everything not allowed above, including VNet and peered traffic, to ${what}`,
});

/**
 * The node subnet: clients to the listener ports, load balancer probes, the cluster's own
 * traffic, the API server (VNet integration) to kubelets and webhooks, Application Gateway for
 * Containers to the API pods, and nothing else. No rule opens SSH, RDP or any management port.
 */
export function nodeRules(args: FirewallArgs): NsgRule[] {
  const cluster = [args.network.nodesCidr, args.network.podCidr];
  const rules: NsgRule[] = [
    ...edgeRules(args),
    {
      name: "allow-cluster-internal",
      priority: 120,
      direction: "Inbound",
      access: "Allow",
      protocol: "*",
      sources: cluster,
      destinations: cluster,
      ports: ["*"],
      description: "Node-to-node and pod-to-pod traffic; network policies narrow it per cell",
    },
    {
      name: "allow-api-server-to-nodes",
      priority: 130,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sources: [args.network.apiServerCidr],
      destinations: cluster,
      ports: ["*"],
      description: "The API server's subnet to kubelets (10250) and admission webhooks on pods",
    },
  ];
  if (args.appGatewayPorts && args.appGatewayPorts.length > 0) {
    rules.push({
      name: "allow-app-gateway-to-api",
      priority: 140,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sources: [args.network.appGatewayCidr],
      destinations: cluster,
      ports: args.appGatewayPorts.map(String),
      description: "Application Gateway for Containers to the API pods' HTTP ports",
    });
  }
  return [...rules, denyRest("the nodes")];
}

/** The internal load balancers' frontend subnet: the same client and probe rules, nothing else. */
export function edgeSubnetRules(args: FirewallArgs): NsgRule[] {
  return [...edgeRules(args), denyRest("the edge frontends")];
}

/** The private endpoints' subnet: the cluster and its API server reach the Key Vault on 443 only. */
export function endpointRules(args: FirewallArgs): NsgRule[] {
  return [
    {
      name: "allow-cluster-to-endpoints",
      priority: 100,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sources: [args.network.nodesCidr, args.network.podCidr, args.network.apiServerCidr],
      destinations: [args.network.endpointsCidr],
      ports: ["443"],
      description:
        "Nodes, pods and the API server (KMS plugin) to the private endpoints (Key Vault, Azure Monitor workspace)",
    },
    denyRest("the private endpoints"),
  ];
}

/** The managed data services' endpoints: the cluster reaches them on their service ports only. */
export function dataRules(args: FirewallArgs): NsgRule[] {
  return [
    {
      name: "allow-cluster-to-data",
      priority: 100,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      // Overlay pods reach VNet addresses from their node's address; the pod range covers any other path.
      sources: [args.network.nodesCidr, args.network.podCidr],
      destinations: [args.network.dataCidr],
      ports: (args.dataPorts ?? []).map(String),
      description: "Nodes and pods to the managed data services' private endpoints (Redis, Kafka, MongoDB)",
    },
    denyRest("the managed data endpoints"),
  ];
}

/** Azure takes one prefix (or service tag) in the singular field, several only in the plural one. */
const one = (values: readonly string[]): string | undefined => (values.length === 1 ? values[0] : undefined);
const many = (values: readonly string[]): string[] | undefined => (values.length === 1 ? undefined : [...values]);

export function toSecurityRule(rule: NsgRule): inputs.network.SecurityRuleArgs {
  return {
    name: rule.name,
    priority: rule.priority,
    direction: rule.direction,
    access: rule.access,
    protocol: rule.protocol,
    sourcePortRange: "*",
    sourceAddressPrefix: one(rule.sources),
    sourceAddressPrefixes: many(rule.sources),
    destinationAddressPrefix: one(rule.destinations),
    destinationAddressPrefixes: many(rule.destinations),
    destinationPortRange: one(rule.ports),
    destinationPortRanges: many(rule.ports),
    description: rule.description,
  };
}

export interface SecurityGroups {
  readonly nodes: network.NetworkSecurityGroup;
  readonly edge: network.NetworkSecurityGroup;
  readonly endpoints: network.NetworkSecurityGroup;
  readonly data?: network.NetworkSecurityGroup;
}

/** One NSG per subnet that carries traffic of the kit's own; each rule has a description. */
export function createSecurityGroups(
  name: string,
  clusterName: string,
  scope: AzureScope,
  args: FirewallArgs,
  opts: pulumi.CustomResourceOptions,
): SecurityGroups {
  const group = (suffix: string, rules: NsgRule[]) =>
    new network.NetworkSecurityGroup(
      `${name}-nsg-${suffix}`,
      {
        resourceGroupName: scope.resourceGroupName,
        location: scope.location,
        networkSecurityGroupName: `${clusterName}-${suffix}`,
        securityRules: rules.map(toSecurityRule),
        tags: scope.tags,
      },
      opts,
    );
  return {
    nodes: group("nodes", nodeRules(args)),
    edge: group("edge", edgeSubnetRules(args)),
    endpoints: group("endpoints", endpointRules(args)),
    ...(args.dataPorts && args.dataPorts.length > 0 ? { data: group("data", dataRules(args)) } : {}),
  };
}
