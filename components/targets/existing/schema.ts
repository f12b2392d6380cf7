import { z } from "zod";
import { cidr, dnsLabel, kubernetesKeyedMap, qualifiedName, quantity, strictObject } from "../../config/fields";
import { priceOverridesSchema } from "../capacity";
import { prometheusOperatorSchema } from "../prometheus-operator-schema";

/** A pool the operator runs: how many nodes and what each offers to pods (its allocatable). */
const declaredPoolSchema = strictObject({
  nodes: z.int().min(1).max(1000).meta({ description: "Nodes in the pool." }),
  cpu: quantity.meta({ description: "Allocatable CPU of each node." }),
  memory: quantity.meta({ description: "Allocatable memory of each node." }),
  pods: z.int().min(1).max(1000).default(110).meta({ description: "Pods each node admits." }),
  ephemeralStorage: quantity.default("100Gi").meta({ description: "Allocatable ephemeral storage of each node." }),
  zones: z
    .array(dnsLabel(63))
    .min(1)
    .default(["zone-a", "zone-b", "zone-c"])
    .meta({ description: "Zones the nodes are spread over, round robin (`topology.kubernetes.io/zone`)." }),
});

export type DeclaredPool = z.infer<typeof declaredPoolSchema>;

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
  nodePools: strictObject({
    system: declaredPoolSchema.optional().meta({
      description:
        "A pool for cluster add-ons, labelled im-platform.io/pool=system and tainted CriticalAddonsOnly=true:NoSchedule; cells never land on it.",
    }),
    shared: declaredPoolSchema.optional().meta({
      description: "The shared pool (im-platform.io/pool=shared); declaring it implies sharedNodePool.",
    }),
    dedicated: z.record(dnsLabel(20), declaredPoolSchema).default({}).meta({
      description:
        "Each VIP tenant's dedicated pool (im-platform.io/pool=vip-<tenant>, tainted im-platform.io/dedicated=<tenant>:NoSchedule), by tenant id.",
    }),
  })
    .prefault({})
    .meta({
      description:
        "The pools' sizes, where the operator knows them: the kit checks that every cell fits its pool at maximum replicas, and the local control plane simulates exactly these nodes.",
    }),
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
    addressKind: z.enum(["ip", "hostname"]).default("ip").meta({
      description:
        "What the load balancer gives an edge Service: an IP (MetalLB, kube-vip) or a DNS name; global traffic publishes A or CNAME records accordingly.",
    }),
  })
    .prefault({})
    .meta({ description: "How the cluster's own load balancer implementation is driven." }),
  prometheus: prometheusOperatorSchema.meta({
    description:
      "The Prometheus Operator the monitoring goes through: PodMonitors, PrometheusRules and an AlertmanagerConfig it selects, and the Prometheus pods cells admit.",
  }),
  prices: priceOverridesSchema,
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
