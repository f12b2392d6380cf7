import * as ec2 from "@pulumi/aws/ec2";
import * as eks from "@pulumi/aws/eks";
import * as pulumi from "@pulumi/pulumi";
import { createRole, serviceTrust } from "./iam";
import type { AwsNodePoolPlan } from "./plan";

export interface AwsNodePoolsArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly pools: readonly AwsNodePoolPlan[];
  readonly subnetIds: pulumi.Input<string>[];
  readonly securityGroupId: pulumi.Input<string>;
  readonly volumeKeyArn: pulumi.Input<string>;
  readonly partition: string;
}

const TAINT_EFFECTS = {
  NoSchedule: "NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;

/**
 * One EKS managed node group per pool, across every private subnet, each from a launch template
 * that requires IMDSv2 with a hop limit of 1 (pods cannot borrow the node's role) and encrypts
 * the root volume with the volumes key. The autoscaler owns the desired size between min and max.
 */
export class AwsNodePools extends pulumi.ComponentResource {
  readonly groups: Readonly<Record<string, eks.NodeGroup>>;

  constructor(name: string, args: AwsNodePoolsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsNodePools", name, {}, opts);
    const parent = { parent: this };
    const role = createRole(
      `${name}-role`,
      {
        description: "EKS worker nodes",
        trust: serviceTrust("ec2.amazonaws.com"),
        managedPolicies: ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"],
        partition: args.partition,
      },
      parent,
    );

    const groups: Record<string, eks.NodeGroup> = {};
    for (const pool of args.pools) {
      const template = new ec2.LaunchTemplate(
        `${name}-${pool.name}`,
        {
          description: `Nodes of pool ${pool.name}`,
          updateDefaultVersion: true,
          vpcSecurityGroupIds: [args.securityGroupId],
          metadataOptions: {
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "disabled",
          },
          blockDeviceMappings: [
            {
              deviceName: "/dev/xvda",
              ebs: {
                volumeSize: pool.diskGiB,
                volumeType: "gp3",
                encrypted: "true",
                kmsKeyId: args.volumeKeyArn,
                deleteOnTermination: "true",
              },
            },
          ],
          tagSpecifications: [{ resourceType: "instance", tags: { "im-platform.io/pool": pool.name } }],
        },
        parent,
      );
      groups[pool.name] = new eks.NodeGroup(
        `${name}-${pool.name}`,
        {
          clusterName: args.clusterName,
          nodeRoleArn: role.arn,
          subnetIds: args.subnetIds,
          instanceTypes: [...pool.instanceTypes],
          amiType: pool.amiType,
          capacityType: pool.capacityType,
          scalingConfig: { minSize: pool.min, maxSize: pool.max, desiredSize: pool.min },
          updateConfig: { maxUnavailable: 1 },
          labels: { ...pool.labels },
          taints: pool.taints.map((taint) => ({
            key: taint.key,
            value: taint.value,
            effect: TAINT_EFFECTS[taint.effect],
          })),
          launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
          // EKS tags the group's Auto Scaling group for autoscaler discovery; this tag says which pool it is.
          tags: { "im-platform.io/pool": pool.name, ...(pool.tenant ? { "im-platform.io/tenant": pool.tenant } : {}) },
        },
        { ...parent, ignoreChanges: ["scalingConfig.desiredSize"] },
      );
    }
    this.groups = groups;
    this.registerOutputs({ pools: Object.keys(groups) });
  }
}
