import * as eks from "@pulumi/aws/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type * as iam from "@pulumi/aws/iam";
import { deployAddOns, type AddOn } from "../../core/addons";
import { labelKeys, SYSTEM_POOL } from "../../core/labels";
import { SYSTEM_TAINT } from "../node-pools";
import { createRole, policyDocument, serviceAccountTrust, type WorkloadIdentity } from "./iam";
import {
  clusterAutoscalerStatements,
  loadBalancerControllerStatements,
  volumeKeyStatements,
  type PolicyScope,
} from "./policies";
import type { AwsTargetConfig } from "./schema";

export const LB_CONTROLLER_CHART = {
  chart: "aws-load-balancer-controller",
  repo: "https://aws.github.io/eks-charts",
} as const;
export const AUTOSCALER_CHART = {
  chart: "cluster-autoscaler",
  repo: "https://kubernetes.github.io/autoscaler",
} as const;
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
export const onSystemPool = {
  nodeSelector: { [labelKeys.pool]: SYSTEM_POOL },
  tolerations: [{ key: SYSTEM_TAINT.key, operator: "Exists", effect: SYSTEM_TAINT.effect }],
};

/** Pod settings under Pod Security "restricted", for the charts that take them. */
const restrictedPod = {
  podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
};

/** What each AWS add-on is deployed with: names under the AwsAddons component, roles, and options. */
interface AwsAddOnContext {
  readonly name: string;
  readonly args: AwsAddonsArgs;
  /** An IAM role only the add-on's own ServiceAccount can assume. */
  irsa(
    suffix: string,
    serviceAccount: string,
    description: string,
    extra: { managedPolicies?: string[]; inlinePolicy?: pulumi.Input<string> },
  ): iam.Role;
  /** Parented to the component, after the node groups the add-ons' pods run on. */
  readonly afterNodes: pulumi.CustomResourceOptions;
}

const ebsCsiDriver: AddOn<AwsAddOnContext> = {
  name: "ebs-csi",
  deploy: ({ name, args, irsa, afterNodes }) => {
    const role = irsa("ebs-csi", "ebs-csi-controller-sa", "EBS CSI driver", {
      managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"],
      inlinePolicy: pulumi.all(args.volumeKeyArns).apply((arns) => policyDocument(volumeKeyStatements(arns))),
    });
    return [
      new eks.Addon(
        `${name}-ebs-csi`,
        {
          clusterName: args.scope.clusterName,
          addonName: "aws-ebs-csi-driver",
          serviceAccountRoleArn: role.arn,
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "OVERWRITE",
        },
        afterNodes,
      ),
    ];
  },
};

const loadBalancerController: AddOn<AwsAddOnContext> = {
  name: "lb-controller",
  deploy: ({ name, args, irsa, afterNodes }) => {
    const { scope } = args;
    const role = irsa("lb-controller", LB_CONTROLLER_CHART.chart, "AWS Load Balancer Controller", {
      inlinePolicy: policyDocument(loadBalancerControllerStatements(scope)),
    });
    return [
      new k8s.helm.v3.Release(
        `${name}-lb-controller`,
        {
          name: LB_CONTROLLER_CHART.chart,
          namespace: ADDON_NAMESPACE,
          chart: LB_CONTROLLER_CHART.chart,
          version: args.loadBalancer.controllerChartVersion,
          repositoryOpts: { repo: LB_CONTROLLER_CHART.repo },
          values: {
            // Region and VPC are given so the controller never needs the node's metadata service (hop limit 1).
            clusterName: scope.clusterName,
            region: scope.region,
            vpcId: args.vpcId,
            replicaCount: 2,
            serviceAccount: {
              create: true,
              name: LB_CONTROLLER_CHART.chart,
              annotations: { "eks.amazonaws.com/role-arn": role.arn },
            },
            defaultTargetType: "ip",
            enableWaf: false,
            enableWafv2: false,
            enableShield: false,
            createIngressClassResource: false,
            podDisruptionBudget: { maxUnavailable: 1 },
            ...onSystemPool,
            ...restrictedPod,
          },
        },
        { ...afterNodes, provider: args.provider },
      ),
    ];
  },
};

const clusterAutoscaler: AddOn<AwsAddOnContext> = {
  name: "cluster-autoscaler",
  deploy: ({ name, args, irsa, afterNodes }) => {
    const { scope } = args;
    const role = irsa("autoscaler", AUTOSCALER_CHART.chart, "Cluster Autoscaler", {
      inlinePolicy: policyDocument(clusterAutoscalerStatements(scope)),
    });
    return [
      new k8s.helm.v3.Release(
        `${name}-autoscaler`,
        {
          name: AUTOSCALER_CHART.chart,
          namespace: ADDON_NAMESPACE,
          chart: AUTOSCALER_CHART.chart,
          version: args.autoscaler.chartVersion,
          repositoryOpts: { repo: AUTOSCALER_CHART.repo },
          values: {
            cloudProvider: "aws",
            awsRegion: scope.region,
            autoDiscovery: { clusterName: scope.clusterName },
            image: { tag: args.autoscaler.imageTag },
            rbac: {
              serviceAccount: {
                create: true,
                name: AUTOSCALER_CHART.chart,
                annotations: { "eks.amazonaws.com/role-arn": role.arn },
              },
            },
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
        },
        { ...afterNodes, provider: args.provider },
      ),
    ];
  },
};

/** The AWS add-ons, in the platform's add-on contract; none depends on another, all on the nodes. */
export const AWS_ADDONS: ReadonlyArray<AddOn<AwsAddOnContext>> = [
  ebsCsiDriver,
  loadBalancerController,
  clusterAutoscaler,
];

/**
 * What the IM edge and elasticity need inside the cluster: the EBS CSI driver, the AWS Load
 * Balancer Controller (NLBs and ALBs for the edge) and Cluster Autoscaler, each with an IAM role
 * only its own ServiceAccount can assume.
 */
export class AwsAddons extends pulumi.ComponentResource {
  /** Each add-on's resources, by add-on name. */
  private readonly deployed: ReadonlyMap<string, readonly pulumi.Resource[]>;

  constructor(name: string, args: AwsAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsAddons", name, {}, opts);
    const { scope } = args;
    const parent = { parent: this };
    const roles: Record<string, pulumi.Output<string>> = {};
    const irsa: AwsAddOnContext["irsa"] = (suffix, serviceAccount, description, extra) => {
      const role = createRole(
        `${name}-${suffix}`,
        {
          description: `${scope.clusterName}: ${description}`,
          trust: serviceAccountTrust(args.identity, ADDON_NAMESPACE, serviceAccount),
          partition: scope.partition,
          ...extra,
        },
        parent,
      );
      roles[suffix] = role.arn;
      return role;
    };
    const afterNodes = { ...parent, dependsOn: [...args.nodeGroups] };
    const deployed = deployAddOns(AWS_ADDONS, { name, args, irsa, afterNodes });
    this.deployed = new Map(deployed.map(({ addOn, resources }) => [addOn.name, resources]));
    this.registerOutputs({ roles });
  }

  /** The resources of one add-on, for what must wait for it. */
  resourcesOf(addOn: (typeof AWS_ADDONS)[number]["name"]): readonly pulumi.Resource[] {
    const resources = this.deployed.get(addOn);
    if (!resources) throw new Error(`AWS add-on "${addOn}" is not deployed`);
    return resources;
  }

  /** Every add-on's resources: what the platform's objects wait for. */
  get readiness(): pulumi.Resource[] {
    return [...this.deployed.values()].flat();
  }
}
