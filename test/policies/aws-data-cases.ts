/** Compliant and violating cases of the AWS managed data rules (IMS112-IMS116), run by aws.test.ts. */

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/k";
const PROD = { "im-platform-environment": "prod" };
const DEV = { "im-platform-environment": "dev" };

const redis = (overrides: object = {}): object => ({
  description: "cell acme",
  engine: "valkey",
  atRestEncryptionEnabled: true,
  kmsKeyId: KEY,
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  authToken: "Abc-defGHI-jkl-mnoPQR0123456789xy",
  numCacheClusters: 2,
  automaticFailoverEnabled: true,
  multiAzEnabled: true,
  snapshotRetentionLimit: 7,
  tags: PROD,
  ...overrides,
});
const msk = (overrides: object = {}): object => ({
  kafkaVersion: "3.8.x",
  numberOfBrokerNodes: 3,
  brokerNodeGroupInfo: {
    instanceType: "kafka.m7g.large",
    clientSubnets: ["s-1", "s-2", "s-3"],
    securityGroups: ["sg-1"],
    connectivityInfo: { publicAccess: { type: "DISABLED" } },
  },
  encryptionInfo: { encryptionAtRestKmsKeyArn: KEY, encryptionInTransit: { clientBroker: "TLS", inCluster: true } },
  clientAuthentication: { unauthenticated: true },
  ...overrides,
});
const docdb = (overrides: object = {}): object => ({
  engine: "docdb",
  storageEncrypted: true,
  kmsKeyId: KEY,
  backupRetentionPeriod: 7,
  deletionProtection: true,
  skipFinalSnapshot: false,
  tags: PROD,
  ...overrides,
});
const userPolicy = (statement: object): object => ({
  user: "im-acme-objects",
  policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
});

export const awsDataRuleCases = [
  {
    policy: "aws-data-customer-key",
    title: "ElastiCache on an AWS owned key",
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: redis(),
    violating: redis({ kmsKeyId: undefined }),
    expected: /kmsKeyId is unset/,
  },
  {
    policy: "aws-data-customer-key",
    title: "MSK on the AWS managed key",
    type: "aws:msk/cluster:Cluster",
    compliant: msk(),
    violating: msk({ encryptionInfo: { encryptionInTransit: { clientBroker: "TLS" } } }),
    expected: /encryptionAtRestKmsKeyArn is unset/,
  },
  {
    policy: "aws-data-customer-key",
    title: "DocumentDB storage unencrypted",
    type: "aws:docdb/cluster:Cluster",
    compliant: docdb(),
    violating: docdb({ storageEncrypted: false }),
    expected: /storageEncrypted is not true/,
  },
  {
    policy: "aws-data-customer-key",
    title: "a bucket on SSE-S3",
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    compliant: {
      bucket: "b",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } }],
    },
    violating: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    expected: /no rule encrypts with aws:kms/,
  },
  {
    policy: "aws-data-private",
    title: "MSK brokers with public IPs",
    type: "aws:msk/cluster:Cluster",
    compliant: msk(),
    violating: msk({
      brokerNodeGroupInfo: {
        instanceType: "kafka.m7g.large",
        clientSubnets: ["s-1", "s-2"],
        securityGroups: ["sg-1"],
        connectivityInfo: { publicAccess: { type: "SERVICE_PROVIDED_EIPS" } },
      },
    }),
    expected: /public access \(SERVICE_PROVIDED_EIPS\)/,
  },
  {
    policy: "aws-data-private",
    title: "a public access block left open",
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    compliant: {
      bucket: "b",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    violating: { bucket: "b", blockPublicAcls: true, ignorePublicAcls: true },
    expected: /leaves blockPublicPolicy, restrictPublicBuckets off/,
  },
  {
    policy: "aws-data-private",
    title: "a public-read bucket",
    type: "aws:s3/bucket:Bucket",
    compliant: { bucket: "b" },
    violating: { bucket: "b", acl: "public-read" },
    expected: /ACL is public-read/,
  },
  {
    policy: "aws-data-tls",
    title: "Redis in preferred mode",
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: redis(),
    violating: redis({ transitEncryptionMode: "preferred" }),
    expected: /preferred, which admits plaintext clients/,
  },
  {
    policy: "aws-data-tls",
    title: "Redis without AUTH",
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: redis({ authToken: undefined, userGroupIds: ["ug-1"] }),
    violating: redis({ authToken: undefined }),
    expected: /no authToken or user group/,
  },
  {
    policy: "aws-data-tls",
    title: "MSK admitting plaintext clients",
    type: "aws:msk/cluster:Cluster",
    compliant: msk({ encryptionInfo: { encryptionAtRestKmsKeyArn: KEY } }),
    violating: msk({
      encryptionInfo: { encryptionAtRestKmsKeyArn: KEY, encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" } },
    }),
    expected: /clientBroker is TLS_PLAINTEXT/,
  },
  {
    policy: "aws-data-tls",
    title: "DocumentDB with TLS off",
    type: "aws:docdb/clusterParameterGroup:ClusterParameterGroup",
    compliant: { family: "docdb5.0", parameters: [{ name: "tls", value: "enabled" }] },
    violating: { family: "docdb5.0", parameters: [{ name: "tls", value: "disabled" }] },
    expected: /tls parameter is disabled/,
  },
  {
    policy: "aws-data-prod-resilience",
    title: "a prod Redis without failover",
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: redis({ automaticFailoverEnabled: false, multiAzEnabled: false, tags: DEV }),
    violating: redis({ automaticFailoverEnabled: false }),
    expected: /automaticFailoverEnabled is not true/,
  },
  {
    policy: "aws-data-prod-resilience",
    title: "an untagged DocumentDB without deletion protection",
    type: "aws:docdb/cluster:Cluster",
    compliant: docdb({ deletionProtection: false, backupRetentionPeriod: 1, skipFinalSnapshot: true, tags: DEV }),
    violating: docdb({ deletionProtection: false, tags: undefined }),
    expected: /deletionProtection is not true/,
  },
  {
    policy: "aws-data-user-scoped",
    title: "a data user allowed every bucket",
    type: "aws:iam/userPolicy:UserPolicy",
    compliant: userPolicy({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }),
    violating: userPolicy({ Sid: "Everything", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }),
    expected: /statement Everything allows S3 or KMS actions on every resource/,
  },
];
