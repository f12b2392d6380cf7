import type { EdgeListener, EdgeProfile } from "../cluster-target";

/**
 * A passthrough load balancer has no idle timer of its own; GCP's connection tracking forgets
 * a TCP flow after 10 idle minutes. Heartbeats shorter than that keep connections open for
 * as long as the client wants.
 */
export const PASSTHROUGH_IDLE_SECONDS = 600;

/** Where Google's proxy load balancers and health checkers connect from. */
export const GOOGLE_FRONT_END_RANGES: readonly string[] = ["35.191.0.0/16", "130.211.0.0/22"];

/**
 * Annotations for a LoadBalancer Service: a backend-service-based external passthrough Network
 * Load Balancer (L4). Packets reach the gateway untouched, so the client IP survives
 * (externalTrafficPolicy Local), TLS ends in the pod, and no proxy caps a WebSocket's lifetime.
 * Established flows stay on a terminating pod until it closes them: the pod's preStop and
 * grace period (set by the platform from these timings) are the drain.
 */
export function passthroughAnnotations(listener: EdgeListener): Record<string, string> {
  return {
    "cloud.google.com/l4-rbs": "enabled",
    "im-platform.io/idle-timeout-seconds": String(PASSTHROUGH_IDLE_SECONDS),
    "im-platform.io/drain-seconds": String(listener.deregistrationDelaySeconds),
  };
}

/**
 * The GCP edge: passthrough L4 for LoadBalancer Services (the gateway, and the API unless it
 * goes through an ingress); for an API behind the GKE ingress, `backendAnnotations` binds
 * its Service to a BackendConfig with the listener's timings and the Cloud Armor policy.
 */
export function gcpEdgeProfile(backendAnnotations?: EdgeProfile["backendAnnotations"]): EdgeProfile {
  return {
    // Passthrough keeps the client's address and health-checks the node; the ingress's proxies
    // and health checks reach the API pods (container-native) from Google's front ends.
    loadBalancerSourceCidrs: { gateway: [], api: backendAnnotations ? GOOGLE_FRONT_END_RANGES : [] },
    externalTrafficPolicy: "Local",
    // Passthrough backends are the nodes' instance groups: packets arrive on the Service's node ports.
    allocateNodePorts: true,
    annotations: passthroughAnnotations,
    backendAnnotations,
  };
}
