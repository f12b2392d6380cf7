import type * as k8s from "@pulumi/kubernetes";
import type { ResolvedQuota, ServiceSpec } from "../config/types";
import { cellPriorityClasses, type Tier } from "../core/labels";
import { footprintOf } from "../core/capacity";
import { formatBytes, formatCpu } from "../core/quantity";
import { edgeFaces, edgePortsOf } from "../platform/edge";

/** What the cell's edge may allocate: its load balancers and the node ports they need, if any. */
export interface EdgeAllowance {
  readonly loadBalancers: number;
  readonly nodePorts: number;
}

/** The quota of a cell's objects, under the name every cell's quota had before compute was split out. */
export const CELL_QUOTA = "im-cell-quota";

/** One of a cell's ResourceQuotas: its object name and spec. */
export interface CellQuota {
  readonly name: string;
  readonly spec: k8s.types.input.core.v1.ResourceQuotaSpec;
}

/**
 * A cell's quotas. Compute (requests, limits, pods) counts the two priority classes the
 * platform's admission policy lets into the cell (its tier's and the data tier's), so a tier move
 * creates the new layout under the new tier's quota while the old layout's pods still count
 * against the old one: Pulumi's create-before-delete completes instead of waiting on pods a
 * shrunken quota refuses. A second quota bounds the cell's objects (claims, storage, load
 * balancers, and no NodePort beyond the edge's own).
 */
export function cellQuotas(quota: ResolvedQuota, edge: EdgeAllowance, tier: Tier): CellQuota[] {
  const noStorage = quota.storage === "0";
  return [
    {
      name: CELL_QUOTA,
      spec: {
        hard: {
          "requests.storage": quota.storage,
          persistentvolumeclaims: noStorage ? "0" : "50",
          "services.loadbalancers": String(edge.loadBalancers),
          "services.nodeports": String(edge.nodePorts),
        },
      },
    },
    {
      name: `im-cell-compute-${tier}`,
      spec: {
        hard: {
          "requests.cpu": quota.cpu,
          "requests.memory": quota.memory,
          "limits.cpu": quota.cpuLimit,
          "limits.memory": quota.memoryLimit,
          pods: String(quota.pods),
        },
        scopeSelector: {
          matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: cellPriorityClasses(tier) }],
        },
      },
    },
  ];
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
