import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { TargetMocks } from "../definition";

type MockState = Record<string, unknown>;

const text = (value: unknown, fallback: string): string =>
  typeof value === "string" && value.length > 0 ? value : fallback;

/** Name GCP would give a resource: the configured one, else the Pulumi name. */
function nameOf(args: pulumi.runtime.MockResourceArgs): string {
  return text(args.inputs.name, args.name);
}

function projectOf(args: pulumi.runtime.MockResourceArgs): string {
  return text(args.inputs.project, "synth-project");
}

/** Ids in the shape the GCP API returns, so what reads them (key names, networks) looks real. */
const ID_BY_TYPE: Readonly<Record<string, (args: pulumi.runtime.MockResourceArgs) => string>> = {
  "gcp:kms/keyRing:KeyRing": (args) =>
    `projects/${projectOf(args)}/locations/${text(args.inputs.location, "global")}/keyRings/${nameOf(args)}`,
  "gcp:kms/cryptoKey:CryptoKey": (args) => `${text(args.inputs.keyRing, "keyRing")}/cryptoKeys/${nameOf(args)}`,
  "gcp:compute/network:Network": (args) => `projects/${projectOf(args)}/global/networks/${nameOf(args)}`,
  "gcp:compute/subnetwork:Subnetwork": (args) =>
    `projects/${projectOf(args)}/regions/${text(args.inputs.region, "region")}/subnetworks/${nameOf(args)}`,
  "gcp:compute/healthCheck:HealthCheck": (args) => `projects/${projectOf(args)}/global/healthChecks/${nameOf(args)}`,
  "gcp:container/cluster:Cluster": (args) =>
    `projects/${projectOf(args)}/locations/${text(args.inputs.location, "region")}/clusters/${nameOf(args)}`,
  "gcp:redis/instance:Instance": (args) =>
    `projects/${projectOf(args)}/locations/${text(args.inputs.region, "region")}/instances/${nameOf(args)}`,
  "gcp:managedkafka/cluster:Cluster": (args) =>
    `projects/${projectOf(args)}/locations/${text(args.inputs.location, "region")}/clusters/${text(args.inputs.clusterId, args.name)}`,
  "gcp:compute/globalAddress:GlobalAddress": (args) => `projects/${projectOf(args)}/global/addresses/${nameOf(args)}`,
};

/** A stand-in for what a data service generates, unique to the resource, never a real secret. */
const generated = (args: pulumi.runtime.MockResourceArgs, what: string): string => `synth-${what}-${args.name}`;
/** A private address of its own per instance, as the service allocates one per instance from the range. */
const privateHost = (args: pulumi.runtime.MockResourceArgs): string => {
  const digest = createHash("sha256").update(args.name).digest();
  return `10.30.${(digest[0] ?? 0) % 16}.${((digest[1] ?? 0) % 250) + 2}`;
};

/** Outputs the program reads back that GCP computes: addresses, emails, names. */
const STATE_BY_TYPE: Readonly<Record<string, (args: pulumi.runtime.MockResourceArgs) => MockState>> = {
  "gcp:compute/network:Network": (args) => ({ ...args.inputs, name: nameOf(args) }),
  "gcp:compute/subnetwork:Subnetwork": (args) => ({ ...args.inputs, name: nameOf(args) }),
  "gcp:compute/router:Router": (args) => ({ ...args.inputs, name: nameOf(args) }),
  "gcp:compute/routerNat:RouterNat": (args) => args.inputs,
  "gcp:compute/firewall:Firewall": (args) => args.inputs,
  "gcp:compute/securityPolicy:SecurityPolicy": (args) => ({ ...args.inputs, name: nameOf(args) }),
  "gcp:kms/keyRing:KeyRing": (args) => ({ ...args.inputs, name: nameOf(args) }),
  "gcp:kms/cryptoKey:CryptoKey": (args) => args.inputs,
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": (args) => args.inputs,
  "gcp:projects/iAMMember:IAMMember": (args) => args.inputs,
  "gcp:serviceaccount/account:Account": (args) => {
    const email = `${text(args.inputs.accountId, args.name)}@${projectOf(args)}.iam.gserviceaccount.com`;
    return { ...args.inputs, email, name: `projects/${projectOf(args)}/serviceAccounts/${email}` };
  },
  "gcp:serviceaccount/iAMMember:IAMMember": (args) => args.inputs,
  "gcp:container/cluster:Cluster": (args) => {
    const privateConfig = (args.inputs.privateClusterConfig ?? {}) as Record<string, unknown>;
    return {
      ...args.inputs,
      name: nameOf(args),
      endpoint: "203.0.113.10",
      privateClusterConfig: { ...privateConfig, privateEndpoint: "172.16.0.2" },
      masterAuth: { ...(args.inputs.masterAuth as object | undefined), clusterCaCertificate: "c3ludGgtY2E=" },
    };
  },
  "gcp:container/nodePool:NodePool": (args) => args.inputs,
  "gcp:compute/healthCheck:HealthCheck": (args) => ({ ...args.inputs, name: nameOf(args) }),
  "gcp:dns/recordSet:RecordSet": (args) => args.inputs,
  // Managed data: the addresses, names and credentials the cells' bindings read back.
  "gcp:compute/globalAddress:GlobalAddress": (args) => ({ ...args.inputs, name: nameOf(args) }),
  "gcp:servicenetworking/connection:Connection": (args) => args.inputs,
  "gcp:redis/instance:Instance": (args) => ({
    ...args.inputs,
    name: nameOf(args),
    host: privateHost(args),
    port: 6379,
    authString: generated(args, "auth"),
  }),
  "gcp:managedkafka/cluster:Cluster": (args) => ({
    ...args.inputs,
    name: `projects/${projectOf(args)}/locations/${text(args.inputs.location, "region")}/clusters/${text(args.inputs.clusterId, args.name)}`,
  }),
  "gcp:managedkafka/topic:Topic": (args) => args.inputs,
  "gcp:managedkafka/acl:Acl": (args) => args.inputs,
  "gcp:serviceaccount/key:Key": (args) => ({
    ...args.inputs,
    privateKey: Buffer.from(JSON.stringify({ type: "service_account", private_key_id: args.name })).toString("base64"),
  }),
  "gcp:storage/bucket:Bucket": (args) => ({ ...args.inputs, name: nameOf(args), url: `gs://${nameOf(args)}` }),
  "gcp:storage/bucketIAMMember:BucketIAMMember": (args) => args.inputs,
  "gcp:storage/hmacKey:HmacKey": (args) => ({
    ...args.inputs,
    accessId: generated(args, "access-id"),
    secret: generated(args, "secret"),
  }),
};

export const GCP_PREFIX = "gcp:";

/** State of a GCP resource, or undefined for a type the synth does not know (the caller fails loudly). */
export function gcpState(args: pulumi.runtime.MockResourceArgs): MockState | undefined {
  return STATE_BY_TYPE[args.type]?.(args);
}

export function gcpId(args: pulumi.runtime.MockResourceArgs): string | undefined {
  return ID_BY_TYPE[args.type]?.(args);
}

/** The GCP target's stand-ins for the offline synth and the unit tests. */
export const gcpMocks: TargetMocks = { states: [[GCP_PREFIX, gcpState]], id: gcpId };
