import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../config/types";
import type { ClusterTarget, NodePool, PoolCapacity, TargetArgs } from "../cluster-target";
import type { TargetPlan } from "../plan";
import type { MetricsCollector } from "../capabilities";
import { clusterProvider } from "../kubernetes-provider";
import { installKubePrometheusStack, operatorCollector } from "../prometheus-operator";
import { dedicatedNodePools, sharedNodePool, SYSTEM_TAINT, systemNodePool } from "../node-pools";
import { existingEdgeProfile } from "./edge-profile";
import type { DeclaredPool, ExistingTargetConfig } from "./schema";

export type ExistingClusterArgs = TargetArgs<ExistingTargetConfig>;

function capacityOf(pool: DeclaredPool | undefined): { capacity?: PoolCapacity } {
  if (!pool) return {};
  const { nodes, cpu, memory, pods, ephemeralStorage, zones } = pool;
  return { capacity: { nodes, perNode: { cpu, memory, pods, ephemeralStorage }, zones } };
}

/**
 * Node pools an operator prepared by the platform's labelling convention: the system pool and
 * the shared pool when declared, and one tainted pool per VIP tenant that asks for dedicated
 * nodes, each with the size the config gives it.
 */
export function conventionalNodePools(cluster: ExistingTargetConfig, platform: PlatformConfig): NodePool[] {
  const { system, shared, dedicated } = cluster.nodePools;
  const pools: NodePool[] = [];
  if (system) pools.push({ ...systemNodePool([SYSTEM_TAINT]), ...capacityOf(system) });
  if (cluster.sharedNodePool || shared) pools.push({ ...sharedNodePool(), ...capacityOf(shared) });
  for (const pool of dedicatedNodePools(platform)) pools.push({ ...pool, ...capacityOf(dedicated[pool.tenant ?? ""]) });
  return pools;
}

/** An existing cluster (on-prem or any conformant Kubernetes) as a ClusterTarget. */
export class ExistingCluster extends pulumi.ComponentResource implements ClusterTarget {
  readonly name: string;
  readonly plan: TargetPlan;
  readonly provider: k8s.Provider;
  readonly readiness: pulumi.Resource[] = [];
  readonly edge;
  readonly nodePools: readonly NodePool[];
  readonly waitForWorkloads: boolean;
  readonly apiServerCidrs: readonly string[];
  readonly monitoring: MetricsCollector;

  constructor(name: string, args: ExistingClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:ExistingCluster", name, {}, opts);
    const { cluster } = args;
    this.name = args.plan.name;
    this.plan = args.plan;
    this.edge = existingEdgeProfile(cluster);
    this.nodePools = conventionalNodePools(cluster, args.platform);
    this.waitForWorkloads = cluster.waitForWorkloads;
    this.apiServerCidrs = cluster.apiServerCidrs;
    // Contents win over a path; neither means the ambient KUBECONFIG / current context.
    const kubeconfig = cluster.kubeconfig ? pulumi.secret(cluster.kubeconfig) : cluster.kubeconfigPath;
    this.provider = clusterProvider(`${name}-k8s`, { kubeconfig, context: cluster.context }, { parent: this });
    this.monitoring = operatorCollector(cluster.prometheus);
    if (args.platform.monitoring.enabled && cluster.prometheus.install) {
      // The monitors and rules need the operator's CRDs: the platform's objects wait for the chart.
      this.readiness.push(
        installKubePrometheusStack(`${name}-prometheus`, cluster.prometheus, { parent: this, provider: this.provider }),
      );
    }
    this.registerOutputs({ nodePools: this.nodePools.map((pool) => pool.name) });
  }
}
