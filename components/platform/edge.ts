import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EdgeConfig, ServiceSpec } from "../config/types";
import { isParsedCidr, isWorldOpen, parseCidr } from "../core/cidr";
import { labelKeys } from "../core/labels";
import type { ClusterTarget, EdgeListener } from "../targets/cluster-target";
import type { CellContext } from "./cell-context";
import type { EdgeTimings } from "../core/edge-timing";
import { podGraceSeconds } from "./pod-template";

/** A face of a public service at the edge: long-lived client connections, or the HTTP API. */
export type EdgeFace = "gateway" | "api";

/** The faces a public service shows: a gateway face for its client ports, an API face for its HTTP ports. */
export function edgeFaces(service: ServiceSpec): EdgeFace[] {
  if (service.exposure !== "public") return [];
  const faces: EdgeFace[] = [];
  if (service.ports.some((port) => port.purpose === "client")) faces.push("gateway");
  if (service.ports.some((port) => port.purpose === "http")) faces.push("api");
  return faces;
}

/**
 * The edge object's name: as the service names it, else the service's, with a suffix on the
 * second face of a two-faced service.
 */
export function edgeObjectName(service: ServiceSpec, face: EdgeFace): string {
  const named = service.edgeNames[face];
  if (named) return named;
  return face === "api" && edgeFaces(service).includes("gateway") ? `${service.name}-api-edge` : `${service.name}-edge`;
}

export interface EdgeServiceArgs {
  readonly name: string;
  readonly face: EdgeFace;
  readonly service: ServiceSpec;
  readonly cell: CellContext;
  readonly edge: EdgeConfig;
  readonly timings: EdgeTimings;
  readonly target: ClusterTarget;
  readonly selector: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** Source ranges for the load balancer; none when the edge is deliberately open to everyone. */
export function loadBalancerSourceRanges(edge: EdgeConfig): string[] | undefined {
  const ranges = edge.allowedSourceCidrs.filter((text) => {
    const parsed = parseCidr(text);
    return isParsedCidr(parsed) && !isWorldOpen(parsed);
  });
  return ranges.length > 0 ? ranges : undefined;
}

/** The ports one face shows at the edge: client connections for the gateway face, HTTP for the API's. */
export function edgePortsOf(service: ServiceSpec, face: EdgeFace): ServiceSpec["ports"] {
  const purpose = face === "gateway" ? "client" : "http";
  return service.ports.filter((port) => port.purpose === purpose);
}

/** The port clients reach a face on: 443 where TLS is served, else the face's first port. */
export function edgeFrontPort(port: { readonly port: number }, index: number, edge: Pick<EdgeConfig, "tls">): number {
  return edge.tls.mode !== "none" && index === 0 ? 443 : port.port;
}

export function edgeListener(
  args: Pick<EdgeServiceArgs, "service" | "cell" | "edge" | "timings" | "face">,
): EdgeListener {
  const role = args.face;
  const publicPorts = edgePortsOf(args.service, role);
  return {
    role,
    cell: args.cell.cell,
    idleTimeoutSeconds: args.timings.idleTimeoutSeconds,
    // An API face drains for as long as its pod may take to stop, which a compact server's gateway sets.
    deregistrationDelaySeconds:
      role === "gateway" ? args.timings.deregistrationDelaySeconds : podGraceSeconds(args.service, args.timings),
    healthCheckIntervalSeconds: args.timings.healthCheckIntervalSeconds,
    sessionAffinity: role === "gateway" ? args.edge.sessionAffinity : "none",
    tls: { mode: args.edge.tls.mode, certificate: args.edge.tls.certificate, minVersion: args.edge.tls.minVersion },
    ports: publicPorts.map((port) => port.port),
  };
}

/**
 * The public face of a cell's gateway or API: a LoadBalancer Service carrying the target's
 * annotations for this listener. Client IPs survive (externalTrafficPolicy Local) so source
 * ranges and network policies can see them.
 */
export function createEdgeService(args: EdgeServiceArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Service {
  const listener = edgeListener(args);
  const publicPorts = args.service.ports.filter((port) => listener.ports.includes(port.port));
  const affinity = listener.sessionAffinity === "clientIP";
  return new k8s.core.v1.Service(
    args.name,
    {
      metadata: {
        name: edgeObjectName(args.service, args.face),
        namespace: args.cell.namespace,
        labels: { ...args.labels, [labelKeys.edge]: "true" },
        annotations: { ...args.annotations, ...args.target.edge.annotations(listener) },
      },
      spec: {
        type: "LoadBalancer",
        loadBalancerClass: args.target.edge.loadBalancerClass,
        externalTrafficPolicy: args.target.edge.externalTrafficPolicy,
        allocateLoadBalancerNodePorts: args.target.edge.allocateNodePorts,
        loadBalancerSourceRanges: loadBalancerSourceRanges(args.edge),
        selector: args.selector,
        sessionAffinity: affinity ? "ClientIP" : "None",
        sessionAffinityConfig: affinity
          ? { clientIP: { timeoutSeconds: Math.max(listener.idleTimeoutSeconds, 3600) } }
          : undefined,
        ports: publicPorts.map((port, index) => ({
          name: port.name,
          port: edgeFrontPort(port, index, args.edge),
          targetPort: port.name,
          protocol: port.protocol,
        })),
      },
    },
    opts,
  );
}

/** The public HTTP API through an ingress controller instead of a load balancer of its own. */
export function createApiIngress(
  args: EdgeServiceArgs & { backendService: string },
  opts: pulumi.CustomResourceOptions,
): k8s.networking.v1.Ingress {
  const port = args.service.ports.find((p) => p.purpose === "http") ?? args.service.ports[0];
  const host = args.edge.api.host ? `${args.cell.cell}.${args.edge.api.host}` : undefined;
  return new k8s.networking.v1.Ingress(
    args.name,
    {
      metadata: {
        name: edgeObjectName(args.service, args.face),
        namespace: args.cell.namespace,
        labels: { ...args.labels, [labelKeys.edge]: "true" },
        annotations: args.annotations,
      },
      spec: {
        ingressClassName: args.edge.api.ingressClassName,
        tls: args.edge.tls.secretName && host ? [{ hosts: [host], secretName: args.edge.tls.secretName }] : undefined,
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path: "/",
                  pathType: "Prefix",
                  backend: { service: { name: args.backendService, port: { name: port?.name ?? "http" } } },
                },
              ],
            },
          },
        ],
      },
    },
    opts,
  );
}

/** The address clients use, once the load balancer has one. */
export function edgeAddress(resource: k8s.core.v1.Service | k8s.networking.v1.Ingress): pulumi.Output<string> {
  const status: pulumi.Output<{ loadBalancer?: { ingress?: Array<{ hostname?: string; ip?: string }> } } | undefined> =
    resource.status;
  return status.apply((value) => {
    const ingress = value?.loadBalancer?.ingress?.[0];
    return ingress?.hostname ?? ingress?.ip ?? "pending";
  });
}
