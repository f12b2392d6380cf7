import { beforeAll, describe, expect, it } from "vitest";
import { DEDICATED_TAINT_KEY, labelKeys } from "../../../components/core/labels";
import { readStackConfig, stackFilePath } from "../../../scripts/synth/stack-file";
import { synthesize, type SynthResource, type SynthResult } from "../../../scripts/synth/synthesize";
import { meta, ofType, sampleRawConfig, T, toStackConfig } from "../../helpers/stack";

type Any = Record<string, any>;
const A = {
  cluster: "aws:eks/cluster:Cluster",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  key: "aws:kms/key:Key",
  nat: "aws:ec2/natGateway:NatGateway",
  routeTable: "aws:ec2/routeTable:RouteTable",
  subnet: "aws:ec2/subnet:Subnet",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  accessEntry: "aws:eks/accessEntry:AccessEntry",
  release: "kubernetes:helm.sh/v3:Release",
  storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
  ingressClassParams: "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
  ingressClass: "kubernetes:networking.k8s.io/v1:IngressClass",
  ingressObject: "kubernetes:networking.k8s.io/v1:Ingress",
} as const;

const stacks: Record<string, SynthResult> = {};
beforeAll(async () => {
  for (const stack of ["aws-dev", "aws-prod"])
    stacks[stack] = await synthesize(readStackConfig(stackFilePath(stack)), stack);
});

const all = (stack: string, type: string): SynthResource[] => stacks[stack]!.resources.filter((r) => r.type === type);
const only = (stack: string, type: string): Any => {
  const found = all(stack, type);
  expect(found).toHaveLength(1);
  return found[0]!.inputs;
};
const named = (stack: string, type: string, name: string): Any => {
  const found = all(stack, type).find((r) => r.name === name);
  if (!found)
    throw new Error(
      `${type} ${name} not in ${stack}: ${all(stack, type)
        .map((r) => r.name)
        .join(", ")}`,
    );
  return found.inputs;
};
const mockArn = (module: string, kind: string, name: string) =>
  `arn:aws:${module}:synth-region-1:000000000000:${kind}/${name}`;
const nodeGroupOf = (stack: string, pool: string): Any => {
  const found = all(stack, A.nodeGroup).find((r) => (r.inputs.labels as Any)[labelKeys.pool] === pool);
  if (!found) throw new Error(`no node group for pool ${pool}`);
  return found.inputs;
};
const releaseOf = (stack: string, chart: string): Any =>
  all(stack, A.release).find((r) => r.inputs.chart === chart)!.inputs;

describe.each(["aws-dev", "aws-prod"])("the %s control plane", (stack) => {
  it("encrypts secrets with the secrets key and logs every control-plane log type into an encrypted group", () => {
    const cluster = only(stack, A.cluster);
    expect(cluster.encryptionConfig).toEqual({
      provider: { keyArn: mockArn("kms", "key", "main-cluster-keys-secrets") },
      resources: ["secrets"],
    });
    expect(cluster.enabledClusterLogTypes).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    const logs = named(stack, A.logGroup, "main-cluster-eks-logs");
    expect(logs.name).toBe(`/aws/eks/${cluster.name}/cluster`);
    expect(logs.kmsKeyId).toBe(mockArn("kms", "key", "main-cluster-keys-logs"));
  });

  it("grants access through access entries, with an OIDC provider for service-account roles", () => {
    const cluster = only(stack, A.cluster);
    expect(cluster.accessConfig).toMatchObject({ authenticationMode: "API" });
    expect(only(stack, A.accessEntry).principalArn).toMatch(/:role\/im-platform-admins$/);
    expect(only(stack, A.oidc)).toMatchObject({
      url: "https://oidc.eks.synth.invalid/id/main-cluster-eks-eks",
      clientIdLists: ["sts.amazonaws.com"],
    });
  });

  it("rotates every key", () => {
    const keys = all(stack, A.key);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const key of keys) expect(key.inputs.enableKeyRotation).toBe(true);
  });

  it("runs nodes from launch templates that require IMDSv2 and encrypt the root volume", () => {
    for (const template of all(stack, A.launchTemplate)) {
      expect(template.inputs.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
      expect((template.inputs as Any).blockDeviceMappings[0].ebs).toMatchObject({
        encrypted: "true",
        volumeType: "gp3",
        kmsKeyId: mockArn("kms", "key", "main-cluster-keys-volumes"),
      });
    }
    for (const group of all(stack, A.nodeGroup))
      expect((group.inputs as Any).launchTemplate.id).toMatch(/^main-cluster-pools-.*-id$/);
  });

  it("logs every flow of the VPC into an encrypted group", () => {
    expect(only(stack, A.flowLog)).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: mockArn("cloudwatch", "loggroup", "main-cluster-network-flow-logs"),
    });
    expect(named(stack, A.logGroup, "main-cluster-network-flow-logs").kmsKeyId).toBe(
      mockArn("kms", "key", "main-cluster-keys-logs"),
    );
  });

  it("tags public subnets for internet-facing load balancers and private ones for nodes, none giving public IPs", () => {
    const subnets = all(stack, A.subnet);
    expect(subnets).toHaveLength(6);
    for (const subnet of subnets) {
      const tier = subnet.name.includes("-public-") ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb";
      expect(subnet.inputs.tags).toMatchObject({
        [tier]: "1",
        [`kubernetes.io/cluster/${only(stack, A.cluster).name}`]: "shared",
      });
      expect(subnet.inputs.mapPublicIpOnLaunch).toBe(false);
    }
  });

  it("admits clients only at the edge group, on the listener port, from the edge's ranges", () => {
    const edgeGroup = named(stack, A.securityGroup, "main-cluster-firewall-edge");
    const rules = all(stack, A.ingress);
    const withCidr = rules.filter((rule) => rule.inputs.cidrIpv4 !== undefined);
    expect(withCidr.length).toBeGreaterThan(0);
    for (const rule of withCidr) {
      expect(rule.inputs).toMatchObject({
        securityGroupId: "main-cluster-firewall-edge-id",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        tags: { "im-platform.io/edge-listener": "true" },
      });
      expect(rule.inputs.description).toMatch(/IM clients/);
    }
    for (const rule of rules.filter((r) => r.inputs.cidrIpv4 === undefined))
      expect(rule.inputs.referencedSecurityGroupId).toMatch(/-id$/);
    const edge = ofType(stacks[stack]!.resources, T.service, "im-t-initech").find(
      (s) => meta(s).name === "msggateway-edge",
    )!;
    expect(meta(edge).annotations!["service.beta.kubernetes.io/aws-load-balancer-security-groups"]).toBe(
      edgeGroup.tags.Name,
    );
  });

  it("installs the load balancer controller and the autoscaler from pinned charts, each with its own service-account role", () => {
    const clusterName = only(stack, A.cluster).name as string;
    const controller = releaseOf(stack, "aws-load-balancer-controller");
    expect(controller).toMatchObject({
      version: "1.13.0",
      namespace: "kube-system",
      repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
    });
    expect(controller.values).toMatchObject({
      clusterName,
      region: "eu-west-1",
      vpcId: "main-cluster-network-vpc-id",
      defaultTargetType: "ip",
      serviceAccount: {
        annotations: { "eks.amazonaws.com/role-arn": mockArn("iam", "role", "main-cluster-addons-lb-controller") },
      },
      nodeSelector: { [labelKeys.pool]: "system" },
    });
    const autoscaler = releaseOf(stack, "cluster-autoscaler");
    expect(autoscaler).toMatchObject({
      version: "9.46.6",
      repositoryOpts: { repo: "https://kubernetes.github.io/autoscaler" },
    });
    expect(autoscaler.values).toMatchObject({
      cloudProvider: "aws",
      awsRegion: "eu-west-1",
      autoDiscovery: { clusterName },
      image: { tag: "v1.32.1" },
      rbac: {
        serviceAccount: {
          name: "cluster-autoscaler",
          annotations: { "eks.amazonaws.com/role-arn": mockArn("iam", "role", "main-cluster-addons-autoscaler") },
        },
      },
      extraArgs: { "balance-similar-node-groups": true },
    });
  });

  it("lets only the autoscaler's service account assume its role, which resizes only this cluster's groups", () => {
    const clusterName = only(stack, A.cluster).name as string;
    const trust = JSON.parse(named(stack, A.role, "main-cluster-addons-autoscaler").assumeRolePolicy);
    expect(trust.Statement[0]).toMatchObject({
      Action: "sts:AssumeRoleWithWebIdentity",
      Principal: { Federated: mockArn("iam", "openidconnectprovider", "main-cluster-eks-oidc") },
      Condition: {
        StringEquals: {
          "oidc.eks.synth.invalid/id/main-cluster-eks-eks:sub": "system:serviceaccount:kube-system:cluster-autoscaler",
        },
      },
    });
    const policy = JSON.parse(named(stack, A.rolePolicy, "main-cluster-addons-autoscaler-policy").policy);
    const scaling = policy.Statement.find((s: Any) => s.Sid === "ScaleOwnGroups");
    expect(scaling.Condition).toEqual({
      StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" },
    });
  });

  it("puts the gateway on an NLB with IP targets, cross-zone, the client IP kept and drain matched to the pod", () => {
    const edge = ofType(stacks[stack]!.resources, T.service, "im-t-initech").find(
      (s) => meta(s).name === "msggateway-edge",
    )!;
    const gateway = ofType(stacks[stack]!.resources, T.deployment, "im-t-initech").find(
      (d) => meta(d).name === "msggateway",
    )!;
    const grace = (gateway.inputs.spec as Any).template.spec.terminationGracePeriodSeconds as number;
    expect(edge.inputs.spec).toMatchObject({
      type: "LoadBalancer",
      loadBalancerClass: "service.k8s.aws/nlb",
      externalTrafficPolicy: "Local",
    });
    const annotations = meta(edge).annotations!;
    expect(annotations).toMatchObject({
      "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
      "service.beta.kubernetes.io/aws-load-balancer-attributes": "load_balancing.cross_zone.enabled=true",
    });
    const delay = Number(
      /deregistration_delay.timeout_seconds=(\d+)/.exec(
        annotations["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"]!,
      )![1],
    );
    expect(delay).toBe(75);
    expect(grace).toBeGreaterThanOrEqual(delay);
    expect(annotations["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"]).toContain(
      "preserve_client_ip.enabled=true",
    );
  });

  it("places each cell on the node group whose labels and taints match it", () => {
    const pool = nodeGroupOf(stack, "vip-initech");
    expect(pool.taints).toEqual([{ key: DEDICATED_TAINT_KEY, value: "initech", effect: "NO_SCHEDULE" }]);
    expect(pool.capacityType).toBe("ON_DEMAND");
    const vip = ofType(stacks[stack]!.resources, T.deployment, "im-t-initech").find((d) => meta(d).name === "api")!;
    const podSpec = (vip.inputs.spec as Any).template.spec;
    expect(podSpec.nodeSelector).toEqual(pool.labels);
    expect(podSpec.tolerations).toEqual([
      { key: DEDICATED_TAINT_KEY, operator: "Equal", value: "initech", effect: "NoSchedule" },
    ]);
    const shared = ofType(stacks[stack]!.resources, T.statefulSet, "im-t-acme").find(
      (d) => meta(d).name === "openim-server",
    )!;
    expect((shared.inputs.spec as Any).template.spec.nodeSelector).toEqual(nodeGroupOf(stack, "shared").labels);
    expect(nodeGroupOf(stack, "system").taints).toEqual([
      { key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" },
    ]);
  });

  it("encrypts the VIP tenant's volumes with its own key, through a storage class of its own", () => {
    const tenantClass = all(stack, A.storageClass).find((r) => meta(r).name === "im-t-initech-gp3")!;
    expect(tenantClass.inputs).toMatchObject({
      provisioner: "ebs.csi.aws.com",
      parameters: { encrypted: "true", kmsKeyId: mockArn("kms", "key", "main-cluster-keys-tenant-initech") },
    });
    const defaultClass = all(stack, A.storageClass).find((r) => meta(r).name === "im-gp3")!;
    expect((defaultClass.inputs.parameters as Any).kmsKeyId).toBe(mockArn("kms", "key", "main-cluster-keys-volumes"));
  });
});

describe("prod and dev differ where they should", () => {
  it("keeps the prod API endpoint private and the dev one open to the office range only", () => {
    expect(only("aws-prod", A.cluster).vpcConfig).toMatchObject({
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    expect(only("aws-prod", A.cluster).vpcConfig.publicAccessCidrs).toBeUndefined();
    expect(only("aws-dev", A.cluster).vpcConfig).toMatchObject({
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: ["198.51.100.0/24"],
    });
  });

  it("protects the prod cluster from deletion", () => {
    expect(only("aws-prod", A.cluster).deletionProtection).toBe(true);
    expect(only("aws-dev", A.cluster).deletionProtection).toBe(false);
  });

  it("gives prod a NAT gateway per zone, each zone routing through its own, and dev one for all", () => {
    expect(all("aws-prod", A.nat)).toHaveLength(3);
    expect(all("aws-dev", A.nat)).toHaveLength(1);
    const natsOf = (stack: string) =>
      new Set(
        all(stack, A.routeTable)
          .filter((r) => r.name.includes("-private-"))
          .map((r) => (r.inputs.routes as Any[])[0]!.natGatewayId),
      );
    expect(natsOf("aws-prod").size).toBe(3);
    expect(natsOf("aws-dev")).toEqual(new Set(["main-cluster-network-nat-eu-west-1a-id"]));
  });

  it("runs the dev shared pool on spot, prod on demand, with each stack's bounds", () => {
    expect(nodeGroupOf("aws-dev", "shared")).toMatchObject({
      capacityType: "SPOT",
      scalingConfig: { minSize: 1, maxSize: 6 },
    });
    expect(nodeGroupOf("aws-prod", "shared")).toMatchObject({
      capacityType: "ON_DEMAND",
      scalingConfig: { minSize: 3, maxSize: 30 },
    });
    expect(nodeGroupOf("aws-prod", "vip-globex")).toMatchObject({
      instanceTypes: ["c7i.2xlarge"],
      scalingConfig: { minSize: 3, maxSize: 20 },
    });
  });

  it("gives a key of its own only to the VIP tenant that asked", () => {
    const tenantKeys = (stack: string) =>
      all(stack, A.key)
        .map((k) => k.name)
        .filter((name) => name.includes("-tenant-"));
    expect(tenantKeys("aws-prod")).toEqual(["main-cluster-keys-tenant-initech"]);
  });

  it("opens the prod edge to everyone on 443 only, the dev edge to its listed ranges only", () => {
    const cidrs = (stack: string) =>
      all(stack, A.ingress)
        .map((r) => r.inputs.cidrIpv4)
        .filter(Boolean);
    expect(cidrs("aws-prod")).toEqual(["0.0.0.0/0"]);
    expect(cidrs("aws-dev").sort()).toEqual(["198.51.100.0/24", "203.0.113.0/24"]);
  });

  it("ends TLS at the prod NLB with the ACM certificate; dev passes TLS through to the pods", () => {
    const gatewayEdge = (stack: string) =>
      meta(ofType(stacks[stack]!.resources, T.service, "im-t-initech").find((s) => meta(s).name === "msggateway-edge")!)
        .annotations!;
    expect(gatewayEdge("aws-prod")).toMatchObject({
      "service.beta.kubernetes.io/aws-load-balancer-ssl-cert":
        "arn:aws:acm:eu-west-1:444455556666:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
    });
    expect(gatewayEdge("aws-dev")["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"]).toBeUndefined();
    expect(gatewayEdge("aws-dev")["service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-443"]).toBe(
      "tcp.idle_timeout.seconds=70",
    );
  });

  it("puts the prod API behind an ALB class with IP targets, the certificate and the edge's ranges; dev on its own NLB", () => {
    expect(only("aws-prod", A.ingressClassParams).spec).toEqual({
      scheme: "internet-facing",
      targetType: "ip",
      ipAddressType: "ipv4",
      inboundCIDRs: ["0.0.0.0/0"],
      certificateArn: ["arn:aws:acm:eu-west-1:444455556666:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"],
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      loadBalancerAttributes: [{ key: "idle_timeout.timeout_seconds", value: "70" }],
    });
    expect(only("aws-prod", A.ingressClass).spec).toMatchObject({
      controller: "ingress.k8s.aws/alb",
      parameters: { kind: "IngressClassParams", name: "im-alb" },
    });
    for (const ingress of all("aws-prod", A.ingressObject))
      expect((ingress.inputs.spec as Any).ingressClassName).toBe("im-alb");
    expect(all("aws-dev", A.ingressClassParams)).toHaveLength(0);
    const devApi = ofType(stacks["aws-dev"]!.resources, T.service, "im-t-initech").find(
      (s) => meta(s).name === "api-edge",
    )!;
    expect(devApi.inputs.spec).toMatchObject({ loadBalancerClass: "service.k8s.aws/nlb" });
  });
});

describe("an existing VPC", () => {
  let result: SynthResult;
  beforeAll(async () => {
    const raw = sampleRawConfig("aws-dev") as Any;
    raw.target.network = {
      existing: {
        vpcId: "vpc-0abc",
        vpcCidr: "10.9.0.0/16",
        privateSubnetIds: ["subnet-01", "subnet-02", "subnet-03"],
        publicSubnetIds: ["subnet-04", "subnet-05", "subnet-06"],
      },
    };
    result = await synthesize(toStackConfig(raw), "aws-dev");
  });

  it("creates no VPC, subnets or NAT, tags the given subnets for discovery, and logs the VPC's flows", () => {
    const types = new Set(result.resources.map((r) => r.type));
    for (const type of [A.subnet, A.nat, "aws:ec2/vpc:Vpc", A.routeTable]) expect(types.has(type)).toBe(false);
    const tags = result.resources.filter((r) => r.type === "aws:ec2/tag:Tag").map((r) => r.inputs);
    expect(tags).toContainEqual({ resourceId: "subnet-04", key: "kubernetes.io/role/elb", value: "1" });
    expect(tags).toContainEqual({ resourceId: "subnet-01", key: "kubernetes.io/role/internal-elb", value: "1" });
    expect(tags).toHaveLength(12);
    expect(result.resources.find((r) => r.type === A.flowLog)!.inputs.vpcId).toBe("vpc-0abc");
    expect((result.resources.find((r) => r.type === A.cluster)!.inputs.vpcConfig as Any).subnetIds).toEqual([
      "subnet-01",
      "subnet-02",
      "subnet-03",
    ]);
  });

  it("lets cells reach the API server inside the given VPC range", () => {
    const policy = ofType(result.resources, T.netpol, "im-t-initech").find((p) =>
      JSON.stringify(p.inputs).includes("10.9.0.0/16"),
    );
    expect(policy).toBeDefined();
  });
});

describe("the edge's NetworkPolicy", () => {
  const sources = (stack: string, service: string): string[] => {
    const policy = all(stack, T.netpol).find(
      (p) => meta(p).name === `allow-edge-${service}` && meta(p).namespace === "im-t-initech",
    )!;
    return ((policy.inputs as Any).spec.ingress[0].from as Array<{ ipBlock: { cidr: string } }>).map(
      (peer) => peer.ipBlock.cidr,
    );
  };

  it("admits the load balancers' own subnets beside the client ranges: NLB health checks and the ALB reach pods from there", () => {
    const publicSubnets = all("aws-dev", A.subnet)
      .filter((s) => (s.inputs.tags as Any)["kubernetes.io/role/elb"] === "1")
      .map((s) => s.inputs.cidrBlock as string);
    expect(publicSubnets.length).toBeGreaterThanOrEqual(2);
    expect(sources("aws-dev", "msggateway")).toEqual(["198.51.100.0/24", "203.0.113.0/24", ...publicSubnets]);
    expect(sources("aws-dev", "api")).toEqual(["198.51.100.0/24", "203.0.113.0/24", ...publicSubnets]);
  });

  it("needs nothing beside the whole internet when clients are public", () => {
    expect(sources("aws-prod", "msggateway")).toEqual(["0.0.0.0/0"]);
  });
});
