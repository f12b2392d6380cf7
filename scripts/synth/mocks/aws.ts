import type * as pulumi from "@pulumi/pulumi";

type MockState = Record<string, unknown>;

/** Stand-ins for what AWS reports back; obviously not real (account 000000000000, ".invalid" hosts). */
const ACCOUNT = "000000000000";
const REGION = "synth-region-1";

function arnFor(args: pulumi.runtime.MockResourceArgs): string {
  const [, module = "aws", kind = "resource"] = args.type.split(/[:/]/);
  return `arn:aws:${module}:${REGION}:${ACCOUNT}:${kind.toLowerCase()}/${args.name}`;
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
};

/** Inputs come back as state, with an ARN and the computed outputs of the types above. */
export function awsState(args: pulumi.runtime.MockResourceArgs): MockState {
  return { arn: arnFor(args), ...args.inputs, ...COMPUTED[args.type]?.(args) };
}
