import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../../components/stack/validate";
import { cidrsOverlap, isParsedCidr, parseCidr, type ParsedCidr } from "../../../components/core/cidr";
import type { EdgeListener } from "../../../components/targets/cluster-target";
import { awsEdgeProfile } from "../../../components/targets/aws/edge-profile";
import { amiTypeFor, isArm64 } from "../../../components/targets/aws/instance-types";
import { MAX_CARVED_PREFIX, MAX_ZONES, planSubnets } from "../../../components/targets/aws/subnets";
import { expectIssueAt } from "../../helpers/config";
import { sampleRawConfig } from "../../helpers/stack";

type Raw = Record<string, any>;
const stackRaw = (stack: string): Raw => sampleRawConfig(stack) as Raw;

const parsed = (text: string): ParsedCidr => {
  const result = parseCidr(text);
  if (!isParsedCidr(result)) throw new Error(`bad CIDR ${text}`);
  return result;
};

describe("subnet carving", () => {
  const cases = [16, 18, 20, MAX_CARVED_PREFIX].flatMap((prefix) =>
    [1, 2, 3, 4, MAX_ZONES].map((zones) => ({ vpc: `10.${prefix}.0.0/${prefix}`, zones })),
  );

  it.each(cases)(
    "$vpc over $zones zone(s): every subnet inside the VPC, none overlapping, private larger than public",
    ({ vpc, zones }) => {
      const plan = planSubnets(vpc, zones);
      const all = [...plan.privateCidrs, ...plan.publicCidrs].map(parsed);
      expect(plan.privateCidrs).toHaveLength(zones);
      expect(plan.publicCidrs).toHaveLength(zones);
      for (const subnet of all)
        expect(cidrsOverlap(subnet, parsed(vpc)) && subnet.prefixLength > parsed(vpc).prefixLength).toBe(true);
      all.forEach((a, i) =>
        all.forEach((b, j) => {
          if (i !== j) expect(cidrsOverlap(a, b)).toBe(false);
        }),
      );
      expect(parsed(plan.privateCidrs[0]!).prefixLength).toBeLessThan(parsed(plan.publicCidrs[0]!).prefixLength);
      expect(parsed(plan.publicCidrs[0]!).prefixLength).toBeLessThanOrEqual(28);
    },
  );

  it("gives a /16 over three zones /19 private and /22 public subnets", () => {
    expect(planSubnets("10.40.0.0/16", 3)).toEqual({
      privateCidrs: ["10.40.0.0/19", "10.40.32.0/19", "10.40.64.0/19"],
      publicCidrs: ["10.40.224.0/22", "10.40.228.0/22", "10.40.232.0/22"],
    });
  });

  it("refuses a VPC too small to carve", () => {
    expect(() => planSubnets("10.0.0.0/24", 3)).toThrow(/too small/);
  });
});

describe("instance types", () => {
  it.each([
    ["m7g.large", true],
    ["c6gn.2xlarge", true],
    ["t4g.small", true],
    ["r7gd.xlarge", true],
    ["m7i.large", false],
    ["g5.xlarge", false],
    ["c5n.large", false],
  ])("%s is arm64: %s", (type, arm) => expect(isArm64(type)).toBe(arm));

  it("picks the image by architecture", () => {
    expect(amiTypeFor(["m7g.large"])).toBe("AL2023_ARM_64_STANDARD");
    expect(amiTypeFor(["m7i.large", "m6i.large"])).toBe("AL2023_x86_64_STANDARD");
  });
});

describe("the NLB edge profile", () => {
  const listener = (overrides: Partial<EdgeListener> = {}): EdgeListener => ({
    role: "gateway",
    idleTimeoutSeconds: 70,
    deregistrationDelaySeconds: 75,
    healthCheckIntervalSeconds: 10,
    sessionAffinity: "none",
    tls: { mode: "pod", minVersion: "1.2" },
    ports: [10001, 10009],
    cell: "shared",
    ...overrides,
  });
  const profile = awsEdgeProfile({
    scheme: "internet-facing",
    securityGroupName: "im-x-edge",
    subnetCidrs: ["10.40.192.0/24"],
  });

  it("sets the TCP idle timeout on every TCP listener, never below the NLB minimum", () => {
    const annotations = profile.annotations(listener({ idleTimeoutSeconds: 40 }));
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-443"]).toBe(
      "tcp.idle_timeout.seconds=60",
    );
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-10009"]).toBe(
      "tcp.idle_timeout.seconds=60",
    );
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"]).toBeUndefined();
  });

  it("ends TLS at the NLB with a TLS 1.2+ policy, leaving the TLS listener's fixed idle timeout alone", () => {
    const certificate = "arn:aws:acm:eu-west-1:111122223333:certificate/abc";
    const annotations = profile.annotations(listener({ tls: { mode: "edge", certificate, minVersion: "1.3" } }));
    expect(annotations).toMatchObject({
      "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": certificate,
      "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "443",
      "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy": "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-10009": "tcp.idle_timeout.seconds=70",
    });
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-443"]).toBeUndefined();
  });

  it("drains for the deregistration delay, keeps the client IP, and pins clients only when asked", () => {
    const plain =
      profile.annotations(listener())["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"];
    expect(plain).toBe(
      "deregistration_delay.timeout_seconds=75,deregistration_delay.connection_termination.enabled=true,preserve_client_ip.enabled=true",
    );
    const sticky = profile.annotations(listener({ sessionAffinity: "clientIP" }))[
      "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"
    ];
    expect(sticky).toContain("stickiness.enabled=true,stickiness.type=source_ip");
  });
});

describe("AWS stack config validation", () => {
  it.each(["aws-dev", "aws-prod"])("accepts the %s sample stack", (stack) => {
    const result = validateStackConfig(stackRaw(stack));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  const cases: Array<[string, string, (raw: Raw) => void, string, RegExp]> = [
    [
      "two zones",
      "aws-dev",
      (r) => {
        r.target.availabilityZones = ["eu-west-1a", "eu-west-1b"];
      },
      "im-platform:target.availabilityZones",
      /lists 2 distinct zone\(s\); list at least 3/,
    ],
    [
      "a repeated zone",
      "aws-dev",
      (r) => {
        r.target.availabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1a"];
      },
      "im-platform:target.availabilityZones[2]",
      /duplicates availabilityZones\[0\]/,
    ],
    [
      "a zone of another region",
      "aws-dev",
      (r) => {
        r.target.availabilityZones[2] = "us-east-1c";
      },
      "im-platform:target.availabilityZones[2]",
      /not a zone of eu-west-1/,
    ],
    [
      "fewer zones allowed, but in prod",
      "aws-prod",
      (r) => {
        r.target.availabilityZones = ["eu-west-1a"];
        r.target.allowFewerZones = true;
      },
      "im-platform:target.allowFewerZones",
      /refused in prod/,
    ],
    [
      "subnets overlapping each other",
      "aws-dev",
      (r) => {
        r.target.network.privateSubnetCidrs = ["10.40.0.0/19", "10.40.32.0/19", "10.40.64.0/19"];
        r.target.network.publicSubnetCidrs = ["10.40.224.0/22", "10.40.0.0/22", "10.40.232.0/22"];
      },
      "im-platform:target.network.publicSubnetCidrs[1]",
      /overlaps network.privateSubnetCidrs\[0\]/,
    ],
    [
      "a subnet outside the VPC",
      "aws-dev",
      (r) => {
        r.target.network.privateSubnetCidrs = ["10.40.0.0/19", "10.40.32.0/19", "10.99.0.0/19"];
        r.target.network.publicSubnetCidrs = ["10.40.224.0/22", "10.40.228.0/22", "10.40.232.0/22"];
      },
      "im-platform:target.network.privateSubnetCidrs[2]",
      /not inside network.vpcCidr/,
    ],
    [
      "one subnet list without the other",
      "aws-dev",
      (r) => {
        r.target.network.privateSubnetCidrs = ["10.40.0.0/19", "10.40.32.0/19", "10.40.64.0/19"];
      },
      "im-platform:target.network.publicSubnetCidrs",
      /required when the other subnet list is given/,
    ],
    [
      "a subnet count unlike the zones",
      "aws-dev",
      (r) => {
        r.target.network.privateSubnetCidrs = ["10.40.0.0/19"];
        r.target.network.publicSubnetCidrs = ["10.40.224.0/22"];
      },
      "im-platform:target.network.privateSubnetCidrs",
      /1 range\(s\) for 3 zone\(s\)/,
    ],
    [
      "Service range overlapping the VPC",
      "aws-dev",
      (r) => {
        r.target.serviceCidr = "10.40.128.0/20";
      },
      "im-platform:target.serviceCidr",
      /overlaps the VPC range/,
    ],
    [
      "a VPC too small to carve",
      "aws-dev",
      (r) => {
        r.target.network.vpcCidr = "10.40.0.0/24";
      },
      "im-platform:target.network.vpcCidr",
      /too small to carve/,
    ],
    [
      "existing VPC with NAT settings",
      "aws-dev",
      (r) => {
        r.target.network = {
          existing: {
            vpcId: "vpc-0abc",
            vpcCidr: "10.9.0.0/16",
            privateSubnetIds: ["subnet-01", "subnet-02", "subnet-03"],
            publicSubnetIds: ["subnet-04", "subnet-05", "subnet-06"],
          },
          natGateways: "single",
        };
      },
      "im-platform:target.network.natGateways",
      /applies to a VPC the kit creates/,
    ],
    [
      "existing VPC short of subnets",
      "aws-dev",
      (r) => {
        r.target.network = {
          existing: {
            vpcId: "vpc-0abc",
            vpcCidr: "10.9.0.0/16",
            privateSubnetIds: ["subnet-01"],
            publicSubnetIds: ["subnet-04", "subnet-05", "subnet-06"],
          },
        };
      },
      "im-platform:target.network.existing.privateSubnetIds",
      /1 subnet\(s\) for 3 zone\(s\)/,
    ],
    [
      "shared pool without instance types",
      "aws-dev",
      (r) => {
        delete r.target.nodePools.shared.instanceTypes;
      },
      "im-platform:target.nodePools.shared.instanceTypes",
      /is required: list one or more EC2 instance types/,
    ],
    [
      "no node pools at all",
      "aws-dev",
      (r) => {
        delete r.target.nodePools;
      },
      "im-platform:target.nodePools.system.instanceTypes",
      /is required/,
    ],
    [
      "dedicated pool without instance types",
      "aws-dev",
      (r) => {
        delete r.target.nodePools.dedicated.instanceTypes;
      },
      "im-platform:target.nodePools.dedicated.instanceTypes",
      /tenant "initech" asks for a dedicated node pool/,
    ],
    [
      "a malformed instance type",
      "aws-dev",
      (r) => {
        r.target.nodePools.system.instanceTypes = ["large"];
      },
      "im-platform:target.nodePools.system.instanceTypes[0]",
      /not an EC2 instance type/,
    ],
    [
      "mixed architectures in a pool",
      "aws-dev",
      (r) => {
        r.target.nodePools.shared.instanceTypes = ["m7i.large", "m7g.large"];
      },
      "im-platform:target.nodePools.shared.instanceTypes",
      /mixes arm64/,
    ],
    [
      "pool min above max",
      "aws-dev",
      (r) => {
        r.target.nodePools.shared.min = 9;
      },
      "im-platform:target.nodePools.shared.min",
      /greater than max \(6\)/,
    ],
    [
      "a system pool that may empty",
      "aws-dev",
      (r) => {
        r.target.nodePools.system.min = 0;
      },
      "im-platform:target.nodePools.system.min",
      /at least 1/,
    ],
    [
      "an override for a tenant without a pool",
      "aws-prod",
      (r) => {
        r.target.nodePools.dedicatedOverrides.hooli = { min: 1 };
      },
      "im-platform:target.nodePools.dedicatedOverrides.hooli",
      /names no VIP tenant with dedicatedNodePool/,
    ],
    [
      "spot on a dedicated pool",
      "aws-dev",
      (r) => {
        r.target.nodePools.dedicated.capacityType = "spot";
      },
      "im-platform:target.nodePools.dedicated.capacityType",
      /unknown key/,
    ],
    [
      "a world-open API endpoint",
      "aws-dev",
      (r) => {
        r.target.endpoint.publicAccessCidrs = ["0.0.0.0/0"];
      },
      "im-platform:target.endpoint.publicAccessCidrs[0]",
      /whole internet/,
    ],
    [
      "a public API endpoint in prod",
      "aws-prod",
      (r) => {
        r.target.endpoint = { publicAccessCidrs: ["198.51.100.0/24"] };
      },
      "im-platform:target.endpoint.publicAccessCidrs",
      /refused in prod/,
    ],
    [
      "Kubernetes older than 1.30",
      "aws-dev",
      (r) => {
        r.target.kubernetesVersion = "1.29";
      },
      "im-platform:target.kubernetesVersion",
      /older than 1.30/,
    ],
    [
      "an autoscaler for another Kubernetes",
      "aws-dev",
      (r) => {
        r.target.kubernetesVersion = "1.33";
      },
      "im-platform:target.autoscaler.imageTag",
      /1.33.x release/,
    ],
    [
      "an account id with letters",
      "aws-dev",
      (r) => {
        r.target.accountId = "12345678901x";
      },
      "im-platform:target.accountId",
      /12 digits/,
    ],
    [
      "a certificate that is not ACM",
      "aws-prod",
      (r) => {
        r.edge.tls.certificate = "my-cert";
      },
      "im-platform:edge.tls.certificate",
      /ACM certificate ARN in eu-west-1 of account 444455556666/,
    ],
    [
      "a certificate of another region",
      "aws-prod",
      (r) => {
        r.edge.tls.certificate = "arn:aws:acm:us-east-1:444455556666:certificate/0a1b";
      },
      "im-platform:edge.tls.certificate",
      /ACM certificate ARN in eu-west-1/,
    ],
    [
      "an idle timeout a TLS listener cannot hold",
      "aws-prod",
      (r) => {
        r.edge.idleTimeoutSeconds = 900;
      },
      "im-platform:edge.idleTimeoutSeconds",
      /fixed idle timeout of an NLB TLS listener/,
    ],
    [
      "an ALB API without an ingress",
      "aws-prod",
      (r) => {
        r.edge.api = { exposure: "loadBalancer" };
      },
      "im-platform:edge.api",
      /exposure: ingress, ingressClassName: im-alb/,
    ],
    [
      "an idle timeout above the NLB maximum",
      "aws-dev",
      (r) => {
        r.edge.idleTimeoutSeconds = 7000;
      },
      "im-platform:edge.idleTimeoutSeconds",
      /maximum of 6000/,
    ],
  ];

  it.each(cases)("%s", (_title, stack, mutate, path, message) => {
    const raw = stackRaw(stack);
    mutate(raw);
    expectIssueAt(raw, path, message);
  });

  it("names the target inside a hybrid stack", () => {
    const raw = stackRaw("aws-dev");
    raw.targets = [
      {
        name: "eu",
        weight: 100,
        cluster: { ...raw.target, nodePools: { ...raw.target.nodePools, dedicated: { min: 1 } } },
      },
    ];
    delete raw.target;
    const result = validateStackConfig(raw);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toContain(
      "im-platform:targets[0].cluster.nodePools.dedicated.instanceTypes",
    );
  });
});
