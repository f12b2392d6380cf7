import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";

/** An IAM policy document statement; kept plain so tests and rules read it as JSON. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: Record<string, string | readonly string[]>;
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export function policyDocument(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Trust for an AWS service (eks, ec2, vpc-flow-logs) to assume a role. */
export function serviceTrust(service: string): string {
  return policyDocument([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }]);
}

export interface WorkloadIdentity {
  readonly providerArn: pulumi.Input<string>;
  /** The issuer URL without its scheme ("oidc.eks.<region>.amazonaws.com/id/<id>"). */
  readonly issuerHost: pulumi.Input<string>;
}

/** IRSA: only this ServiceAccount's projected token, meant for STS, may assume the role. */
export function serviceAccountTrust(
  identity: WorkloadIdentity,
  namespace: string,
  serviceAccount: string,
): pulumi.Output<string> {
  return pulumi.all([identity.providerArn, identity.issuerHost]).apply(([arn, host]) =>
    policyDocument([
      {
        Effect: "Allow",
        Principal: { Federated: arn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${host}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${host}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ]),
  );
}

export interface RoleArgs {
  readonly description: string;
  readonly trust: pulumi.Input<string>;
  /** AWS-managed policy names ("AmazonEKSClusterPolicy"), attached one by one. */
  readonly managedPolicies?: readonly string[];
  /** One inline policy of the role's own. */
  readonly inlinePolicy?: pulumi.Input<string>;
  readonly partition: string;
}

/** A role with its attachments, every child named after it and parented to the caller. */
export function createRole(name: string, args: RoleArgs, opts: pulumi.CustomResourceOptions): iam.Role {
  const role = new iam.Role(name, { description: args.description, assumeRolePolicy: args.trust }, opts);
  for (const policy of args.managedPolicies ?? []) {
    new iam.RolePolicyAttachment(
      `${name}-${policy}`,
      { role: role.name, policyArn: `arn:${args.partition}:iam::aws:policy/${policy}` },
      opts,
    );
  }
  if (args.inlinePolicy) new iam.RolePolicy(`${name}-policy`, { role: role.id, policy: args.inlinePolicy }, opts);
  return role;
}
