import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AutoscalingConfig, EdgeConfig, ServiceSpec } from "../config/types";
import { scalesOnQueueLag } from "../config/services";
import { BINDING_SECRET_KEYS } from "../core/bindings";
import { annotationKeys, CELL_DATA_SECRET } from "../core/labels";
import type { ClusterTarget } from "../targets/cluster-target";
import {
  createAutoscaler,
  createTriggerAuthentication,
  KAFKA_TRIGGER_AUTH,
  PROMETHEUS_TRIGGER_AUTH,
} from "./autoscaling";
import type { CellContext } from "./cell-context";
import { createApiIngress, createEdgeService, edgeAddress, edgeFaces, edgeListener, edgeObjectName } from "./edge";
import { selectorLabels, workloadLabels } from "./pod-template";
import { maxReplicas, planScaling, usesStatefulSet, type ScalingPlan } from "./scaling";
import { createWorkload } from "./workload";

export interface ServiceSetArgs {
  readonly cell: CellContext;
  /** The catalogue, after the stack's overrides. */
  readonly services: readonly ServiceSpec[];
  readonly edge: EdgeConfig;
  readonly autoscaling: AutoscalingConfig;
  /** The cluster the cell runs on; its plan carries the edge timings every gateway follows. */
  readonly target: ClusterTarget;
}

export interface EdgeEndpoints {
  readonly gateway?: pulumi.Output<string>;
  readonly api?: pulumi.Output<string>;
}

/**
 * The IM service catalogue deployed into one cell: per service a workload, its in-cell Service,
 * a disruption budget, an autoscaler where it may scale, and the edge for public services.
 */
export class ServiceSet extends pulumi.ComponentResource {
  readonly endpoints: EdgeEndpoints;
  readonly scalingPlans: Readonly<Record<string, ScalingPlan>>;

  constructor(name: string, args: ServiceSetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:platform:ServiceSet", name, {}, opts);
    const childOpts: pulumi.CustomResourceOptions = { parent: this, dependsOn: args.target.readiness };
    // Without nodes (or a load balancer controller) objects never become ready; do not wait for them.
    const awaitAnnotations: Record<string, string> = args.target.waitForWorkloads
      ? {}
      : { [annotationKeys.skipAwait]: "true" };
    const endpoints: { gateway?: pulumi.Output<string>; api?: pulumi.Output<string> } = {};
    const plans: Record<string, ScalingPlan> = {};
    const timings = args.target.plan.edge;
    const usersPerPod = args.autoscaling.gatewayUsersPerPod ?? 0;
    const usersQuery = usersPerPod > 0 ? args.target.monitoring?.query : undefined;

    for (const service of args.services) {
      const prefix = `${name}-${service.name}`;
      const labels = workloadLabels(service, args.cell);
      const plan = planScaling(service, args.autoscaling, args.cell.scaling[service.name]);
      plans[service.name] = plan;
      const stateful = usesStatefulSet(service);
      const internalPorts = service.ports.map((port) => ({
        name: port.name,
        port: port.port,
        targetPort: port.name,
        protocol: port.protocol,
      }));

      // A public API behind an ingress is reached through this Service: the target may configure the ingress's backend here.
      const ingressBackend = edgeFaces(service).includes("api") && args.edge.api.exposure === "ingress";
      const backendAnnotations = ingressBackend
        ? args.target.edge.backendAnnotations?.(
            edgeListener({ service, cell: args.cell, edge: args.edge, timings, face: "api" }),
            childOpts,
          )
        : undefined;
      if (internalPorts.length > 0) {
        new k8s.core.v1.Service(
          `${prefix}-svc`,
          {
            metadata: {
              name: service.name,
              namespace: args.cell.namespace,
              labels,
              annotations: withAwait(backendAnnotations, awaitAnnotations),
            },
            spec: {
              type: "ClusterIP",
              clusterIP: stateful ? "None" : undefined,
              publishNotReadyAddresses: stateful ? true : undefined,
              selector: selectorLabels(service, args.cell),
              ports: internalPorts,
            },
          },
          childOpts,
        );
      }

      const workload = createWorkload(
        {
          name: prefix,
          service,
          cell: args.cell,
          plan,
          timings,
          labels,
          annotations: awaitAnnotations,
          headlessServiceName: service.name,
        },
        childOpts,
      );
      const workloadOpts = { ...childOpts, dependsOn: [workload.resource] };

      if (plan.kind !== "fixed") {
        createAutoscaler(
          {
            name: prefix,
            namespace: args.cell.namespace,
            labels,
            service,
            plan,
            autoscaling: args.autoscaling,
            target: workload.scaleTarget,
            queue: args.cell.queue,
            ...(usersQuery ? { users: { query: usersQuery, cell: args.cell.cell, perPod: usersPerPod } } : {}),
          },
          workloadOpts,
        );
      }

      // A budget only protects services that can run more than one pod; on a singleton it would block node drains.
      if (maxReplicas(plan) > 1) {
        new k8s.policy.v1.PodDisruptionBudget(
          `${prefix}-pdb`,
          {
            metadata: { name: service.name, namespace: args.cell.namespace, labels },
            spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(service, args.cell) } },
          },
          childOpts,
        );
      }

      for (const face of edgeFaces(service)) {
        const edgeArgs = {
          // Named after the edge object, so a profile change that keeps the name updates it in place.
          name: `${name}-${edgeObjectName(service, face)}`,
          face,
          service,
          cell: args.cell,
          edge: args.edge,
          timings,
          target: args.target,
          selector: selectorLabels(service, args.cell),
          labels,
          annotations: awaitAnnotations,
        };
        if (face === "gateway") {
          endpoints.gateway = edgeAddress(createEdgeService(edgeArgs, childOpts));
        } else if (args.edge.api.exposure === "ingress") {
          endpoints.api = edgeAddress(createApiIngress({ ...edgeArgs, backendService: service.name }, childOpts));
        } else {
          endpoints.api = edgeAddress(createEdgeService(edgeArgs, childOpts));
        }
      }
    }
    if (args.cell.queue && args.services.some((service) => scalesOnQueueLag(service, args.autoscaling))) {
      // KEDA reads the cell's consumer lag as the cell's own Kafka user.
      createTriggerAuthentication(
        `${name}-kafka-auth`,
        { name: KAFKA_TRIGGER_AUTH, namespace: args.cell.namespace },
        {
          secretTargetRef: [
            { parameter: "username", name: CELL_DATA_SECRET, key: BINDING_SECRET_KEYS.kafkaUsername },
            { parameter: "password", name: CELL_DATA_SECRET, key: BINDING_SECRET_KEYS.kafkaPassword },
          ],
        },
        childOpts,
      );
    }
    const provider = usersQuery?.podIdentityProvider;
    if (provider && Object.values(plans).some((plan) => plan.kind === "keda-users")) {
      // KEDA reads the managed Prometheus as its own workload identity, which the target grants the query role.
      createTriggerAuthentication(
        `${name}-prometheus-auth`,
        { name: PROMETHEUS_TRIGGER_AUTH, namespace: args.cell.namespace },
        { podIdentity: { provider, ...(usersQuery?.identityId ? { identityId: usersQuery.identityId } : {}) } },
        childOpts,
      );
    }
    this.endpoints = endpoints;
    this.scalingPlans = plans;
    this.registerOutputs({ endpoints, scalingPlans: plans });
  }
}

/** A Service's annotations with the ones that stop Pulumi waiting for endpoints no pod will ever fill; none stays none. */
function withAwait(
  annotations: Record<string, string> | undefined,
  awaitAnnotations: Record<string, string>,
): Record<string, string> | undefined {
  const merged = { ...awaitAnnotations, ...annotations };
  return Object.keys(merged).length > 0 ? merged : undefined;
}
