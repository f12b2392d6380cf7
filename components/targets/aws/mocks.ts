import type * as pulumi from "@pulumi/pulumi";
import type { TargetMocks } from "../definition";

type MockState = Record<string, unknown>;

/** Stand-ins for what AWS reports back; obviously not real (account 000000000000, ".invalid" hosts). */
const ACCOUNT = "000000000000";
const REGION = "synth-region-1";

function arnFor(args: pulumi.runtime.MockResourceArgs): string {
  const [, module = "aws", kind = "resource"] = args.type.split(/[:/]/);
  return `arn:aws:${module}:${REGION}:${ACCOUNT}:${kind.toLowerCase()}/${args.name}`;
}

const WORKSPACE = "aws:amp/workspace:Workspace";

/** A workspace's id from its alias, so a cell stack's lookup finds the id its platform stack's workspace got. */
function workspaceId(alias: unknown): string {
  return `ws-${String(alias)}`;
}

function workspaceFacts(id: string): MockState {
  return {
    arn: `arn:aws:aps:${REGION}:${ACCOUNT}:workspace/${id}`,
    prometheusEndpoint: `https://aps-workspaces.synth.invalid/workspaces/${id}/`,
  };
}

/** A hosted zone id derived from the zone's name, so a test can tell which zone a record went to. */
export function hostedZoneId(zone: unknown): string {
  return `Z${String(zone)
    .replace(/[^a-z0-9]/gi, "")
    .toUpperCase()}`.slice(0, 32);
}

/** Outputs the AWS target reads back from the resources it creates. */
const COMPUTED: Readonly<Record<string, (args: pulumi.runtime.MockResourceArgs) => MockState>> = {
  "aws:eks/cluster:Cluster": (args) => ({
    endpoint: `https://${args.name}.eks.synth.invalid`,
    certificateAuthority: { data: "c3ludGgtY2VydGlmaWNhdGUtYXV0aG9yaXR5" },
    identities: [{ oidcs: [{ issuer: `https://oidc.eks.synth.invalid/id/${args.name}` }] }],
  }),
  "aws:kms/key:Key": (args) => ({ keyId: `${args.name}-key-id` }),
  "aws:iam/role:Role": (args) => ({ name: args.name }),
  "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1 }),
  [WORKSPACE]: (args) => workspaceFacts(workspaceId(args.inputs.alias)),
  "aws:route53/record:Record": (args) => ({ fqdn: args.inputs.name }),
  "aws:elasticache/replicationGroup:ReplicationGroup": (args) => ({
    primaryEndpointAddress: `master.${String(args.inputs.replicationGroupId)}.cache.synth.invalid`,
  }),
  "aws:msk/configuration:Configuration": () => ({ latestRevision: 1 }),
  // Three brokers' TLS listeners, as MSK lists them: comma-separated host:port.
  "aws:msk/cluster:Cluster": (args) => ({
    bootstrapBrokersTls: [1, 2, 3]
      .map((n) => `b-${n}.${String(args.inputs.clusterName)}.kafka.synth.invalid:9094`)
      .join(","),
  }),
  "aws:docdb/cluster:Cluster": (args) => ({
    endpoint: `${String(args.inputs.clusterIdentifier)}.cluster.docdb.synth.invalid`,
    port: args.inputs.port ?? 27017,
  }),
  // S3 ARNs name no region or account.
  "aws:s3/bucket:Bucket": (args) => ({ arn: `arn:aws:s3:::${String(args.inputs.bucket)}` }),
  "aws:iam/accessKey:AccessKey": (args) => ({ secret: `synth-secret-of-${args.name}` }),
};

/** Every AWS type the target creates; any other fails the synth, as an unknown type must. */
const AWS_TYPES = [
  "aws:amp/alertManagerDefinition:AlertManagerDefinition",
  "aws:amp/ruleGroupNamespace:RuleGroupNamespace",
  WORKSPACE,
  "aws:amp/workspaceConfiguration:WorkspaceConfiguration",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:docdb/cluster:Cluster",
  "aws:docdb/clusterInstance:ClusterInstance",
  "aws:docdb/clusterParameterGroup:ClusterParameterGroup",
  "aws:docdb/subnetGroup:SubnetGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/eip:Eip",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/tag:Tag",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:eks/accessEntry:AccessEntry",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  "aws:eks/addon:Addon",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/subnetGroup:SubnetGroup",
  "aws:iam/accessKey:AccessKey",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/user:User",
  "aws:iam/userPolicy:UserPolicy",
  "aws:kms/alias:Alias",
  "aws:kms/key:Key",
  "aws:msk/cluster:Cluster",
  "aws:msk/configuration:Configuration",
  "aws:msk/topic:Topic",
  "aws:route53/healthCheck:HealthCheck",
  "aws:route53/record:Record",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
] as const;

/** Inputs come back as state, with an ARN and the computed outputs of the types above; by exact type token. */
export const AWS_MOCK_STATES: ReadonlyArray<[string, (args: pulumi.runtime.MockResourceArgs) => MockState]> =
  AWS_TYPES.map((type) => [type, (args) => ({ arn: arnFor(args), ...args.inputs, ...COMPUTED[args.type]?.(args) })]);

/** The AWS target's stand-ins for the offline synth and the unit tests. */
/** What a cell stack looks up of the cluster its platform stack built. */
const AWS_CALLS: NonNullable<TargetMocks["calls"]> = {
  "aws:eks/getCluster:getCluster": (inputs) => ({
    name: inputs.name,
    endpoint: `https://${String(inputs.name)}.eks.synth.invalid`,
    certificateAuthorities: [{ data: "c3ludGgtY2VydGlmaWNhdGUtYXV0aG9yaXR5" }],
  }),
  "aws:kms/getKey:getKey": (inputs) => ({
    keyId: inputs.keyId,
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${String(inputs.keyId).replace(/\//g, "-")}`,
  }),
  // The one workspace whose alias is the prefix looked up: the one the platform stack created.
  "aws:amp/getWorkspaces:getWorkspaces": (inputs) => {
    const id = workspaceId(inputs.aliasPrefix);
    return {
      id: REGION,
      region: REGION,
      aliasPrefix: inputs.aliasPrefix,
      aliases: [inputs.aliasPrefix],
      workspaceIds: [id],
      arns: [workspaceFacts(id).arn],
    };
  },
  // The public zone of that name, with an id of Route 53's form.
  "aws:route53/getZone:getZone": (inputs) => ({
    id: hostedZoneId(inputs.name),
    zoneId: hostedZoneId(inputs.name),
    name: inputs.name,
    privateZone: false,
  }),
  "aws:amp/getWorkspace:getWorkspace": (inputs) => ({
    id: inputs.workspaceId,
    workspaceId: inputs.workspaceId,
    region: REGION,
    status: "ACTIVE",
    ...workspaceFacts(String(inputs.workspaceId)),
  }),
};

export const awsMocks: TargetMocks = {
  states: AWS_MOCK_STATES,
  calls: AWS_CALLS,
  id: (args) => (args.type === WORKSPACE ? workspaceId(args.inputs.alias) : undefined),
};
