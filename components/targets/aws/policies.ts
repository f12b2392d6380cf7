import { type Statement } from "./iam";

/** Where the policies below apply: one account, one region, one cluster. */
export interface PolicyScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
}

const CLUSTER_TAG = "elbv2.k8s.aws/cluster";
const taggedByController = { Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: "false" } };
const requestTagged = { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: "false" } };

/**
 * The AWS Load Balancer Controller's permissions, after its published policy, narrowed to this
 * account and region, and without WAF, Shield and Cognito (disabled in its settings). It changes
 * or deletes only what it tagged as its own.
 */
export function loadBalancerControllerStatements(scope: PolicyScope): Statement[] {
  const elb = `arn:${scope.partition}:elasticloadbalancing:${scope.region}:${scope.accountId}`;
  const securityGroups = `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:security-group/*`;
  const balancers = [`${elb}:targetgroup/*/*`, `${elb}:loadbalancer/net/*/*`, `${elb}:loadbalancer/app/*/*`];
  return [
    {
      Sid: "ServiceLinkedRole",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: "*",
      Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
    },
    {
      Sid: "Discover",
      Effect: "Allow",
      Resource: "*",
      Action: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:DescribeRouteTables",
        "ec2:GetSecurityGroupsForVpc",
        "ec2:DescribeIpamPools",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "elasticloadbalancing:Describe*",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
      ],
    },
    { Sid: "CreateOwnSecurityGroups", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: "*" },
    {
      Sid: "TagOwnSecurityGroupsOnCreate",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: securityGroups,
      Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" }, ...requestTagged },
    },
    // Backend rules go onto the node group (not tagged by the controller), as in the published policy.
    {
      Sid: "ManageBackendRules",
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      Resource: securityGroups,
    },
    {
      Sid: "ManageOwnSecurityGroups",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags", "ec2:DeleteSecurityGroup"],
      Resource: securityGroups,
      Condition: taggedByController,
    },
    {
      Sid: "CreateOwnLoadBalancers",
      Effect: "Allow",
      Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      Resource: "*",
      Condition: requestTagged,
    },
    {
      Sid: "TagOnCreate",
      Effect: "Allow",
      Action: "elasticloadbalancing:AddTags",
      Resource: balancers,
      Condition: {
        StringEquals: { "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"] },
        ...requestTagged,
      },
    },
    {
      Sid: "ManageOwnLoadBalancers",
      Effect: "Allow",
      Resource: balancers,
      Condition: taggedByController,
      Action: [
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:RemoveTags",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
    },
    {
      Sid: "ManageListeners",
      Effect: "Allow",
      Resource: [`${elb}:listener/*/*/*/*`, `${elb}:listener-rule/*/*/*/*/*`, `${elb}:loadbalancer/*/*/*`],
      Action: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:RemoveTags",
      ],
    },
    {
      Sid: "RegisterTargets",
      Effect: "Allow",
      Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      Resource: `${elb}:targetgroup/*/*`,
    },
  ];
}

/**
 * Cluster Autoscaler: read the groups and instance types, and resize or shrink only the Auto
 * Scaling groups EKS tagged as this cluster's.
 */
export function clusterAutoscalerStatements(scope: PolicyScope): Statement[] {
  return [
    {
      Sid: "Discover",
      Effect: "Allow",
      Resource: "*",
      Action: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "autoscaling:DescribeTags",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
      ],
    },
    // Labels and taints of empty node groups, so pools can scale up from zero.
    {
      Sid: "ReadNodeGroups",
      Effect: "Allow",
      Action: "eks:DescribeNodegroup",
      Resource: `arn:${scope.partition}:eks:${scope.region}:${scope.accountId}:nodegroup/${scope.clusterName}/*/*`,
    },
    {
      Sid: "ScaleOwnGroups",
      Effect: "Allow",
      Resource: "*",
      Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${scope.clusterName}`]: "owned" } },
    },
  ];
}

/** The EBS CSI driver may use the cluster's volume keys (the managed policy covers the rest). */
export function volumeKeyStatements(keyArns: readonly string[]): Statement[] {
  return [
    {
      Sid: "UseVolumeKeys",
      Effect: "Allow",
      Resource: [...keyArns],
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    },
    {
      Sid: "GrantsForVolumes",
      Effect: "Allow",
      Resource: [...keyArns],
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}
