import { z } from "zod";
import { cidr, kubernetesKeyedMap, qualifiedName, strictObject } from "../../config/fields";

/** A cluster someone else runs (on-prem, or any conformant Kubernetes), reached by kubeconfig. */
export const existingTargetSchema = strictObject({
  kind: z.literal("existing"),
  kubeconfig: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Kubeconfig contents; store it with `pulumi config set --secret`." }),
  kubeconfigPath: z.string().min(1).optional().meta({
    description: "Path to a kubeconfig file. Without kubeconfig or kubeconfigPath the ambient context is used.",
  }),
  context: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Context within the kubeconfig.", defaultText: "the kubeconfig's current context" }),
  waitForWorkloads: z
    .boolean()
    .default(true)
    .meta({ description: "Wait for rollouts and load balancer addresses; false for control planes without nodes." }),
  apiServerCidrs: z.array(cidr).default([]).meta({
    description:
      "Addresses of the API server endpoints, for services that discover peers through the API. Network policies admit egress to them on 443/6443 only.",
  }),
  sharedNodePool: z
    .boolean()
    .default(false)
    .meta({ description: "Nodes labelled im-platform.io/pool=shared exist for shared tenants' cells." }),
  loadBalancer: strictObject({
    annotations: kubernetesKeyedMap.default({}).meta({
      description: "Extra annotations for the cluster's own load balancer implementation (MetalLB, kube-vip, ...).",
    }),
    loadBalancerClass: qualifiedName
      .optional()
      .meta({ description: "`spec.loadBalancerClass` of the edge Services, where the implementation needs one." }),
    allocateNodePorts: z.boolean().default(false).meta({
      description:
        "The load balancer forwards to node ports (F5 in NodePort mode, ...) rather than to the Service's addresses (MetalLB, kube-vip).",
    }),
    sourceCidrs: z.array(cidr).default([]).meta({
      description:
        "Where the load balancer reaches pods from when it does not keep the client's address (a proxy, or health checks sent to pods); cells admit these on the edge ports.",
    }),
    maxIdleTimeoutSeconds: z
      .int()
      .min(10)
      .max(86400)
      .default(3600)
      .meta({ description: "Idle timeout ceiling of the on-prem load balancer." }),
  })
    .prefault({})
    .meta({ description: "How the cluster's own load balancer implementation is driven." }),
}).superRefine((target, ctx) => {
  if (target.kubeconfig && target.kubeconfigPath) {
    ctx.addIssue({
      code: "custom",
      path: ["kubeconfigPath"],
      input: target.kubeconfigPath,
      message: "is given together with kubeconfig; keep one of them",
    });
  }
});

export type ExistingTargetConfig = z.infer<typeof existingTargetSchema>;
