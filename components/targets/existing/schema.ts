import { z } from "zod";
import { cidr, strictObject } from "../../config/fields";

/** A cluster someone else runs (on-prem, or any conformant Kubernetes), reached by kubeconfig. */
export const existingTargetSchema = strictObject({
  kind: z.literal("existing"),
  /** Kubeconfig contents; store it with `pulumi config set --secret`. */
  kubeconfig: z.string().min(1).optional(),
  /** Path to a kubeconfig file. Without kubeconfig or kubeconfigPath the ambient context is used. */
  kubeconfigPath: z.string().min(1).optional(),
  /** Context within the kubeconfig. @default the kubeconfig's current context */
  context: z.string().min(1).optional(),
  /** Wait for rollouts and load balancer addresses; false for control planes without nodes. @default true */
  waitForWorkloads: z.boolean().default(true),
  /**
   * Addresses of the API server endpoints, for services that discover peers through the API.
   * Network policies admit egress to them on 443/6443 only. @default []
   */
  apiServerCidrs: z.array(cidr).default([]),
  /** Nodes labelled im-platform.io/pool=shared exist for the shared cell. @default false */
  sharedNodePool: z.boolean().default(false),
  loadBalancer: strictObject({
    /** Extra annotations for the cluster's own load balancer implementation (MetalLB, kube-vip, ...). */
    annotations: z.record(z.string(), z.string()).default({}),
    loadBalancerClass: z.string().min(1).optional(),
    /**
     * The load balancer forwards to node ports (F5 in NodePort mode, ...) rather than to the
     * Service's addresses (MetalLB, kube-vip). @default false
     */
    allocateNodePorts: z.boolean().default(false),
    /**
     * Where the load balancer reaches pods from when it does not keep the client's address (a
     * proxy, or health checks sent to pods); cells admit these on the edge ports. @default []
     */
    sourceCidrs: z.array(cidr).default([]),
    /** Idle timeout ceiling of the on-prem load balancer. @default 3600 */
    maxIdleTimeoutSeconds: z.int().min(10).max(86400).default(3600),
  }).prefault({}),
}).superRefine((target, ctx) => {
  if (target.kubeconfig && target.kubeconfigPath) {
    ctx.addIssue({ code: "custom", path: ["kubeconfigPath"], input: target.kubeconfigPath,
      message: "is given together with kubeconfig; keep one of them" });
  }
});

export type ExistingTargetConfig = z.infer<typeof existingTargetSchema>;
