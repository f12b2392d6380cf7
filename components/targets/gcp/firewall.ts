import * as compute from "@pulumi/gcp/compute";
import type * as pulumi from "@pulumi/pulumi";
import type { GcpTargetConfig } from "./schema";

/**
 * Where Google's load balancer health checks come from: backend-service load balancers
 * (35.191.0.0/16, 130.211.0.0/22) and passthrough Network Load Balancers (209.85.x).
 */
export const HEALTH_CHECK_RANGES = ["35.191.0.0/16", "130.211.0.0/22", "209.85.152.0/22", "209.85.204.0/22"];

/** kube-proxy / Dataplane V2 health port that answers for externalTrafficPolicy Local Services, and the node-port range. */
const NODE_HEALTH_PORTS = ["10256", "30000-32767"];
/** Admission webhooks and the metrics API of in-cluster controllers (KEDA, ingress, cert managers). */
const CONTROL_PLANE_TO_NODE_PORTS = ["443", "8443", "9443", "10250"];

export interface FirewallArgs {
  readonly network: pulumi.Input<string>;
  /** The node service account: rules target it rather than network tags anyone could set. */
  readonly nodeServiceAccount: pulumi.Input<string>;
  /** Container ports the load balancers reach directly (container-native load balancing). */
  readonly edgePorts: readonly number[];
}

/**
 * Least-privilege ingress to the nodes: health checks to the edge ports, the control plane to
 * webhooks and kubelets, and traffic inside the cluster's own ranges. Everything else is
 * denied and logged. No rule admits the internet: the load balancers' own rules come from
 * each Service's loadBalancerSourceRanges, managed by GKE.
 */
export function createFirewall(
  name: string,
  cluster: GcpTargetConfig,
  args: FirewallArgs,
  opts: pulumi.CustomResourceOptions,
): compute.Firewall[] {
  const base = {
    project: cluster.project,
    network: args.network,
    direction: "INGRESS",
    targetServiceAccounts: [args.nodeServiceAccount],
    logConfig: { metadata: "INCLUDE_ALL_METADATA" },
  };
  const edgePorts = [...new Set(args.edgePorts)].sort((a, b) => a - b).map(String);
  return [
    new compute.Firewall(
      `${name}-allow-health-checks`,
      {
        ...base,
        description: "Load balancer health checks to node health ports and the edge's container ports",
        priority: 1000,
        sourceRanges: HEALTH_CHECK_RANGES,
        allows: [{ protocol: "tcp", ports: [...NODE_HEALTH_PORTS, ...edgePorts] }],
      },
      opts,
    ),
    new compute.Firewall(
      `${name}-allow-control-plane`,
      {
        ...base,
        description: "The private control plane to kubelets and admission webhooks",
        priority: 1000,
        sourceRanges: [cluster.network.masterCidr],
        allows: [{ protocol: "tcp", ports: CONTROL_PLANE_TO_NODE_PORTS }],
      },
      opts,
    ),
    new compute.Firewall(
      `${name}-allow-internal`,
      {
        ...base,
        description: "Node-to-node and pod-to-pod traffic; network policies narrow it per cell",
        priority: 1000,
        sourceRanges: [cluster.network.nodesCidr, cluster.network.podsCidr],
        allows: [{ protocol: "tcp" }, { protocol: "udp" }, { protocol: "icmp" }],
      },
      opts,
    ),
    new compute.Firewall(
      `${name}-deny-other-ingress`,
      {
        ...base,
        description: "Everything not allowed above, logged",
        priority: 65000,
        sourceRanges: ["0.0.0.0/0"],
        denies: [{ protocol: "all" }],
      },
      opts,
    ),
  ];
}
