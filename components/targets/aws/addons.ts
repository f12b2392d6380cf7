import * as eks from "@pulumi/aws/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { labelKeys, SYSTEM_POOL } from "../../core/labels";
import { SYSTEM_TAINT } from "../node-pools";
import { createRole, policyDocument, serviceAccountTrust, type WorkloadIdentity } from "./iam";
import { clusterAutoscalerStatements, loadBalancerControllerStatements, volumeKeyStatements, type PolicyScope } from "./policies";
import type { AwsTargetConfig } from "./schema";

export const LB_CONTROLLER_CHART = { chart: "aws-load-balancer-controller", repo: "https://aws.github.io/eks-charts" } as const;
export const AUTOSCALER_CHART = { chart: "cluster-autoscaler", repo: "https://kubernetes.github.io/autoscaler" } as const;
const ADDON_NAMESPACE = "kube-system";

export interface AwsAddonsArgs {
  readonly scope: PolicyScope;
  readonly vpcId: pulumi.Input<string>;
  readonly identity: WorkloadIdentity;
  readonly provider: k8s.Provider;
  /** Node groups the add-ons' pods need before they can become ready. */
  readonly nodeGroups: readonly pulumi.Resource[];
  readonly loadBalancer: AwsTargetConfig["loadBalancer"];
  readonly autoscaler: AwsTargetConfig["autoscaler"];
  /** Keys the EBS CSI driver encrypts volumes with (the cluster's and the VIP tenants'). */
  readonly volumeKeyArns: pulumi.Input<string>[];
}

/** Add-on pods run on the system pool, which only they (and the EKS add-ons) tolerate. */
const onSystemPool = {
  nodeSelector: { [labelKeys.pool]: SYSTEM_POOL },
  tolerations: [{ key: SYSTEM_TAINT.key, operator: "Exists", effect: SYSTEM_TAINT.effect }],
};

/** Pod settings under Pod Security "restricted", for the charts that take them. */
const restrictedPod = {
  podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
};

/**
 * What the IM edge and elasticity need inside the cluster: the EBS CSI driver, the AWS Load
 * Balancer Controller (NLBs and ALBs for the edge) and Cluster Autoscaler, each with an IAM role
 * only its own ServiceAccount can assume.
 */
export class AwsAddons extends pulumi.ComponentResource {
  readonly ebsCsi: eks.Addon;
  readonly loadBalancerController: k8s.helm.v3.Release;
  readonly autoscaler: k8s.helm.v3.Release;

  constructor(name: string, args: AwsAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsAddons", name, {}, opts);
    const { scope } = args;
    const parent = { parent: this };
    const irsa = (suffix: string, serviceAccount: string, description: string, extra: { managedPolicies?: string[]; inlinePolicy?: pulumi.Input<string> }) =>
      createRole(`${name}-${suffix}`, {
        description: `${scope.clusterName}: ${description}`,
        trust: serviceAccountTrust(args.identity, ADDON_NAMESPACE, serviceAccount),
        partition: scope.partition,
        ...extra,
      }, parent);
    const afterNodes = { ...parent, dependsOn: [...args.nodeGroups] };

    const ebsRole = irsa("ebs-csi", "ebs-csi-controller-sa", "EBS CSI driver", {
      managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"],
      inlinePolicy: pulumi.all(args.volumeKeyArns).apply((arns) => policyDocument(volumeKeyStatements(arns))),
    });
    this.ebsCsi = new eks.Addon(`${name}-ebs-csi`, {
      clusterName: scope.clusterName, addonName: "aws-ebs-csi-driver", serviceAccountRoleArn: ebsRole.arn,
      resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE",
    }, afterNodes);

    const k8sOpts = { ...afterNodes, provider: args.provider };
    const lbRole = irsa("lb-controller", LB_CONTROLLER_CHART.chart, "AWS Load Balancer Controller", {
      inlinePolicy: policyDocument(loadBalancerControllerStatements(scope)),
    });
    this.loadBalancerController = new k8s.helm.v3.Release(`${name}-lb-controller`, {
      name: LB_CONTROLLER_CHART.chart, namespace: ADDON_NAMESPACE,
      chart: LB_CONTROLLER_CHART.chart, version: args.loadBalancer.controllerChartVersion,
      repositoryOpts: { repo: LB_CONTROLLER_CHART.repo },
      values: {
        // Region and VPC are given so the controller never needs the node's metadata service (hop limit 1).
        clusterName: scope.clusterName, region: scope.region, vpcId: args.vpcId,
        replicaCount: 2,
        serviceAccount: { create: true, name: LB_CONTROLLER_CHART.chart, annotations: { "eks.amazonaws.com/role-arn": lbRole.arn } },
        defaultTargetType: "ip",
        enableWaf: false, enableWafv2: false, enableShield: false,
        createIngressClassResource: false,
        podDisruptionBudget: { maxUnavailable: 1 },
        ...onSystemPool,
        ...restrictedPod,
      },
    }, k8sOpts);

    const autoscalerRole = irsa("autoscaler", AUTOSCALER_CHART.chart, "Cluster Autoscaler", {
      inlinePolicy: policyDocument(clusterAutoscalerStatements(scope)),
    });
    this.autoscaler = new k8s.helm.v3.Release(`${name}-autoscaler`, {
      name: AUTOSCALER_CHART.chart, namespace: ADDON_NAMESPACE,
      chart: AUTOSCALER_CHART.chart, version: args.autoscaler.chartVersion,
      repositoryOpts: { repo: AUTOSCALER_CHART.repo },
      values: {
        cloudProvider: "aws", awsRegion: scope.region,
        autoDiscovery: { clusterName: scope.clusterName },
        image: { tag: args.autoscaler.imageTag },
        rbac: { serviceAccount: { create: true, name: AUTOSCALER_CHART.chart, annotations: { "eks.amazonaws.com/role-arn": autoscalerRole.arn } } },
        extraArgs: {
          // Pools of the same shape stay even across zones; the cheapest fit wins a scale-up.
          "balance-similar-node-groups": true,
          expander: "least-waste",
          "scale-down-unneeded-time": `${args.autoscaler.scaleDownUnneededMinutes}m`,
          "skip-nodes-with-local-storage": false,
        },
        ...onSystemPool,
        containerSecurityContext: restrictedPod.securityContext,
      },
    }, k8sOpts);
    this.registerOutputs({ loadBalancerController: lbRole.arn, autoscaler: autoscalerRole.arn, ebsCsi: ebsRole.arn });
  }
}
