import type { EdgeProfile } from "../cluster-target";
import { listenerPorts, TLS_PORT } from "../edge-ports";
import { TLS_POLICIES } from "./conventions";

/** NLB TCP listeners accept an idle timeout of 60-6000 s (default 350). */
export const NLB_MIN_TCP_IDLE_SECONDS = 60;
export const NLB_MAX_TCP_IDLE_SECONDS = 6000;
/** NLB TLS listeners keep a fixed 350 s idle timeout. */
export const NLB_TLS_IDLE_SECONDS = 350;
export const ALB_MAX_IDLE_SECONDS = 4000;

const SERVICE = "service.beta.kubernetes.io";

export interface AwsEdgeOptions {
  readonly scheme: "internet-facing" | "internal";
  /** Name tag of the edge security group; the controller resolves it in the cluster's VPC. */
  readonly securityGroupName: string;
  /** Subnets the load balancers live in: their nodes health-check the pods from there (and an ALB proxies from there). */
  readonly subnetCidrs: readonly string[];
}

/**
 * The IM edge on AWS: a Network Load Balancer made by the AWS Load Balancer Controller, with IP
 * targets (straight to the pod, no second hop), cross-zone balancing, the client IP preserved,
 * the TCP idle timeout set above the heartbeat, and a deregistration delay that ends exactly when
 * the pod's drain does (then closes what is left, so no connection outlives its pod).
 */
export function awsEdgeProfile(options: AwsEdgeOptions): EdgeProfile {
  return {
    loadBalancerClass: "service.k8s.aws/nlb",
    externalTrafficPolicy: "Local",
    // IP targets: the load balancer sends straight to pod addresses, never through node ports.
    allocateNodePorts: false,
    loadBalancerSourceCidrs: { gateway: options.subnetCidrs, api: options.subnetCidrs },
    annotations: (listener) => {
      const ports = listenerPorts(listener.ports, listener.tls.mode);
      const tlsAtEdge = listener.tls.mode === "edge" && listener.tls.certificate !== undefined;
      const targetGroup = [
        `deregistration_delay.timeout_seconds=${listener.deregistrationDelaySeconds}`,
        "deregistration_delay.connection_termination.enabled=true",
        "preserve_client_ip.enabled=true",
        ...(listener.sessionAffinity === "clientIP" ? ["stickiness.enabled=true", "stickiness.type=source_ip"] : []),
      ];
      const annotations: Record<string, string> = {
        [`${SERVICE}/aws-load-balancer-scheme`]: options.scheme,
        [`${SERVICE}/aws-load-balancer-nlb-target-type`]: "ip",
        [`${SERVICE}/aws-load-balancer-ip-address-type`]: "ipv4",
        [`${SERVICE}/aws-load-balancer-attributes`]: "load_balancing.cross_zone.enabled=true",
        [`${SERVICE}/aws-load-balancer-target-group-attributes`]: targetGroup.join(","),
        [`${SERVICE}/aws-load-balancer-healthcheck-protocol`]: "tcp",
        [`${SERVICE}/aws-load-balancer-healthcheck-interval`]: String(listener.healthCheckIntervalSeconds),
        // The kit's own security group carries the source ranges; the controller adds the backend rules.
        [`${SERVICE}/aws-load-balancer-security-groups`]: options.securityGroupName,
        [`${SERVICE}/aws-load-balancer-manage-backend-security-group-rules`]: "true",
        [`${SERVICE}/aws-load-balancer-additional-resource-tags`]: `im-platform.io/cell=${listener.cell},im-platform.io/role=${listener.role}`,
      };
      if (tlsAtEdge) {
        annotations[`${SERVICE}/aws-load-balancer-ssl-cert`] = listener.tls.certificate ?? "";
        annotations[`${SERVICE}/aws-load-balancer-ssl-ports`] = String(TLS_PORT);
        annotations[`${SERVICE}/aws-load-balancer-ssl-negotiation-policy`] = TLS_POLICIES[listener.tls.minVersion];
      }
      // TLS listeners keep their fixed idle timeout; TCP listeners take ours (never below the NLB minimum).
      const idle = Math.max(listener.idleTimeoutSeconds, NLB_MIN_TCP_IDLE_SECONDS);
      for (const port of ports) {
        if (tlsAtEdge && port === TLS_PORT) continue;
        annotations[`${SERVICE}/aws-load-balancer-listener-attributes.TCP-${port}`] =
          `tcp.idle_timeout.seconds=${idle}`;
      }
      return annotations;
    },
  };
}
