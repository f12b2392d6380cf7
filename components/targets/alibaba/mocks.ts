import type * as pulumi from "@pulumi/pulumi";
import type { MockState, TargetMocks } from "../definition";
import { ALIBABA_TYPES as T, CLUSTER_CREDENTIAL_CALL } from "./conventions";

const text = (value: unknown, fallback: string): string =>
  typeof value === "string" && value.length > 0 ? value : fallback;

/** A short stable suffix from the Pulumi name, so ids differ per resource and repeat per run. */
function suffix(args: pulumi.runtime.MockResourceArgs): string {
  let hash = 0;
  for (const char of `${args.type}/${args.name}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(36).padStart(7, "0");
}

/** Ids in the shape Alibaba Cloud returns, so what reads them (zone maps, annotations, keys) looks real. */
const ID_PREFIX: Readonly<Record<string, string>> = {
  [T.vpc]: "vpc-",
  [T.vswitch]: "vsw-",
  [T.natGateway]: "ngw-",
  [T.eip]: "eip-",
  [T.securityGroup]: "sg-",
  [T.kmsKey]: "key-",
  [T.acl]: "acl-",
  [T.cluster]: "c",
  [T.nodePool]: "np",
  [T.flowLog]: "fl-",
  [T.redis]: "r-",
  [T.kafka]: "alikafka_post-cn-",
  [T.mongodb]: "dds-",
  [T.ramAccessKey]: "LTAI5t",
};

/** Outputs the program reads back that the cloud computes: names, addresses, table ids. */
const STATE_BY_TYPE: Readonly<Record<string, (args: pulumi.runtime.MockResourceArgs) => MockState>> = {
  [T.vpc]: (args) => args.inputs,
  [T.vswitch]: (args) => args.inputs,
  [T.natGateway]: (args) => ({
    ...args.inputs,
    snatTableIds: `stb-${suffix(args)}`,
    forwardTableIds: `ftb-${suffix(args)}`,
  }),
  [T.snatEntry]: (args) => args.inputs,
  [T.flowLog]: (args) => args.inputs,
  [T.eip]: (args) => ({ ...args.inputs, ipAddress: "203.0.113.20" }),
  [T.eipAssociation]: (args) => args.inputs,
  [T.securityGroup]: (args) => args.inputs,
  [T.securityGroupRule]: (args) => args.inputs,
  [T.kmsKey]: (args) => args.inputs,
  [T.kmsAlias]: (args) => args.inputs,
  [T.acl]: (args) => args.inputs,
  [T.logProject]: (args) => ({ ...args.inputs, projectName: text(args.inputs.projectName, args.name) }),
  [T.logStore]: (args) => ({ ...args.inputs, logstoreName: text(args.inputs.logstoreName, args.name) }),
  [T.cluster]: (args) => ({
    ...args.inputs,
    vpcId: "vpc-synth",
    connections: { apiServerIntranet: "https://10.0.0.10:6443" },
    rrsaMetadata: { enabled: true, rrsaOidcIssuerUrl: "https://oidc-ack-synth.example.invalid/synth" },
  }),
  [T.nodePool]: (args) => args.inputs,
  [T.redis]: (args) => ({ ...args.inputs, connectionDomain: `r-${suffix(args)}.redis.rds.aliyuncs.com` }),
  [T.kafka]: (args) => ({
    ...args.inputs,
    // A broker per zone, in domain-name mode, on the VPC SASL port.
    saslDomainEndpoint: [1, 2, 3]
      .map((broker) => `alikafka-post-cn-${suffix(args)}-${broker}-vpc.alikafka.aliyuncs.com:9094`)
      .join(","),
  }),
  [T.kafkaTopic]: (args) => args.inputs,
  [T.kafkaGroup]: (args) => args.inputs,
  [T.kafkaUser]: (args) => args.inputs,
  [T.kafkaAcl]: (args) => args.inputs,
  [T.kafkaAllowedIp]: (args) => args.inputs,
  [T.mongodb]: (args) => ({
    ...args.inputs,
    replicaSetName: `mgset-${suffix(args)}`,
    replicaSets: ["Primary", "Secondary"].map((role, index) => ({
      connectionDomain: `dds-${suffix(args)}${index + 1}.mongodb.rds.aliyuncs.com`,
      connectionPort: "3717",
      networkType: "VPC",
      replicaSetRole: role,
    })),
  }),
  [T.bucket]: (args) => args.inputs,
  [T.bucketAcl]: (args) => args.inputs,
  [T.bucketPublicAccessBlock]: (args) => args.inputs,
  [T.bucketEncryption]: (args) => args.inputs,
  [T.bucketCors]: (args) => args.inputs,
  [T.bucketVersioning]: (args) => args.inputs,
  [T.ramUser]: (args) => args.inputs,
  [T.ramPolicy]: (args) => args.inputs,
  [T.ramUserPolicyAttachment]: (args) => args.inputs,
  [T.ramAccessKey]: (args) => ({ ...args.inputs, secret: `synth-secret-${suffix(args)}` }),
};

export const ALIBABA_PREFIX = "alicloud:";

/** State of an Alibaba Cloud resource, or undefined for a type the synth does not know (the caller fails loudly). */
export function alibabaState(args: pulumi.runtime.MockResourceArgs): MockState | undefined {
  return STATE_BY_TYPE[args.type]?.(args);
}

export function alibabaId(args: pulumi.runtime.MockResourceArgs): string | undefined {
  const prefix = ID_PREFIX[args.type];
  return prefix === undefined ? undefined : `${prefix}${suffix(args)}`;
}

/** A kubeconfig of the shape ACK hands out; the synth never dials it. */
function clusterCredential(inputs: Record<string, unknown>): Record<string, unknown> {
  const clusterId = text(inputs.clusterId, "c-synth");
  return {
    clusterId,
    kubeConfig: JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: clusterId, cluster: { server: "https://203.0.113.30:6443" } }],
      contexts: [{ name: clusterId, context: { cluster: clusterId, user: clusterId } }],
      "current-context": clusterId,
      users: [{ name: clusterId, user: {} }],
    }),
    certificateAuthority: {},
  };
}

/** The Alibaba target's stand-ins for the offline synth and the unit tests. */
export const alibabaMocks: TargetMocks = {
  states: [[ALIBABA_PREFIX, alibabaState]],
  calls: { [CLUSTER_CREDENTIAL_CALL]: clusterCredential },
  id: alibabaId,
};
