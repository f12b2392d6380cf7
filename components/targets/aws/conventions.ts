/**
 * AWS names the target writes and the AWS security rules read, kept free of provider imports so
 * the policy packs load them cheaply.
 */

/** Every control-plane log type EKS offers. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** Tag on the edge's client-facing ingress rules: the only rules that may admit the whole internet. */
export const EDGE_RULE_TAG = "im-platform.io/edge-listener";

/** Security policies that refuse TLS 1.0 and 1.1, by the lowest version a client may use. */
export const TLS_POLICIES = {
  "1.2": "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "1.3": "ELBSecurityPolicy-TLS13-1-3-2021-06",
} as const;

/** Load balancer security policies whose lowest protocol is TLS 1.2 or 1.3. */
export const MODERN_TLS_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

/** The EBS CSI driver's provisioner name, for StorageClasses. */
export const EBS_CSI_PROVISIONER = "ebs.csi.aws.com";

/** Route 53 types of the stack's global traffic, which the health-check rule reads. */
export const ROUTE53_RECORD = "aws:route53/record:Record";
export const ROUTE53_HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

/** The tag that states a data resource's environment: the rules hold prod (and untagged) resources to prod's bar. */
export const ENVIRONMENT_TAG = "im-platform-environment";

/** Managed data resource types the AWS data rules read. */
export const DATA_TYPES = {
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  mskCluster: "aws:msk/cluster:Cluster",
  docdbCluster: "aws:docdb/cluster:Cluster",
  docdbParameterGroup: "aws:docdb/clusterParameterGroup:ClusterParameterGroup",
  bucket: "aws:s3/bucket:Bucket",
  bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
} as const;
