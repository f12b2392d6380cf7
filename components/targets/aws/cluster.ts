import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as eks from "@pulumi/aws/eks";
import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { execKubeconfig } from "../exec-kubeconfig";
import { CONTROL_PLANE_LOG_TYPES } from "./conventions";
import { createRole, serviceTrust, type WorkloadIdentity } from "./iam";

export interface AwsEksClusterArgs {
  readonly clusterName: string;
  readonly region: string;
  readonly partition: string;
  readonly kubernetesVersion: string;
  readonly serviceCidr: string;
  readonly subnetIds: pulumi.Input<string>[];
  readonly securityGroupId: pulumi.Input<string>;
  /** Empty: the endpoint is private only. */
  readonly publicAccessCidrs: readonly string[];
  readonly secretsKeyArn: pulumi.Input<string>;
  readonly logsKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  readonly adminRoleArns: readonly string[];
  /** Refuse deletion of the cluster (prod). */
  readonly deletionProtection: boolean;
}

/** Kubeconfig that authenticates with short-lived tokens from the AWS CLI; no credential is stored in it. */
export function eksKubeconfig(
  clusterName: string,
  region: string,
  endpoint: string,
  certificateAuthority: string,
): string {
  return execKubeconfig(clusterName, endpoint, certificateAuthority, {
    command: "aws",
    args: ["eks", "get-token", "--cluster-name", clusterName, "--region", region],
  });
}

/**
 * The EKS control plane: private endpoint (public only for listed ranges), secrets encrypted
 * with a customer key, every log type into a KMS-encrypted log group, an OIDC provider for
 * workload identity (IRSA), and admins granted through access entries rather than aws-auth.
 */
export class AwsEksCluster extends pulumi.ComponentResource {
  readonly cluster: eks.Cluster;
  readonly identity: WorkloadIdentity;
  readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: AwsEksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsEksCluster", name, {}, opts);
    const parent = { parent: this };
    const role = createRole(
      `${name}-role`,
      {
        description: `${args.clusterName}: EKS control plane`,
        trust: serviceTrust("eks.amazonaws.com"),
        managedPolicies: ["AmazonEKSClusterPolicy"],
        partition: args.partition,
      },
      parent,
    );
    // EKS writes to this exact name; creating it first gives it a key and a retention.
    const logGroup = new cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/eks/${args.clusterName}/cluster`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKeyArn,
      },
      parent,
    );
    const publicEndpoint = args.publicAccessCidrs.length > 0;
    this.cluster = new eks.Cluster(
      `${name}-eks`,
      {
        name: args.clusterName,
        version: args.kubernetesVersion,
        roleArn: role.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          securityGroupIds: [args.securityGroupId],
          endpointPrivateAccess: true,
          endpointPublicAccess: publicEndpoint,
          publicAccessCidrs: publicEndpoint ? [...args.publicAccessCidrs] : undefined,
        },
        kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: args.serviceCidr },
        encryptionConfig: { provider: { keyArn: args.secretsKeyArn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
        // The deploying identity keeps admin so it can install the add-ons; everyone else comes through access entries.
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        deletionProtection: args.deletionProtection,
      },
      { ...parent, dependsOn: [logGroup] },
    );

    const issuer = this.cluster.identities.apply((identities) => identities[0]?.oidcs?.[0]?.issuer ?? "");
    const provider = new iam.OpenIdConnectProvider(
      `${name}-oidc`,
      { url: issuer, clientIdLists: ["sts.amazonaws.com"] },
      parent,
    );
    this.identity = { providerArn: provider.arn, issuerHost: issuer.apply((url) => url.replace(/^https:\/\//, "")) };

    args.adminRoleArns.forEach((principalArn, index) => {
      const entry = new eks.AccessEntry(
        `${name}-admin-${index}`,
        { clusterName: this.cluster.name, principalArn, type: "STANDARD" },
        parent,
      );
      new eks.AccessPolicyAssociation(
        `${name}-admin-${index}`,
        {
          clusterName: this.cluster.name,
          principalArn,
          policyArn: `arn:${args.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
          accessScope: { type: "cluster" },
        },
        { ...parent, dependsOn: [entry] },
      );
    });

    this.kubeconfig = pulumi.secret(
      pulumi
        .all([this.cluster.endpoint, this.cluster.certificateAuthority])
        .apply(([endpoint, authority]) => eksKubeconfig(args.clusterName, args.region, endpoint, authority.data ?? "")),
    );
    this.registerOutputs({
      clusterName: this.cluster.name,
      endpoint: this.cluster.endpoint,
      oidcProvider: provider.arn,
    });
  }
}
