/** Type tokens of the Alibaba Cloud resources the target makes and the rules read. */
export const ALIBABA_TYPES = {
  vpc: "alicloud:vpc/network:Network",
  vswitch: "alicloud:vpc/switch:Switch",
  natGateway: "alicloud:vpc/natGateway:NatGateway",
  snatEntry: "alicloud:vpc/snatEntry:SnatEntry",
  flowLog: "alicloud:vpc/flowLog:FlowLog",
  eip: "alicloud:ecs/eipAddress:EipAddress",
  eipAssociation: "alicloud:ecs/eipAssociation:EipAssociation",
  securityGroup: "alicloud:ecs/securityGroup:SecurityGroup",
  securityGroupRule: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
  kmsKey: "alicloud:kms/key:Key",
  kmsAlias: "alicloud:kms/alias:Alias",
  acl: "alicloud:slb/acl:Acl",
  logProject: "alicloud:log/project:Project",
  logStore: "alicloud:log/store:Store",
  cluster: "alicloud:cs/managedKubernetes:ManagedKubernetes",
  nodePool: "alicloud:cs/nodePool:NodePool",
  redis: "alicloud:kvstore/instance:Instance",
  kafka: "alicloud:alikafka/instance:Instance",
  kafkaTopic: "alicloud:alikafka/topic:Topic",
  kafkaGroup: "alicloud:alikafka/consumerGroup:ConsumerGroup",
  kafkaUser: "alicloud:alikafka/saslUser:SaslUser",
  kafkaAcl: "alicloud:alikafka/saslAcl:SaslAcl",
  kafkaAllowedIp: "alicloud:alikafka/instanceAllowedIpAttachment:InstanceAllowedIpAttachment",
  mongodb: "alicloud:mongodb/instance:Instance",
  bucket: "alicloud:oss/bucket:Bucket",
  bucketAcl: "alicloud:oss/bucketAcl:BucketAcl",
  bucketPublicAccessBlock: "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketEncryption: "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption",
  bucketCors: "alicloud:oss/bucketCors:BucketCors",
  bucketVersioning: "alicloud:oss/bucketVersioning:BucketVersioning",
  ramUser: "alicloud:ram/user:User",
  ramPolicy: "alicloud:ram/policy:Policy",
  ramUserPolicyAttachment: "alicloud:ram/userPolicyAttachment:UserPolicyAttachment",
  ramAccessKey: "alicloud:ram/accessKey:AccessKey",
} as const;

/** The invoke that hands out a cluster's kubeconfig. */
export const CLUSTER_CREDENTIAL_CALL = "alicloud:cs/getClusterCredential:getClusterCredential";

/**
 * Security group rules carry no tags, so an edge listener rule says what it is in its description:
 * the one kind of rule that may admit the whole internet, on one port, when clients are public.
 */
export const EDGE_RULE_PREFIX = "im-platform edge listener";

/** The tag that states a resource's environment: the rules hold prod resources to prod's bar. */
export const ENVIRONMENT_TAG = "im-platform-environment";

/** Tags every resource of the target carries. */
export function alibabaTags(stack: string, target: string, environment: string): Record<string, string> {
  return {
    "managed-by": "im-platform",
    "im-platform-stack": stack,
    "im-platform-target": target,
    [ENVIRONMENT_TAG]: environment,
  };
}
