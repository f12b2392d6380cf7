/** The edge settings the timing chain is derived from (the validated `edge` config section). */
export interface EdgeTimingInput {
  readonly clientHeartbeatSeconds: number;
  readonly idleTimeoutSeconds?: number;
  readonly drainSeconds: number;
}

/** Heartbeats need this margin under the idle timeout, or an idle connection is cut between two pings. */
export const HEARTBEAT_MARGIN_SECONDS = 10;

/**
 * The idle timeout every hop of the edge uses: the configured one, or twice the heartbeat plus
 * the margin, capped by the load balancer's ceiling. The only place it is derived.
 */
export function effectiveIdleTimeout(edge: EdgeTimingInput, maxSeconds: number): number {
  return edge.idleTimeoutSeconds ?? Math.min(2 * edge.clientHeartbeatSeconds + HEARTBEAT_MARGIN_SECONDS, maxSeconds);
}

/**
 * The edge's timing chain for a gateway pod leaving service:
 *   t=0        pod terminating: endpoints mark it not-ready, the load balancer starts deregistering it
 *   t=0..P     preStop sleep: the deregistration propagates; existing connections keep flowing
 *   t=P        SIGTERM: the gateway stops accepting and asks clients to reconnect, over `drainSeconds`
 *   t=P+D      connections gone; the load balancer's deregistration delay (P+D) ends
 *   t=P+D+B    SIGKILL at the end of terminationGracePeriodSeconds
 * so grace >= deregistration delay >= preStop + drain, and idle timeout > heartbeat on every hop.
 */
export interface EdgeTimings {
  readonly clientHeartbeatSeconds: number;
  readonly idleTimeoutSeconds: number;
  readonly preStopSeconds: number;
  readonly drainSeconds: number;
  readonly deregistrationDelaySeconds: number;
  readonly terminationGracePeriodSeconds: number;
  readonly readinessPeriodSeconds: number;
  readonly readinessFailureThreshold: number;
  readonly healthCheckIntervalSeconds: number;
}

/** Time for a deregistration to reach the load balancer and kube-proxy on every node. */
export const PROPAGATION_SECONDS = 15;
/** Slack between the load balancer letting go and the kubelet's SIGKILL. */
export const SHUTDOWN_BUFFER_SECONDS = 5;

export function planEdgeTimings(edge: EdgeTimingInput, maxIdleTimeoutSeconds: number): EdgeTimings {
  const preStopSeconds = PROPAGATION_SECONDS;
  const deregistrationDelaySeconds = preStopSeconds + edge.drainSeconds;
  return {
    clientHeartbeatSeconds: edge.clientHeartbeatSeconds,
    idleTimeoutSeconds: effectiveIdleTimeout(edge, maxIdleTimeoutSeconds),
    preStopSeconds,
    drainSeconds: edge.drainSeconds,
    deregistrationDelaySeconds,
    terminationGracePeriodSeconds: deregistrationDelaySeconds + SHUTDOWN_BUFFER_SECONDS,
    readinessPeriodSeconds: 5,
    readinessFailureThreshold: 2,
    healthCheckIntervalSeconds: 10,
  };
}
