import * as ec2 from "@pulumi/aws/ec2";
import * as vpc from "@pulumi/aws/vpc";
import type * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENT_TAG } from "../conventions";
import type { AwsDataSettings } from "./settings";

/** What the data services need of the cluster the target built: its network, its nodes' group, its keys. */
export interface AwsDataContext {
  readonly clusterName: string;
  readonly region: string;
  readonly partition: string;
  readonly environment: string;
  readonly settings: AwsDataSettings;
  readonly vpcId: pulumi.Input<string>;
  /** The private subnets, one per zone in the order of the zones. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** Their ranges (or the VPC's, for an existing VPC): where the services' endpoints live. */
  readonly subnetCidrs: readonly string[];
  /** The nodes' security group: pods leave through their node's ENIs, so it names every client. */
  readonly clientSecurityGroupId: pulumi.Input<string>;
  /** The target's data key, for what no tenant key covers. */
  readonly dataKeyArn: pulumi.Input<string>;
  /** A VIP tenant's own key, where the target made one. */
  tenantKeyArn(tenant: string): pulumi.Input<string> | undefined;
  /** The logs key and retention the cluster's other log groups use. */
  readonly logsKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
}

/** The key for a tenant's resources, or the data key; a tenant without a key here is misuse. */
export function keyFor(context: AwsDataContext, tenant: string | undefined): pulumi.Input<string> {
  if (tenant === undefined) return context.dataKeyArn;
  const key = context.tenantKeyArn(tenant);
  if (key === undefined)
    throw new Error(
      `tenant "${tenant}" has no key of its own on AWS target ${context.clusterName}; only tenants with dedicatedKey get one`,
    );
  return key;
}

/** Tags on every data resource: its data set and its environment (the rules read the latter). */
export function dataTags(context: AwsDataContext, dataSet: string, extra: Record<string, string> = {}) {
  return {
    "managed-by": "im-platform",
    "im-platform-cluster": context.clusterName,
    "im-platform-data-set": dataSet,
    [ENVIRONMENT_TAG]: context.environment,
    ...extra,
  };
}

/**
 * A security group for one managed service that admits its port from the cluster's nodes and
 * pods only (by their group, not a range), and nothing else; it has no egress rules.
 */
export function serviceSecurityGroup(
  name: string,
  args: { context: AwsDataContext; dataSet: string; service: string; port: number },
  opts: pulumi.CustomResourceOptions,
): ec2.SecurityGroup {
  const { context, service, port } = args;
  const group = new ec2.SecurityGroup(
    name,
    {
      vpcId: context.vpcId,
      description: `${service} of data set ${args.dataSet}: port ${port} from the cluster's nodes and pods only`,
      revokeRulesOnDelete: true,
      tags: dataTags(context, args.dataSet, { Name: `${context.clusterName}-${args.dataSet}-${service}` }),
    },
    opts,
  );
  new vpc.SecurityGroupIngressRule(
    `${name}-from-nodes`,
    {
      securityGroupId: group.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: context.clientSecurityGroupId,
      description: `${service} clients: the cluster's nodes and pods`,
    },
    opts,
  );
  return group;
}
