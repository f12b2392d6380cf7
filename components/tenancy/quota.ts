import type * as k8s from "@pulumi/kubernetes";
import type { ResolvedQuota, ServiceSpec } from "../config/types";
import { footprintOf } from "../core/capacity";
import { formatBytes, formatCpu } from "../core/quantity";

/** Hard limits of a cell: requests, limits, pods, storage, and no NodePorts at all. */
export function quotaHard(quota: ResolvedQuota, loadBalancers: number): Record<string, string> {
  const noStorage = quota.storage === "0";
  return {
    "requests.cpu": quota.cpu,
    "requests.memory": quota.memory,
    "limits.cpu": quota.cpuLimit,
    "limits.memory": quota.memoryLimit,
    pods: String(quota.pods),
    "requests.storage": quota.storage,
    persistentvolumeclaims: noStorage ? "0" : "50",
    "services.loadbalancers": String(loadBalancers),
    "services.nodeports": "0",
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
    limits: [{
      type: "Container",
      default: { cpu: "500m", memory: "512Mi" },
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      max: { cpu: formatCpu(largest.cpu), memory: formatBytes(largest.memory) },
    }],
  };
}

/** Edge load balancers a cell is allowed: one per public service that gets its own. */
export function edgeLoadBalancerCount(services: readonly ServiceSpec[], apiExposure: "loadBalancer" | "ingress"): number {
  return services.filter((service) =>
    service.exposure === "public" && (service.role === "gateway" || apiExposure === "loadBalancer")).length;
}
