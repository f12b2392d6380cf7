import type { CellContext } from "./cell-context";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { AutoscalingConfig, ServiceSpec } from "../config/types";
import type { MetricsQuery } from "../targets/capabilities";
import { METRIC_LABELS } from "../core/metric-labels";
import type { ScalingPlan } from "./scaling";

type Behavior = k8s.types.input.autoscaling.v2.HorizontalPodAutoscalerBehavior;

/** A gateway scale-in is a reconnect wave: shed one pod a minute after a calm window. */
export function scalingBehavior(service: ServiceSpec, autoscaling: AutoscalingConfig): Behavior {
  const scaleDownPolicy =
    service.role === "gateway"
      ? { type: "Pods", value: 1, periodSeconds: 60 }
      : { type: "Percent", value: 50, periodSeconds: 60 };
  return {
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: "Max",
      policies: [
        { type: "Percent", value: 100, periodSeconds: 30 },
        { type: "Pods", value: 4, periodSeconds: 30 },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds: autoscaling.scaleDownStabilizationSeconds,
      selectPolicy: "Min",
      policies: [scaleDownPolicy],
    },
  };
}

export interface AutoscalerArgs {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly service: ServiceSpec;
  readonly plan: Exclude<ScalingPlan, { kind: "fixed" }>;
  readonly autoscaling: AutoscalingConfig;
  readonly target: { apiVersion: string; kind: string; name: string };
  /** The cell's broker and topic prefix: Kafka triggers read their cell's own topic and group. */
  readonly queue?: CellContext["queue"];
  /** For a gateway scaled on its users: where KEDA reads them, and the cell they belong to. */
  readonly users?: { readonly query: MetricsQuery; readonly cell: string; readonly perPod: number };
}

/** The cell's KEDA TriggerAuthentication for a managed Prometheus, through the operator's pod identity. */
export const PROMETHEUS_TRIGGER_AUTH = "im-prometheus";

/**
 * The gateway's users trigger: KEDA divides the cell's online users (every gateway pod's
 * online_user_num, summed) by the users per pod to get the replicas.
 */
export function usersTrigger(users: NonNullable<AutoscalerArgs["users"]>) {
  const cell = `${METRIC_LABELS.cell}=${JSON.stringify(users.cell)}`;
  return {
    type: "prometheus",
    metadata: {
      ...users.query.metadata,
      serverAddress: users.query.serverAddress,
      query: `sum(online_user_num{${cell}}) or vector(0)`,
      threshold: String(users.perPod),
      activationThreshold: "0",
    },
    ...(users.query.podIdentityProvider ? { authenticationRef: { name: PROMETHEUS_TRIGGER_AUTH } } : {}),
  };
}

/** A Kafka trigger points at the cell's broker, topic and group, authenticated as the cell. */
function kedaTrigger(trigger: ServiceSpec["keda"][number], queue: AutoscalerArgs["queue"]) {
  if (trigger.type !== "kafka" || !queue) return { type: trigger.type, metadata: trigger.metadata };
  const { topic, consumerGroup } = trigger.metadata;
  return {
    type: trigger.type,
    metadata: {
      bootstrapServers: queue.servers,
      ...trigger.metadata,
      ...(topic ? { topic: `${queue.prefix}${topic}` } : {}),
      ...(consumerGroup ? { consumerGroup: `${queue.prefix}${consumerGroup}` } : {}),
      sasl: queue.sasl,
      ...(queue.tls ? { tls: "enable" } : {}),
    },
    authenticationRef: { name: KAFKA_TRIGGER_AUTH },
  };
}

/** The cell's KEDA TriggerAuthentication, reading the cell's Kafka user from its data Secret. */
export const KAFKA_TRIGGER_AUTH = "im-kafka";

export function createAutoscaler(args: AutoscalerArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource {
  const { plan, service, autoscaling } = args;
  const metadata = { name: args.service.name, namespace: args.namespace, labels: args.labels };
  if (plan.kind === "keda" || plan.kind === "keda-users") {
    return new k8s.apiextensions.CustomResource(
      args.name,
      {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata,
        spec: {
          scaleTargetRef: { apiVersion: args.target.apiVersion, kind: args.target.kind, name: args.target.name },
          minReplicaCount: plan.min,
          maxReplicaCount: plan.max,
          pollingInterval: 15,
          cooldownPeriod: autoscaling.scaleDownStabilizationSeconds,
          advanced: { horizontalPodAutoscalerConfig: { behavior: scalingBehavior(service, autoscaling) } },
          triggers:
            plan.kind === "keda-users" && args.users
              ? [usersTrigger(args.users)]
              : service.keda.map((trigger) => kedaTrigger(trigger, args.queue)),
        },
      },
      opts,
    );
  }
  const metrics: k8s.types.input.autoscaling.v2.MetricSpec[] = [
    {
      type: "Resource",
      resource: { name: "cpu", target: { type: "Utilization", averageUtilization: autoscaling.cpuTargetPercent } },
    },
  ];
  return new k8s.autoscaling.v2.HorizontalPodAutoscaler(
    args.name,
    {
      metadata,
      spec: {
        scaleTargetRef: args.target,
        minReplicas: plan.min,
        maxReplicas: plan.max,
        metrics,
        behavior: scalingBehavior(service, autoscaling),
      },
    },
    opts,
  );
}

/** A KEDA TriggerAuthentication in a cell: how its scalers authenticate to what they read. */
export function createTriggerAuthentication(
  resourceName: string,
  metadata: { readonly name: string; readonly namespace: string },
  spec: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Resource {
  return new k8s.apiextensions.CustomResource(
    resourceName,
    { apiVersion: "keda.sh/v1alpha1", kind: "TriggerAuthentication", metadata, spec },
    opts,
  );
}
