import * as ec2 from "@pulumi/aws/ec2";
import type * as pulumi from "@pulumi/pulumi";

/** S3's service name in a region: China's partition prefixes it. */
export function s3ServiceName(region: string, partition: string): string {
  return `${partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws"}.${region}.s3`;
}

/**
 * An S3 gateway endpoint on the private route tables: the cells' (and the nodes') S3 traffic
 * stays on AWS's network instead of crossing the NAT gateways. It routes to a prefix list, which
 * a NetworkPolicy cannot name, so the cells' egress still admits 443 to 0.0.0.0/0; and the
 * buckets are not restricted to it, since clients upload and fetch through presigned URLs from
 * outside.
 */
export function s3GatewayEndpoint(
  name: string,
  args: {
    vpcId: pulumi.Input<string>;
    routeTableIds: readonly pulumi.Input<string>[];
    region: string;
    partition: string;
    clusterName: string;
  },
  opts: pulumi.CustomResourceOptions,
): ec2.VpcEndpoint {
  return new ec2.VpcEndpoint(
    name,
    {
      vpcId: args.vpcId,
      serviceName: s3ServiceName(args.region, args.partition),
      vpcEndpointType: "Gateway",
      routeTableIds: [...args.routeTableIds],
      tags: { Name: `${args.clusterName}-s3` },
    },
    opts,
  );
}
