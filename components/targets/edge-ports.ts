import type { EdgeConfig, ServicePort, ServiceSpec } from "../config/types";
import { isParsedCidr, isWorldOpen, parseCidr } from "../core/cidr";
import type { EdgeListener } from "./cluster-target";

/** The edge's TLS port; the platform serves the first public port of a TLS edge on it. */
export const TLS_PORT = 443;
export const WORLD_IPV4 = "0.0.0.0/0";

/** Ports the load balancer listens on: the platform serves the first public port on 443 when TLS is on. */
export function listenerPorts(ports: readonly number[], tlsMode: EdgeListener["tls"]["mode"]): number[] {
  return ports.map((port, index) => (tlsMode !== "none" && index === 0 ? TLS_PORT : port));
}

/**
 * Ports the edge load balancers listen on: the gateways' client ports and, when the API has a
 * load balancer of its own (rather than an ingress), its HTTP ports.
 */
export function edgeIngressPorts(
  services: readonly ServiceSpec[],
  edge: EdgeConfig,
  apiOnLoadBalancer: boolean,
): number[] {
  const ports = services
    .filter((service) => service.exposure === "public" && (service.role === "gateway" || apiOnLoadBalancer))
    .flatMap((service) => {
      const purpose = service.role === "gateway" ? "client" : "http";
      return listenerPorts(
        service.ports.filter((port) => port.purpose === purpose).map((port) => port.port),
        edge.tls.mode,
      );
    });
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** Container ports of the chosen public services with the given purposes: what a load balancer or gateway sends to. */
export function publicContainerPorts(
  services: readonly ServiceSpec[],
  purposes: readonly ServicePort["purpose"][],
  include: (service: ServiceSpec) => boolean = () => true,
): number[] {
  return services
    .filter((service) => service.exposure === "public" && include(service))
    .flatMap((service) => service.ports.filter((port) => purposes.includes(port.purpose)).map((port) => port.port));
}

/** The edge's client ranges: the listed ones, or everyone when the stack says clients are public. */
export function edgeSourceCidrs(edge: EdgeConfig): string[] {
  const ranges = edge.allowedSourceCidrs.filter((text) => {
    const parsed = parseCidr(text);
    return isParsedCidr(parsed) && !isWorldOpen(parsed);
  });
  return ranges.length > 0 ? ranges : edge.publicClients ? [WORLD_IPV4] : [];
}
