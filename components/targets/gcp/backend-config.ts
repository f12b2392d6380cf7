import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { cellNamespace, commonLabels, labelKeys } from "../../core/labels";
import type { EdgeListener } from "../cluster-target";

export const BACKEND_CONFIG_NAME = "im-api-edge";

/** The GKE ingress settings of one listener's backend, from the platform's edge timings. */
export function backendConfigSpec(listener: EdgeListener, securityPolicy: string): Record<string, unknown> {
  return {
    // Longer than the heartbeat: a request (or long poll) is not cut between pings.
    timeoutSec: listener.idleTimeoutSeconds,
    // The load balancer lets a leaving pod finish its requests for as long as the pod is given.
    connectionDraining: { drainingTimeoutSec: listener.deregistrationDelaySeconds },
    healthCheck: { checkIntervalSec: listener.healthCheckIntervalSeconds },
    securityPolicy: { name: securityPolicy },
    logging: { enable: true, sampleRate: 1 },
    ...(listener.sessionAffinity === "clientIP" ? { sessionAffinity: { affinityType: "CLIENT_IP" } } : {}),
  };
}

/**
 * Registers one BackendConfig per cell the first time the platform asks for a listener's
 * backend annotations (with the cell's options, so it follows the cell's namespace), and returns
 * the annotations that bind the cell's API Service to it (container-native load balancing).
 */
export function backendConfigs(
  name: string,
  securityPolicy: pulumi.Output<string>,
): (listener: EdgeListener, opts: pulumi.CustomResourceOptions) => Record<string, string> {
  const created = new Map<string, k8s.apiextensions.CustomResource>();
  return (listener, opts) => {
    if (!created.has(listener.cell)) {
      created.set(
        listener.cell,
        new k8s.apiextensions.CustomResource(
          `${name}-backend-${listener.cell}`,
          {
            apiVersion: "cloud.google.com/v1",
            kind: "BackendConfig",
            metadata: {
              name: BACKEND_CONFIG_NAME,
              namespace: cellNamespace(listener.cell),
              labels: commonLabels({ [labelKeys.cell]: listener.cell }),
            },
            spec: securityPolicy.apply((policy) => backendConfigSpec(listener, policy)),
          },
          opts,
        ),
      );
    }
    return {
      "cloud.google.com/backend-config": JSON.stringify({ default: BACKEND_CONFIG_NAME }),
      "cloud.google.com/neg": JSON.stringify({ ingress: true }),
    };
  };
}
