import type * as pulumi from "@pulumi/pulumi";
import type { EdgeListener, EdgeProfile } from "../cluster-target";
import { TLS_PORT } from "../edge-ports";

/** The cloud controller's class for Network Load Balancers (its CLB is the default, with no class). */
export const NLB_CLASS = "alibabacloud.com/nlb";
const ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-";
/** Terway: the load balancer sends to pod ENIs, never through node ports. */
export const BACKEND_TYPE = "service.beta.kubernetes.io/backend-type";

/** Accepted values, inclusive: NLB's listener idle timeout and server-group drain, CLB's TCP listener timers. */
export const LIMITS = {
  nlbIdleSeconds: { min: 1, max: 900 },
  nlbDrainSeconds: { min: 10, max: 900 },
  nlbHealthIntervalSeconds: { min: 5, max: 50 },
  clbEstablishedSeconds: { min: 10, max: 900 },
  clbDrainSeconds: { min: 10, max: 900 },
  clbHealthIntervalSeconds: { min: 1, max: 50 },
  clbPersistenceSeconds: { min: 0, max: 3600 },
} as const;

/** The longest idle timeout either load balancer keeps a quiet connection for: both stop at 900 s. */
export const EDGE_MAX_IDLE_SECONDS = Math.min(LIMITS.nlbIdleSeconds.max, LIMITS.clbEstablishedSeconds.max);

/** CLB health checks and L4 proxying come from this reserved block. */
export const CLB_SYSTEM_RANGE = "100.64.0.0/10";

/** NLB's system TLS policies: none refuses 1.2, so 1.3 gets the strict one that adds it. */
export const NLB_TLS_POLICIES = {
  "1.2": "tls_cipher_policy_1_2_strict",
  "1.3": "tls_cipher_policy_1_2_strict_with_1_3",
} as const;

export function clamp(value: number, range: { readonly min: number; readonly max: number }): number {
  return Math.min(range.max, Math.max(range.min, value));
}

export interface AlibabaEdgeOptions {
  readonly type: "nlb" | "clb";
  readonly addressType: "internet" | "intranet";
  /** NLB: `zone:vswitch` pairs, one per zone, comma separated. */
  readonly zoneMaps: pulumi.Input<string>;
  /** NLB: the edge security group that admits clients to the listener ports. */
  readonly securityGroupId: pulumi.Input<string>;
  /** CLB: the whitelist ACL of client ranges; undefined where the edge admits everyone. */
  readonly aclId?: pulumi.Input<string>;
  /** Ranges the NLB's own addresses come from (its zones' vSwitches): its health checks reach pods from there. */
  readonly nodeCidrs: readonly string[];
}

/** Tags each load balancer carries, so a cell's address can be told apart in the console and bills. */
function resourceTags(listener: EdgeListener): string {
  return `im-platform.io-cell=${listener.cell},im-platform.io-role=${listener.role}`;
}

function nlbAnnotations(listener: EdgeListener, options: AlibabaEdgeOptions): Record<string, pulumi.Input<string>> {
  const annotations: Record<string, pulumi.Input<string>> = {
    [`${ANNOTATION}zone-maps`]: options.zoneMaps,
    [`${ANNOTATION}security-group-ids`]: options.securityGroupId,
    [`${ANNOTATION}cross-zone-enabled`]: "on",
    [`${ANNOTATION}idle-timeout`]: String(clamp(listener.idleTimeoutSeconds, LIMITS.nlbIdleSeconds)),
    [`${ANNOTATION}connection-drain`]: "on",
    [`${ANNOTATION}connection-drain-timeout`]: String(
      clamp(listener.deregistrationDelaySeconds, LIMITS.nlbDrainSeconds),
    ),
    [`${ANNOTATION}preserve-client-ip`]: "on",
    [`${ANNOTATION}health-check-flag`]: "on",
    // NLB's API spells its protocols in capitals, CLB's in lower case.
    [`${ANNOTATION}health-check-type`]: "TCP",
    [`${ANNOTATION}health-check-interval`]: String(
      clamp(listener.healthCheckIntervalSeconds, LIMITS.nlbHealthIntervalSeconds),
    ),
  };
  // Source-IP hashing keeps a client on one pod without a persistence timer.
  if (listener.sessionAffinity === "clientIP") annotations[`${ANNOTATION}scheduler`] = "Sch";
  if (listener.tls.mode === "edge" && listener.tls.certificate) {
    annotations[`${ANNOTATION}protocol-port`] = `tcpssl:${TLS_PORT}`;
    annotations[`${ANNOTATION}cert-id`] = listener.tls.certificate;
    annotations[`${ANNOTATION}tls-cipher-policy`] = NLB_TLS_POLICIES[listener.tls.minVersion];
  }
  return annotations;
}

function clbAnnotations(listener: EdgeListener, options: AlibabaEdgeOptions): Record<string, pulumi.Input<string>> {
  const annotations: Record<string, pulumi.Input<string>> = {
    [`${ANNOTATION}established-timeout`]: String(clamp(listener.idleTimeoutSeconds, LIMITS.clbEstablishedSeconds)),
    [`${ANNOTATION}connection-drain`]: "on",
    [`${ANNOTATION}connection-drain-timeout`]: String(
      clamp(listener.deregistrationDelaySeconds, LIMITS.clbDrainSeconds),
    ),
    [`${ANNOTATION}health-check-switch`]: "on",
    [`${ANNOTATION}health-check-type`]: "tcp",
    [`${ANNOTATION}health-check-interval`]: String(
      clamp(listener.healthCheckIntervalSeconds, LIMITS.clbHealthIntervalSeconds),
    ),
  };
  if (listener.sessionAffinity === "clientIP") {
    annotations[`${ANNOTATION}persistence-timeout`] = String(
      clamp(Math.max(listener.idleTimeoutSeconds, 3600), LIMITS.clbPersistenceSeconds),
    );
  }
  if (options.aclId) {
    annotations[`${ANNOTATION}acl-status`] = "on";
    annotations[`${ANNOTATION}acl-id`] = options.aclId;
    annotations[`${ANNOTATION}acl-type`] = "white";
  }
  return annotations;
}

/**
 * The IM edge on Alibaba Cloud: the cloud controller's NLB (zone-mapped, cross-zone, client IP
 * kept, TLS at the edge with a certificate id where asked) or CLB (TCP listeners behind a
 * whitelist ACL), sending straight to the pods' ENIs (Terway). The idle timeout follows the plan
 * within the balancer's limits; the drain ends when the pod's does, so established connections
 * stay on a terminating pod until it closes them.
 */
export function alibabaEdgeProfile(options: AlibabaEdgeOptions): EdgeProfile {
  return {
    loadBalancerClass: options.type === "nlb" ? NLB_CLASS : undefined,
    externalTrafficPolicy: "Local",
    // ENI backends: the balancer reaches pod addresses, never node ports.
    allocateNodePorts: false,
    loadBalancerSourceCidrs:
      options.type === "nlb"
        ? { gateway: options.nodeCidrs, api: options.nodeCidrs }
        : { gateway: [CLB_SYSTEM_RANGE], api: [CLB_SYSTEM_RANGE] },
    annotations: (listener) => ({
      [BACKEND_TYPE]: "eni",
      [`${ANNOTATION}address-type`]: options.addressType,
      [`${ANNOTATION}additional-resource-tags`]: resourceTags(listener),
      "im-platform.io/drain-seconds": String(listener.deregistrationDelaySeconds),
      ...(options.type === "nlb" ? nlbAnnotations(listener, options) : clbAnnotations(listener, options)),
    }),
  };
}
