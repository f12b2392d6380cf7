import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config/types";
import type { TargetCapabilities } from "./capabilities";
import type { TargetPlan } from "./plan";

/** Timings and settings of one edge load balancer, computed by the platform from stack config. */
export interface EdgeListener {
  /** "gateway" carries long-lived client connections; "api" carries HTTP requests. */
  readonly role: "gateway" | "api";
  readonly idleTimeoutSeconds: number;
  /** How long the load balancer keeps a deregistered pod's connections open. */
  readonly deregistrationDelaySeconds: number;
  readonly healthCheckIntervalSeconds: number;
  readonly sessionAffinity: "none" | "clientIP";
  readonly tls: {
    readonly mode: "edge" | "pod" | "none";
    readonly certificate?: string;
    readonly minVersion: "1.2" | "1.3";
  };
  readonly ports: readonly number[];
  /** Cell the listener serves, for per-cell load balancer names. */
  readonly cell: string;
}

/**
 * What a cloud's L4 load balancer needs to serve the IM edge well. Its limits are the target
 * plan's (`TargetPlan.edgeLimits`), known before anything is built.
 */
export interface EdgeProfile {
  /**
   * Service annotations that configure the load balancer for this listener. A value may be an
   * output where it names a cloud resource the target made (a vSwitch or security group id).
   */
  annotations(listener: EdgeListener): Record<string, pulumi.Input<string>>;
  /**
   * Annotations for the in-cell Service an ingress routes to, where the cloud configures the
   * ingress's backend per Service (timeouts, draining, firewall policy). The objects the
   * annotations name are registered with `opts`, inside the cell, after its namespace.
   * Omitted where the ingress controller needs nothing.
   */
  backendAnnotations?(listener: EdgeListener, opts: pulumi.CustomResourceOptions): Record<string, string>;
  /** `spec.loadBalancerClass`, where the target's controller needs one. */
  readonly loadBalancerClass?: string;
  /** Local keeps the client IP and skips a second hop; Cluster where the cloud preserves it otherwise. */
  readonly externalTrafficPolicy: "Local" | "Cluster";
  /**
   * Ranges the load balancer itself reaches pods from, by listener role: health checks to pod
   * targets, and proxies that replace the client's address. A cell's edge NetworkPolicy admits
   * them beside the clients; empty where packets keep the client's address and health checks go
   * to the node (kube-proxy), not the pod.
   */
  readonly loadBalancerSourceCidrs: Readonly<Record<EdgeListener["role"], readonly string[]>>;
  /**
   * Whether the load balancer reaches pods through node ports. When false the edge Service
   * allocates none, and a cell's quota admits no node port at all.
   */
  readonly allocateNodePorts: boolean;
}

/** A node pool the tenancy layer may place cells onto. */
/** What a pool offers pods, where the target knows it: its nodes, each node's allocatable, their zones. */
export interface PoolCapacity {
  readonly nodes: number;
  readonly perNode: {
    readonly cpu: string;
    readonly memory: string;
    readonly pods: number;
    readonly ephemeralStorage: string;
  };
  readonly zones: readonly string[];
}

export interface NodePool {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly taints: ReadonlyArray<{
    key: string;
    value: string;
    effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule";
  }>;
  /** The VIP tenant that owns the pool; undefined for the shared and system pools. */
  readonly tenant?: string;
  readonly purpose: "system" | "shared" | "dedicated";
  /** The pool's size at its largest, where known; cells placed on it must fit at maximum replicas. */
  readonly capacity?: PoolCapacity;
}

/**
 * Everything the cloud-agnostic layers need from a cluster: a core every target provides, plus
 * the optional capabilities of `capabilities.ts`. Every target (existing, aws, gcp, azure)
 * returns one; the platform and tenancy layers read nothing else about the cloud.
 */
export interface ClusterTarget extends TargetCapabilities {
  /** Target name: "main" for a single target, the configured name in a hybrid stack. */
  readonly name: string;
  /** What the kit decided about this target before building it (edge timings, keys). */
  readonly plan: TargetPlan;
  readonly provider: k8s.Provider;
  /** Resources the platform's objects must wait for (node pools, load balancer controllers). */
  readonly readiness: pulumi.Resource[];
  readonly edge: EdgeProfile;
  readonly nodePools: readonly NodePool[];
  /** Where pods reach the Kubernetes API server (for services that discover peers through it). */
  readonly apiServerCidrs: readonly string[];
  /** False where workloads cannot become ready (a control plane without nodes), so Pulumi must not wait. */
  readonly waitForWorkloads: boolean;
}

/** What every target's component is built from: its plan, its slice of the stack config and the platform it hosts. */
export interface TargetArgs<Config, Detail = unknown> {
  readonly plan: TargetPlan<Detail>;
  readonly cluster: Config;
  readonly platform: PlatformConfig;
}

/** The Pulumi name of a target's component: every cloud resource of the target is named under it. */
export function targetComponentName(target: string): string {
  return `${target}-cluster`;
}
