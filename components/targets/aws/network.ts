import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as pulumi from "@pulumi/pulumi";
import { createRole, policyDocument, serviceTrust } from "./iam";
import type { AwsPlan } from "./plan";
import type { AwsTargetConfig } from "./schema";

export interface AwsNetworkArgs {
  readonly plan: AwsPlan;
  readonly network: AwsTargetConfig["network"];
  readonly logsKeyArn: pulumi.Input<string>;
}

/** Tags by which EKS and the load balancer controller find the cluster's subnets. */
export function subnetTags(clusterName: string, tier: "public" | "private"): Record<string, string> {
  return {
    [`kubernetes.io/cluster/${clusterName}`]: "shared",
    [tier === "public" ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"]: "1",
  };
}

/**
 * The cluster's network: a VPC across the configured zones with public subnets for load
 * balancers only, private subnets for nodes, NAT (one per zone, or one), and flow logs of all
 * traffic into a KMS-encrypted log group. With `existing`, the given VPC and subnets are used and
 * only tagged for discovery.
 */
export class AwsNetwork extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string>[];
  /** The private subnets' route tables; empty for an existing VPC, whose routing is its owner's. */
  readonly privateRouteTableIds: pulumi.Output<string>[] = [];
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly flowLog: ec2.FlowLog;

  constructor(name: string, args: AwsNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsNetwork", name, {}, opts);
    const { plan, network } = args;
    const parent = { parent: this };
    const tagged = (suffix: string, extra: Record<string, string> = {}) => ({
      Name: `${plan.clusterName}-${suffix}`,
      ...extra,
    });

    if (network.existing) {
      const { existing } = network;
      this.vpcId = pulumi.output(existing.vpcId);
      this.privateSubnetIds = existing.privateSubnetIds.map((id) => pulumi.output(id));
      this.publicSubnetIds = existing.publicSubnetIds.map((id) => pulumi.output(id));
      const tag = (tier: "public" | "private", ids: readonly string[]) =>
        ids.forEach((id, index) => {
          for (const [key, value] of Object.entries(subnetTags(plan.clusterName, tier))) {
            new ec2.Tag(`${name}-${tier}-${index}-${key.split("/").pop()}`, { resourceId: id, key, value }, parent);
          }
        });
      tag("private", existing.privateSubnetIds);
      tag("public", existing.publicSubnetIds);
    } else {
      const subnets = plan.subnets ?? { privateCidrs: [], publicCidrs: [] };
      const vpc = new ec2.Vpc(
        `${name}-vpc`,
        {
          cidrBlock: network.vpcCidr,
          enableDnsHostnames: true,
          enableDnsSupport: true,
          tags: tagged("vpc"),
        },
        parent,
      );
      // AWS gives every VPC a default group that admits its own members and all egress; the kit
      // takes it over with no rules, so nothing that lands in it by accident can talk.
      new ec2.DefaultSecurityGroup(
        `${name}-default-sg`,
        { vpcId: vpc.id, ingress: [], egress: [], tags: tagged("default-closed") },
        parent,
      );
      const gateway = new ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: tagged("igw") }, parent);
      const publicSubnets = plan.zones.map(
        (zone, index) =>
          new ec2.Subnet(
            `${name}-public-${zone}`,
            {
              vpcId: vpc.id,
              availabilityZone: zone,
              cidrBlock: subnets.publicCidrs[index],
              // Load balancers get their addresses from the controller; nothing here needs one on launch.
              mapPublicIpOnLaunch: false,
              tags: tagged(`public-${zone}`, subnetTags(plan.clusterName, "public")),
            },
            parent,
          ),
      );
      const privateSubnets = plan.zones.map(
        (zone, index) =>
          new ec2.Subnet(
            `${name}-private-${zone}`,
            {
              vpcId: vpc.id,
              availabilityZone: zone,
              cidrBlock: subnets.privateCidrs[index],
              mapPublicIpOnLaunch: false,
              tags: tagged(`private-${zone}`, subnetTags(plan.clusterName, "private")),
            },
            parent,
          ),
      );

      const publicRoutes = new ec2.RouteTable(
        `${name}-public`,
        {
          vpcId: vpc.id,
          routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }],
          tags: tagged("public"),
        },
        parent,
      );
      publicSubnets.forEach(
        (subnet, index) =>
          new ec2.RouteTableAssociation(
            `${name}-public-${plan.zones[index]}`,
            {
              subnetId: subnet.id,
              routeTableId: publicRoutes.id,
            },
            parent,
          ),
      );

      const nats = publicSubnets.slice(0, plan.natGateways).map((subnet, index) => {
        const zone = plan.zones[index] ?? String(index);
        const address = new ec2.Eip(`${name}-nat-${zone}`, { domain: "vpc", tags: tagged(`nat-${zone}`) }, parent);
        return new ec2.NatGateway(
          `${name}-nat-${zone}`,
          {
            allocationId: address.id,
            subnetId: subnet.id,
            tags: tagged(`nat-${zone}`),
          },
          { ...parent, dependsOn: [gateway] },
        );
      });
      const privateRouteTableIds: pulumi.Output<string>[] = [];
      privateSubnets.forEach((subnet, index) => {
        const zone = plan.zones[index] ?? String(index);
        // Each zone leaves through its own NAT where there is one per zone, so a zone outage stays in its zone.
        const nat = nats[index] ?? nats[0];
        const routes = new ec2.RouteTable(
          `${name}-private-${zone}`,
          {
            vpcId: vpc.id,
            routes: nat ? [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] : [],
            tags: tagged(`private-${zone}`),
          },
          parent,
        );
        privateRouteTableIds.push(routes.id);
        new ec2.RouteTableAssociation(
          `${name}-private-${zone}`,
          { subnetId: subnet.id, routeTableId: routes.id },
          parent,
        );
      });
      this.vpcId = vpc.id;
      this.privateRouteTableIds = privateRouteTableIds;
      this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
      this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    }

    const logGroup = new cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        name: `/aws/vpc/${plan.clusterName}/flow-logs`,
        retentionInDays: network.flowLogRetentionDays,
        kmsKeyId: args.logsKeyArn,
      },
      parent,
    );
    const role = createRole(
      `${name}-flow-logs`,
      {
        description: `${plan.clusterName}: VPC flow logs delivery`,
        trust: serviceTrust("vpc-flow-logs.amazonaws.com"),
        partition: plan.partition,
        inlinePolicy: logGroup.arn.apply((arn) =>
          policyDocument([
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [arn, `${arn}:*`],
            },
          ]),
        ),
      },
      parent,
    );
    this.flowLog = new ec2.FlowLog(
      `${name}-flow-logs`,
      {
        vpcId: this.vpcId,
        trafficType: "ALL",
        maxAggregationInterval: 60,
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
      },
      parent,
    );
    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
    });
  }
}
