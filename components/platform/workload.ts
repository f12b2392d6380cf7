import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceSpec } from "../config/types";
import type { CellContext } from "./cell-context";
import { podTemplate, selectorLabels } from "./pod-template";
import { initialReplicas, usesStatefulSet, type ScalingPlan } from "./scaling";
import type { EdgeTimings } from "../core/edge-timing";

export interface WorkloadArgs {
  readonly name: string;
  readonly service: ServiceSpec;
  readonly cell: CellContext;
  readonly plan: ScalingPlan;
  readonly timings: EdgeTimings;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** Headless Service that gives StatefulSet pods their stable names. */
  readonly headlessServiceName: string;
}

export interface Workload {
  readonly resource: k8s.apps.v1.Deployment | k8s.apps.v1.StatefulSet;
  readonly scaleTarget: { apiVersion: string; kind: string; name: string };
}

/**
 * One pod at a time: a surge pod comes up before an old one leaves, so a rollout never drops
 * capacity. A singleton is recreated instead, so two copies never run at once.
 */
export function createWorkload(args: WorkloadArgs, opts: pulumi.CustomResourceOptions): Workload {
  const { service, cell, plan } = args;
  const metadata = {
    name: service.name,
    namespace: cell.namespace,
    labels: args.labels,
    annotations: args.annotations,
  };
  const selector = { matchLabels: selectorLabels(service, cell) };
  const template = podTemplate(service, cell, args.timings);
  // An autoscaler owns the replica count once it exists; re-applying min on every deploy would fight it.
  const workloadOpts = plan.kind === "fixed" ? opts : { ...opts, ignoreChanges: ["spec.replicas"] };
  if (usesStatefulSet(service)) {
    const resource = new k8s.apps.v1.StatefulSet(
      args.name,
      {
        metadata,
        spec: {
          serviceName: args.headlessServiceName,
          replicas: initialReplicas(plan),
          selector,
          template,
          podManagementPolicy: "OrderedReady",
          // One pod at a time; maxUnavailable is behind a feature gate that is off by default, and an
          // API server without it drops the field, which would show as a change on every update.
          updateStrategy: { type: "RollingUpdate" },
        },
      },
      workloadOpts,
    );
    return { resource, scaleTarget: { apiVersion: "apps/v1", kind: "StatefulSet", name: service.name } };
  }
  const strategy =
    service.role === "singleton"
      ? { type: "Recreate" }
      : { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
  const resource = new k8s.apps.v1.Deployment(
    args.name,
    {
      metadata,
      spec: {
        replicas: initialReplicas(plan),
        selector,
        template,
        strategy,
        revisionHistoryLimit: 5,
        minReadySeconds: service.role === "gateway" ? 10 : 0,
        progressDeadlineSeconds: 600,
      },
    },
    workloadOpts,
  );
  return { resource, scaleTarget: { apiVersion: "apps/v1", kind: "Deployment", name: service.name } };
}
