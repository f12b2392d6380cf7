import * as eks from "@pulumi/aws/eks";
import * as kms from "@pulumi/aws/kms";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  tenantKeysFrom,
  type GlobalTraffic,
  type MetricsCollector,
  type StorageClasses,
  type TenantKeys,
} from "../capabilities";
import type { ClusterTarget, EdgeProfile, NodePool } from "../cluster-target";
import { clusterProvider } from "../kubernetes-provider";
import type { TargetPlan } from "../plan";
import { eksKubeconfig } from "./cluster";
import { ampCollector, lookUpAmpWorkspace } from "./metrics";
import { awsGlobalTraffic } from "./traffic";
import { awsClusterFacts, awsProviderFor, workspaceAlias, type AwsClusterArgs } from "./target";

/**
 * The EKS cluster of a fleet's platform stack, as a cell stack reaches it: looked up by the name
 * the plan gives it, with the tenants' keys and the metrics workspace by their aliases. Creates
 * nothing of the cluster's own in AWS.
 */
export class AwsClusterAttachment extends pulumi.ComponentResource implements ClusterTarget {
  readonly name: string;
  readonly plan: TargetPlan;
  readonly provider: k8s.Provider;
  readonly readiness: pulumi.Resource[] = [];
  readonly edge: EdgeProfile;
  readonly nodePools: readonly NodePool[];
  readonly apiServerCidrs: readonly string[];
  readonly storage: StorageClasses;
  readonly waitForWorkloads = true;
  readonly keys: TenantKeys;
  readonly monitoring?: MetricsCollector;
  readonly dns?: GlobalTraffic;

  constructor(name: string, args: AwsClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsClusterAttachment", name, {}, opts);
    const { cluster } = args;
    const { clusterName } = args.plan.detail;
    this.name = args.plan.name;
    this.plan = args.plan;
    this.nodePools = args.plan.detail.pools;
    const awsProvider = awsProviderFor(`${name}-aws`, cluster, this);
    const lookup = { provider: awsProvider, parent: this };
    const found = eks.getClusterOutput({ name: clusterName }, lookup);
    const kubeconfig = pulumi.secret(
      pulumi
        .all([found.endpoint, found.certificateAuthorities])
        .apply(([endpoint, authorities]) =>
          eksKubeconfig(clusterName, cluster.region, endpoint, authorities[0]?.data ?? ""),
        ),
    );
    this.provider = clusterProvider(`${name}-k8s`, { kubeconfig }, { parent: this });
    this.keys = tenantKeysFrom(
      Object.fromEntries(
        args.plan.keyTenants.map((tenant) => [
          tenant,
          kms.getKeyOutput({ keyId: `alias/${clusterName}/tenant-${tenant}` }, lookup).arn,
        ]),
      ),
    );
    if (args.platform.monitoring.enabled) {
      // The cells' monitors go to the agent the platform stack installed, their rules into its workspace.
      this.monitoring = ampCollector({
        workspace: lookUpAmpWorkspace(workspaceAlias(cluster, clusterName), lookup),
        region: cluster.region,
        settings: cluster.monitoring,
        provider: awsProvider,
      });
    }
    this.dns = awsGlobalTraffic(args, awsProvider, this);
    const facts = awsClusterFacts(args);
    this.edge = facts.edge;
    this.apiServerCidrs = facts.apiServerCidrs;
    this.storage = facts.storage;
    this.registerOutputs({ clusterName, nodePools: this.nodePools.map((pool) => pool.name) });
  }
}
