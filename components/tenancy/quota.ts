import type * as k8s from "@pulumi/kubernetes";
import type { ResolvedQuota, ServiceSpec } from "../config/types";
import { footprintOf } from "../core/capacity";
import { formatBytes, formatCpu } from "../core/quantity";
import { edgeFaces, edgePortsOf } from "../platform/edge";

/** What the cell's edge may allocate: its load balancers and the node ports they need, if any. */
export interface EdgeAllowance {
  readonly loadBalancers: number;
  readonly nodePorts: number;
}

/** Hard limits of a cell: requests, limits, pods, storage, and no NodePort beyond the edge's own. */
export function quotaHard(quota: ResolvedQuota, edge: EdgeAllowance): Record<string, string> {
  const noStorage = quota.storage === "0";
  return {
    "requests.cpu": quota.cpu,
    "requests.memory": quota.memory,
    "limits.cpu": quota.cpuLimit,
    "limits.memory": quota.memoryLimit,
    pods: String(quota.pods),
    "requests.storage": quota.storage,
    persistentvolumeclaims: noStorage ? "0" : "50",
    "services.loadbalancers": String(edge.loadBalancers),
    "services.nodeports": String(edge.nodePorts),
  };
}

/**
 * Defaults for containers that state no resources (so the quota can admit them) and a ceiling
 * no single container may pass: the largest the catalogue itself asks for.
 */
export function limitRangeSpec(services: readonly ServiceSpec[]): k8s.types.input.core.v1.LimitRangeSpec {
  const largest = services.reduce(
    (max, service) => {
      const limits = footprintOf(service.resources.limits);
      return { cpu: Math.max(max.cpu, limits.cpu), memory: Math.max(max.memory, limits.memory) };
    },
    { cpu: 0.5, memory: 512 * 2 ** 20 },
  );
  return {
    limits: [
      {
        type: "Container",
        default: { cpu: "500m", memory: "512Mi" },
        defaultRequest: { cpu: "100m", memory: "128Mi" },
        max: { cpu: formatCpu(largest.cpu), memory: formatBytes(largest.memory) },
      },
    ],
  };
}

/**
 * Edge load balancers a cell is allowed (one per public service that gets its own) and, where
 * the target's load balancer goes through node ports, one node port per edge port.
 */
export function edgeAllowance(
  services: readonly ServiceSpec[],
  apiExposure: "loadBalancer" | "ingress",
  allocateNodePorts: boolean,
): EdgeAllowance {
  const faces = services.flatMap((service) =>
    edgeFaces(service)
      .filter((face) => face === "gateway" || apiExposure === "loadBalancer")
      .map((face) => edgePortsOf(service, face).length),
  );
  const ports = faces.reduce((sum, count) => sum + count, 0);
  return { loadBalancers: faces.length, nodePorts: allocateNodePorts ? ports : 0 };
}
