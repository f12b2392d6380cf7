import type { EdgeListener, EdgeProfile } from "../cluster-target";
import { listenerPorts } from "../edge-ports";

/** Azure Load Balancer idle timeouts are whole minutes, 4 to 100. */
export const LB_MIN_IDLE_MINUTES = 4;
export const LB_MAX_IDLE_MINUTES = 100;
export const LB_MAX_IDLE_SECONDS = LB_MAX_IDLE_MINUTES * 60;
/** The fastest probing Azure allows: every 5 s, out of rotation after 2 misses; interval x probes may not pass 120 s. */
export const PROBE_MIN_INTERVAL_SECONDS = 5;
export const PROBE_FAILURES = 2;
const PROBE_MAX_WINDOW_SECONDS = 120;
/** kube-proxy answers here on the Service's health node port: 200 while the node has a ready endpoint of it. */
export const LOCAL_HEALTH_PATH = "/healthz";

const SERVICE = "service.beta.kubernetes.io";

/** The listener's idle timeout in the load balancer's whole minutes, rounded up so it still outlasts the heartbeat. */
export function idleTimeoutMinutes(idleTimeoutSeconds: number): number {
  return Math.min(LB_MAX_IDLE_MINUTES, Math.max(LB_MIN_IDLE_MINUTES, Math.ceil(idleTimeoutSeconds / 60)));
}

/**
 * Probe timing that takes a node out of rotation within the platform's health-check interval
 * (two misses), which the preStop wait outlasts: new connections stop before SIGTERM.
 */
export function probeTiming(healthCheckIntervalSeconds: number): {
  readonly intervalSeconds: number;
  readonly failures: number;
} {
  const intervalSeconds = Math.max(
    PROBE_MIN_INTERVAL_SECONDS,
    Math.min(Math.ceil(healthCheckIntervalSeconds / PROBE_FAILURES), PROBE_MAX_WINDOW_SECONDS / PROBE_FAILURES),
  );
  return { intervalSeconds, failures: PROBE_FAILURES };
}

export interface AzureEdgeOptions {
  /** Internal load balancers, with frontends in this subnet; public ones otherwise. */
  readonly internal: boolean;
  readonly edgeSubnetName: string;
  /** Prefix of each public address's DNS label ("<prefix>-<cell>-<role>"); no label when unset. */
  readonly dnsLabelPrefix?: string;
  /** Prefix of the public IP each listener gets, so every cell keeps its own stable address. */
  readonly publicIpPrefix: string;
  /** The Application Gateway for Containers subnet, when the API goes through it: its proxies connect from there. */
  readonly appGatewayCidr?: string;
}

/**
 * The IM edge on Azure: the cloud provider's Standard Load Balancer (L4), one frontend per cell
 * and role. Floating IP keeps the client IP and lets the Service skip node ports (with
 * externalTrafficPolicy Local); the TCP idle timeout is set in whole minutes above the heartbeat.
 * Standard load balancer rules always send a TCP reset at idle timeout, so an idle client learns
 * at once rather than on its next write. The probe is kube-proxy's health check of the node:
 * a node whose gateway pod is terminating stops receiving new connections within two probes,
 * while established flows stay on it until the pod closes them.
 */
export function azureEdgeProfile(options: AzureEdgeOptions): EdgeProfile {
  return {
    externalTrafficPolicy: "Local",
    // Floating IP (the default) delivers to the Service port itself: no node port is needed.
    allocateNodePorts: false,
    // The L4 balancer keeps the client's address and probes kube-proxy on the node.
    loadBalancerSourceCidrs: { gateway: [], api: options.appGatewayCidr ? [options.appGatewayCidr] : [] },
    annotations: (listener: EdgeListener) => {
      const probe = probeTiming(listener.healthCheckIntervalSeconds);
      const name = `${listener.cell}-${listener.role}`;
      const annotations: Record<string, string> = {
        [`${SERVICE}/azure-load-balancer-tcp-idle-timeout`]: String(idleTimeoutMinutes(listener.idleTimeoutSeconds)),
        [`${SERVICE}/azure-load-balancer-health-probe-interval`]: String(probe.intervalSeconds),
        [`${SERVICE}/azure-load-balancer-health-probe-num-of-probe`]: String(probe.failures),
        [`${SERVICE}/azure-pip-tags`]: `im-platform.io-cell=${listener.cell},im-platform.io-role=${listener.role}`,
        "im-platform.io/drain-seconds": String(listener.deregistrationDelaySeconds),
      };
      for (const port of listenerPorts(listener.ports, listener.tls.mode)) {
        annotations[`${SERVICE}/port_${port}_health-probe_protocol`] = "http";
        annotations[`${SERVICE}/port_${port}_health-probe_request-path`] = LOCAL_HEALTH_PATH;
      }
      if (options.internal) {
        annotations[`${SERVICE}/azure-load-balancer-internal`] = "true";
        annotations[`${SERVICE}/azure-load-balancer-internal-subnet`] = options.edgeSubnetName;
      } else {
        annotations[`${SERVICE}/azure-pip-name`] = `${options.publicIpPrefix}-${name}`;
        if (options.dnsLabelPrefix)
          annotations[`${SERVICE}/azure-dns-label-name`] = `${options.dnsLabelPrefix}-${name}`;
      }
      return annotations;
    },
  };
}
