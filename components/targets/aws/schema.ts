import { z } from "zod";
import { cidr, dnsLabel, strictObject } from "../../config/fields";
import { cidrsOverlap, isOverBroad, isParsedCidr, isWorldOpen, parseCidr, type ParsedCidr } from "../../core/cidr";
import { kubernetesVersionProblem, minorVersion } from "../kubernetes-version";
import { INSTANCE_TYPE, mixesArchitectures } from "./instance-types";
import { MAX_CARVED_PREFIX, MAX_ZONES } from "./subnets";
import { priceOverridesSchema } from "../capacity";
import { awsDataSchema } from "./data/schema";

/** CloudWatch Logs accepts only these retention periods. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const region = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'is not an AWS region; use a name like "eu-west-1"' });
const instanceTypes = z
  .array(z.string().regex(INSTANCE_TYPE, { error: 'is not an EC2 instance type; use a name like "m7i.xlarge"' }))
  .min(1);

const poolSize = {
  instanceTypes: instanceTypes
    .optional()
    .meta({ description: "EC2 instance types, one architecture per pool; required, there is no safe default size." }),
  diskGiB: z
    .int()
    .min(20)
    .max(16384)
    .default(50)
    .meta({ description: "Root volume of each node (gp3, encrypted with the volumes key)." }),
};

const nodePoolSchema = (min: number, max: number) =>
  strictObject({
    ...poolSize,
    min: z.int().min(0).max(1000).default(min).meta({
      description: "Fewest nodes of the pool.",
      defaultText: "the pool's own (system 2, shared 2, dedicated 1)",
    }),
    max: z.int().min(1).max(1000).default(max).meta({
      description: "Most nodes the autoscaler may add to the pool.",
      defaultText: "the pool's own (system 4, shared 20, dedicated 10)",
    }),
  });

const sharedPoolSchema = strictObject({
  ...nodePoolSchema(2, 20).shape,
  capacityType: z
    .enum(["onDemand", "spot"])
    .default("onDemand")
    .meta({ description: "`spot` trades interruptions for price; VIP dedicated pools are always on-demand." }),
});

const dedicatedOverrideSchema = strictObject({
  instanceTypes: instanceTypes.optional().meta({ description: "EC2 instance types of this tenant's pool." }),
  diskGiB: z.int().min(20).max(16384).optional().meta({ description: "Root volume size of this tenant's nodes." }),
  min: z.int().min(0).max(1000).optional().meta({ description: "Fewest nodes of the pool." }),
  max: z.int().min(1).max(1000).optional().meta({ description: "Most nodes the autoscaler may add to the pool." }),
});

const existingVpcSchema = strictObject({
  vpcId: z.string().regex(/^vpc-[0-9a-f]+$/, { error: 'is not a VPC id; use the form "vpc-0abc..."' }),
  vpcCidr: cidr.meta({ description: "The VPC's range: where the API server's private endpoint answers pods." }),
  privateSubnetIds: z
    .array(z.string().regex(/^subnet-[0-9a-f]+$/, { error: 'is not a subnet id; use the form "subnet-0abc..."' }))
    .min(1)
    .meta({ description: "One per availability zone, in the order of availabilityZones. Nodes run here." }),
  publicSubnetIds: z
    .array(z.string().regex(/^subnet-[0-9a-f]+$/, { error: 'is not a subnet id; use the form "subnet-0abc..."' }))
    .min(1)
    .meta({ description: "One per availability zone. Only internet-facing load balancers run here." }),
});

/** An EKS cluster in a VPC of its own (or an existing one), with the IM edge on NLBs. */
export const awsTargetSchema = strictObject({
  kind: z.literal("aws"),
  region,
  accountId: z
    .string()
    .regex(/^\d{12}$/, { error: "is not an AWS account id; use the 12 digits" })
    .meta({
      description: "The account the stack deploys into; the provider refuses any other, and key policies name it.",
    }),
  clusterName: z
    .string()
    .regex(/^[a-zA-Z][-a-zA-Z0-9_]{0,99}$/, {
      error: "must start with a letter and hold at most 100 letters, digits, '-' or '_'",
    })
    .optional()
    .meta({ description: "EKS cluster name.", defaultText: '"im-<stack>-<target name>"' }),
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d+$/, { error: 'is not a Kubernetes minor version; use a form like "1.32"' })
    .default("1.32")
    .meta({ description: "EKS Kubernetes version, 1.30 or newer." }),
  availabilityZones: z.array(z.string()).min(1).meta({
    description:
      "Zones of the region, listed explicitly so nothing depends on a lookup. At least three unless allowFewerZones.",
  }),
  allowFewerZones: z.boolean().default(false).meta({
    description: "Accept one or two zones (a dev cost saving: a zone outage takes the platform down). Refused in prod.",
  }),
  serviceCidr: cidr
    .default("172.20.0.0/16")
    .meta({ description: "The Kubernetes Service range; must not overlap the VPC." }),
  network: strictObject({
    vpcCidr: cidr.default("10.40.0.0/16").meta({ description: "Range of a new VPC, /16 to /28." }),
    privateSubnetCidrs: z.array(cidr).optional().meta({
      description: "Node subnets, one per zone, inside the VPC.",
      defaultText: "carved from vpcCidr: one large subnet per zone",
    }),
    publicSubnetCidrs: z.array(cidr).optional().meta({
      description: "Load balancer subnets, one per zone, inside the VPC.",
      defaultText: "carved from vpcCidr: one small subnet per zone",
    }),
    natGateways: z.enum(["perZone", "single"]).optional().meta({
      description: "`perZone` survives a zone outage; `single` saves cost.",
      defaultText: '"perZone" in prod, "single" elsewhere',
    }),
    flowLogRetentionDays: z
      .union(RETENTION_DAYS.map((days) => z.literal(days)))
      .default(90)
      .meta({
        description:
          "Days the VPC flow logs, control-plane logs and the metrics workspace's rule and alert logs are kept.",
      }),
    existing: existingVpcSchema.optional().meta({
      description: "Use this VPC and its subnets instead of creating them; it brings its own routing and NAT.",
    }),
  })
    .prefault({})
    .meta({ description: "The VPC: a new one carved from `vpcCidr`, or `existing` subnets that are only tagged." }),
  endpoint: strictObject({
    publicAccessCidrs: z.array(cidr).default([]).meta({
      description:
        "Ranges admitted to the public API endpoint. Empty keeps the endpoint private (reach it over VPN, peering or a bastion); prod refuses a public endpoint.",
    }),
  })
    .prefault({})
    .meta({ description: "Access to the EKS API endpoint." }),
  adminRoleArns: z
    .array(z.string().regex(/^arn:aws[-a-z]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { error: "is not an IAM role ARN" }))
    .default([])
    .meta({ description: "IAM roles granted cluster admin through EKS access entries (never aws-auth)." }),
  nodePools: strictObject({
    system: nodePoolSchema(2, 4).prefault({}).meta({
      description: "Cluster add-ons (load balancer controller, autoscaler, CoreDNS); tainted CriticalAddonsOnly.",
    }),
    shared: sharedPoolSchema
      .prefault({})
      .meta({ description: "The pool of shared tenants' cells, and of VIP cells without a pool of their own." }),
    dedicated: nodePoolSchema(1, 10).prefault({}).meta({ description: "Size of each VIP tenant's dedicated pool." }),
    dedicatedOverrides: z
      .record(dnsLabel(20), dedicatedOverrideSchema)
      .default({})
      .meta({ description: "Per-tenant changes to `dedicated`, by tenant id." }),
  })
    .prefault({})
    .meta({ description: "The system, shared and dedicated (per VIP tenant) managed node groups." }),
  loadBalancer: strictObject({
    scheme: z
      .enum(["internet-facing", "internal"])
      .default("internet-facing")
      .meta({ description: "`internet-facing` or `internal` load balancers for the edge." }),
    api: z.enum(["nlb", "alb"]).default("nlb").meta({
      description:
        "The API's own load balancer: `nlb` (a Service) or `alb` (edge.api.exposure: ingress with albIngressClass).",
    }),
    albIngressClass: dnsLabel(63).default("im-alb").meta({ description: "IngressClass the kit creates for the ALB." }),
    controllerChartVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .default("1.13.0")
      .meta({ description: "aws-load-balancer-controller chart (eks-charts)." }),
  })
    .prefault({})
    .meta({
      description: "The edge's load balancers: NLB scheme, the API on an NLB or an ALB, the controller's chart.",
    }),
  autoscaler: strictObject({
    chartVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .default("9.46.6")
      .meta({ description: "cluster-autoscaler chart (kubernetes/autoscaler)." }),
    imageTag: z
      .string()
      .regex(/^v1\.\d+\.\d+$/, { error: 'is not a cluster-autoscaler tag; use a form like "v1.32.1"' })
      .default("v1.32.1")
      .meta({ description: "Its image tag; its minor must match kubernetesVersion." }),
    scaleDownUnneededMinutes: z
      .int()
      .min(1)
      .max(1440)
      .default(10)
      .meta({ description: "How long a node stays underused before it is removed." }),
  })
    .prefault({})
    .meta({ description: "Cluster Autoscaler: chart, image and scale-in pace." }),
  monitoring: strictObject({
    workspaceAlias: z.string().min(1).max(100).optional().meta({
      description:
        "Alias of the Amazon Managed Service for Prometheus workspace; a fleet's cell stacks find the workspace by it, so keep it unique in the account and region.",
      defaultText: "the EKS cluster name",
    }),
    retentionDays: z
      .int()
      .min(31, { error: "must be at least 31: the SLO rules and dashboards read up to 30 days back" })
      .max(1095, { error: "must be at most 1095 (three years), the workspace's maximum" })
      .default(150)
      .meta({ description: "Days the workspace keeps samples." }),
    namespace: dnsLabel(63).default("monitoring").meta({
      description: "Namespace of kube-prometheus-stack, whose Prometheus agent remote-writes to the workspace.",
    }),
    release: dnsLabel(53).default("kube-prometheus-stack").meta({
      description:
        "Helm release name of kube-prometheus-stack: its Prometheus agent selects monitors labelled `release: <name>`.",
    }),
  })
    .prefault({})
    .meta({
      description:
        "The metrics collection when im-platform:monitoring is enabled: an Amazon Managed Service for Prometheus workspace (the cluster's own key, alert and rule logs to CloudWatch) fed by a Prometheus agent of kube-prometheus-stack; rules and alert routing (SNS receivers) live in the workspace.",
    }),
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{1,31}$/, { error: 'is not a Route 53 hosted zone id; use the form "Z0123456789ABCDEFGHIJ"' })
    .optional()
    .meta({
      description:
        "The public hosted zone of `im-platform:traffic.zone`, where this target publishes the tenant hostnames (`traffic.publisher`).",
      defaultText: "looked up by the zone's name",
    }),
  data: awsDataSchema,
  prices: priceOverridesSchema,
}).superRefine((target, ctx) => {
  const issue = (path: Array<string | number>, input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path, input, message });

  checkZones(target.availabilityZones, target.region, target.allowFewerZones, issue);

  const versionProblem = kubernetesVersionProblem(target.kubernetesVersion);
  if (versionProblem) {
    issue(["kubernetesVersion"], target.kubernetesVersion, versionProblem);
  } else if (minorVersion(target.autoscaler.imageTag) !== minorVersion(target.kubernetesVersion)) {
    issue(
      ["autoscaler", "imageTag"],
      target.autoscaler.imageTag,
      `must be a 1.${minorVersion(target.kubernetesVersion)}.x release to match kubernetesVersion ${target.kubernetesVersion}; the autoscaler simulates that scheduler`,
    );
  }

  checkNetwork(target, issue);

  target.endpoint.publicAccessCidrs.forEach((text, index) => {
    const parsed = parseCidr(text);
    if (isParsedCidr(parsed) && (isWorldOpen(parsed) || isOverBroad(parsed))) {
      issue(
        ["endpoint", "publicAccessCidrs", index],
        text,
        "opens the Kubernetes API to (nearly) the whole internet; list your operators' ranges, or leave publicAccessCidrs empty for a private endpoint",
      );
    }
  });

  for (const pool of ["system", "shared", "dedicated"] as const) {
    const config = target.nodePools[pool];
    if (config.min > config.max)
      issue(["nodePools", pool, "min"], config.min, `is greater than max (${config.max}); lower min or raise max`);
    if (pool === "system" && config.min < 1) {
      issue(
        ["nodePools", "system", "min"],
        config.min,
        "must be at least 1: the autoscaler and the load balancer controller run on the system pool",
      );
    }
    if (pool !== "dedicated" && !config.instanceTypes) {
      issue(
        ["nodePools", pool, "instanceTypes"],
        undefined,
        'is required: list one or more EC2 instance types, e.g. ["m7i.xlarge"]',
      );
    }
    if (config.instanceTypes && mixesArchitectures(config.instanceTypes)) {
      issue(
        ["nodePools", pool, "instanceTypes"],
        config.instanceTypes,
        "mixes arm64 (Graviton) and x86_64 types; a node group runs one image, so keep one architecture",
      );
    }
  }
  for (const [tenant, override] of Object.entries(target.nodePools.dedicatedOverrides)) {
    const min = override.min ?? target.nodePools.dedicated.min;
    const max = override.max ?? target.nodePools.dedicated.max;
    if (min > max)
      issue(
        ["nodePools", "dedicatedOverrides", tenant, "min"],
        min,
        `is greater than max (${max}); lower min or raise max`,
      );
    if (override.instanceTypes && mixesArchitectures(override.instanceTypes)) {
      issue(
        ["nodePools", "dedicatedOverrides", tenant, "instanceTypes"],
        override.instanceTypes,
        "mixes arm64 (Graviton) and x86_64 types; keep one architecture",
      );
    }
  }
});

type Issue = (path: Array<string | number>, input: unknown, message: string) => void;
type AwsTargetInput = z.infer<typeof awsTargetSchema>;

function checkZones(zones: readonly string[], regionName: string, allowFewer: boolean, issue: Issue): void {
  zones.forEach((zone, index) => {
    if (!new RegExp(`^${regionName}[a-z]$`).test(zone)) {
      issue(["availabilityZones", index], zone, `is not a zone of ${regionName}; use names like "${regionName}a"`);
    } else if (zones.indexOf(zone) !== index) {
      issue(
        ["availabilityZones", index],
        zone,
        `duplicates availabilityZones[${zones.indexOf(zone)}]; list each zone once`,
      );
    }
  });
  const distinct = new Set(zones).size;
  if (distinct < 3 && !allowFewer) {
    issue(
      ["availabilityZones"],
      zones,
      `lists ${distinct} distinct zone(s); list at least 3 so a zone outage leaves capacity, or set allowFewerZones: true (dev only)`,
    );
  }
  if (zones.length > MAX_ZONES)
    issue(["availabilityZones"], zones, `lists ${zones.length} zones; at most ${MAX_ZONES}`);
}

function checkNetwork(target: AwsTargetInput, issue: Issue): void {
  const { network } = target;
  const zones = target.availabilityZones.length;
  const service = parseCidr(target.serviceCidr);
  const vpc = parseCidr(network.existing?.vpcCidr ?? network.vpcCidr);
  if (isParsedCidr(service) && isParsedCidr(vpc) && cidrsOverlap(vpc, service)) {
    issue(
      ["serviceCidr"],
      target.serviceCidr,
      `overlaps the VPC range (${vpc.text}); Service and VPC addresses must be distinct, pick another range`,
    );
  }
  if (network.existing) {
    for (const field of ["privateSubnetCidrs", "publicSubnetCidrs", "natGateways"] as const) {
      if (network[field] !== undefined)
        issue(
          ["network", field],
          network[field],
          "applies to a VPC the kit creates; remove it, or remove network.existing",
        );
    }
    for (const field of ["privateSubnetIds", "publicSubnetIds"] as const) {
      const ids = network.existing[field];
      if (ids.length !== zones)
        issue(
          ["network", "existing", field],
          ids,
          `lists ${ids.length} subnet(s) for ${zones} zone(s); give one per zone, in the order of availabilityZones`,
        );
    }
    return;
  }
  if (!isParsedCidr(vpc)) return;
  if (vpc.family !== "ipv4" || vpc.prefixLength < 16 || vpc.prefixLength > 28) {
    issue(["network", "vpcCidr"], network.vpcCidr, "must be an IPv4 range from /16 to /28 (the VPC limits)");
    return;
  }
  const given = { privateSubnetCidrs: network.privateSubnetCidrs, publicSubnetCidrs: network.publicSubnetCidrs };
  if (!given.privateSubnetCidrs || !given.publicSubnetCidrs) {
    if (vpc.prefixLength > MAX_CARVED_PREFIX) {
      issue(
        ["network", "vpcCidr"],
        network.vpcCidr,
        `is too small to carve subnets from (/${MAX_CARVED_PREFIX} or wider); widen it, or give privateSubnetCidrs and publicSubnetCidrs`,
      );
    }
    if (given.privateSubnetCidrs || given.publicSubnetCidrs) {
      issue(
        ["network", given.privateSubnetCidrs ? "publicSubnetCidrs" : "privateSubnetCidrs"],
        undefined,
        "is required when the other subnet list is given; give both, or neither to carve them from vpcCidr",
      );
    }
    return;
  }
  const seen: Array<{ at: string; cidr: ParsedCidr }> = [];
  for (const field of ["privateSubnetCidrs", "publicSubnetCidrs"] as const) {
    const list = given[field] ?? [];
    if (list.length !== zones)
      issue(["network", field], list, `lists ${list.length} range(s) for ${zones} zone(s); give one per zone`);
    list.forEach((text, index) => {
      const parsed = parseCidr(text);
      if (!isParsedCidr(parsed)) return;
      if (parsed.family !== "ipv4" || parsed.prefixLength < vpc.prefixLength || !cidrsOverlap(parsed, vpc)) {
        issue(["network", field, index], text, `is not inside network.vpcCidr (${network.vpcCidr})`);
      }
      const clash = seen.find((other) => cidrsOverlap(other.cidr, parsed));
      if (clash) issue(["network", field, index], text, `overlaps ${clash.at}; subnets must not overlap`);
      seen.push({ at: `network.${field}[${index}]`, cidr: parsed });
    });
  }
}

export type AwsTargetConfig = z.infer<typeof awsTargetSchema>;
