import type * as k8s from "@pulumi/kubernetes";
import type { DataConfig } from "../../config/data-schema";
import { parseQuantity } from "../../core/quantity";
import { NO_DEMAND, sumDemands, type Demand } from "../../core/node-fit";
import { cellRedis, dataSetServices } from "./data-services";

type Container = k8s.types.input.core.v1.Container;

/** A container's CPU and memory requests, where the spec states them as plain quantities (the data tier's always do). */
function requestsOf(container: Container): { cpu: number; memory: number } {
  const resources = container.resources as { requests?: Record<string, unknown> } | undefined;
  const read = (key: string) => {
    const value = resources?.requests?.[key];
    return typeof value === "string" ? (parseQuantity(value) ?? 0) : 0;
  };
  return { cpu: read("cpu"), memory: read("memory") };
}

function specDemand(spec: { readonly replicas: number; readonly containers: readonly Container[] }): Demand {
  const perPod = spec.containers.map(requestsOf).reduce((sum, next) => ({
    cpu: sum.cpu + next.cpu,
    memory: sum.memory + next.memory,
  }));
  return { cpu: perPod.cpu * spec.replicas, memory: perPod.memory * spec.replicas, pods: spec.replicas };
}

/**
 * What one data set's long-running services request in the cluster (MongoDB members, Kafka, the
 * object store, etcd), read from the very specs the data tier deploys; nothing with external data.
 * With managed data it counts them all: which stay in the cluster is the target's to say, and
 * sizing for more than runs errs on the safe side.
 */
export function dataSetDemand(data: DataConfig, dataSet: string): Demand {
  if (data.mode === "external") return NO_DEMAND;
  // The seed only names Kafka's cluster id, which no request depends on.
  const specs = dataSetServices({ data, dataSet, namespace: data.namespace, seed: "sizing", skipAwait: true });
  return sumDemands(specs.map(specDemand));
}

/** What one cell's Redis requests in the cluster; a managed Redis's TLS proxy asks less. */
export function cellRedisDemand(data: DataConfig): Demand {
  return specDemand(cellRedis(data, "redis", "secret", "key"));
}
