import type * as k8s from "@pulumi/kubernetes";
import type { EdgeConfig, ServiceSpec } from "../config/types";
import { labelKeys } from "../core/labels";
import { namespaceBaseline, tcp, type PolicySpec } from "../core/network-baseline";
import { edgeFaces } from "../platform/edge";

type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** Named NetworkPolicy specs of one cell: deny everything, then allow only what IM needs. */
export function cellNetworkPolicies(args: {
  readonly cell: string;
  readonly services: readonly ServiceSpec[];
  readonly edge: EdgeConfig;
  readonly apiServerCidrs: readonly string[];
  /** Where the target's load balancers reach pods from, besides the clients (EdgeProfile). */
  readonly loadBalancerSourceCidrs: Readonly<Record<"gateway" | "api", readonly string[]>>;
  /** Who scrapes the cell's metrics ports (the target's collector); none when nothing is collected. */
  readonly scrapers: readonly Peer[];
}): Record<string, PolicySpec> {
  const servicePods = (service: ServiceSpec) => ({
    matchLabels: { [labelKeys.name]: service.name, [labelKeys.cell]: args.cell },
  });
  const policies: Record<string, PolicySpec> = {
    // Services of one cell call each other freely; nothing crosses into another cell.
    ...namespaceBaseline("allow-same-cell"),
  };
  const metricsPorts = uniquePorts(
    args.services.flatMap((s) => s.ports.filter((p) => p.purpose === "metrics").map((p) => p.port)),
  );
  if (args.scrapers.length > 0 && metricsPorts.length > 0) {
    // The target's metrics collector, and nothing else, reads the metrics ports.
    policies["allow-metrics-scrape"] = {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [...args.scrapers], ports: metricsPorts.map(tcp) }],
    };
  }

  for (const service of args.services.filter((s) => s.exposure === "public")) {
    const ports = service.ports.filter((p) => p.purpose === "client" || p.purpose === "http");
    const balancers = [...new Set(edgeFaces(service).flatMap((face) => args.loadBalancerSourceCidrs[face]))];
    policies[`allow-edge-${service.name}`] = {
      podSelector: servicePods(service),
      policyTypes: ["Ingress"],
      ingress: [{ from: edgeSources(args.edge, balancers), ports: ports.map((p) => tcp(p.port)) }],
    };
  }

  const apiClients = args.services.filter((s) => s.kubernetesApi);
  if (apiClients.length > 0 && args.apiServerCidrs.length > 0) {
    policies["allow-kube-api"] = {
      podSelector: {
        matchExpressions: [{ key: labelKeys.name, operator: "In", values: apiClients.map((s) => s.name) }],
      },
      policyTypes: ["Egress"],
      egress: [{ to: args.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(443), tcp(6443)] }],
    };
  }

  for (const service of args.services) {
    for (const rule of service.egress) {
      policies[`allow-${service.name}-${rule.name}`] = {
        podSelector: servicePods(service),
        policyTypes: ["Egress"],
        egress: [
          {
            to: rule.cidrs.map((cidr) => ({
              ipBlock: { cidr, except: rule.except.filter((range) => range !== cidr) },
            })),
            ports: rule.ports.map(tcp),
          },
        ],
      };
    }
  }
  return policies;
}

/** The clients (the whole internet when public), then the load balancer's own ranges they do not already cover. */
function edgeSources(edge: EdgeConfig, loadBalancerCidrs: readonly string[]): Peer[] {
  const clients = edge.publicClients ? ["0.0.0.0/0"] : edge.allowedSourceCidrs;
  const extra = edge.publicClients ? [] : loadBalancerCidrs.filter((cidr) => !clients.includes(cidr));
  return [...clients, ...extra].map((cidr) => ({ ipBlock: { cidr } }));
}

function uniquePorts(ports: readonly number[]): number[] {
  return [...new Set(ports)].sort((a, b) => a - b);
}
