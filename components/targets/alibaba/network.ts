import * as ecs from "@pulumi/alicloud/ecs";
import * as vpc from "@pulumi/alicloud/vpc";
import * as pulumi from "@pulumi/pulumi";
import type { AlibabaTargetConfig } from "./schema";

export interface AlibabaNetwork {
  readonly vpc: vpc.Network;
  /** Node vSwitches, one per zone in the order of `zones`. */
  readonly nodeSwitches: readonly vpc.Switch[];
  /** Terway's pod vSwitches, one per zone in the order of `zones`. */
  readonly podSwitches: readonly vpc.Switch[];
  readonly nat: vpc.NatGateway;
  readonly egressIp: ecs.EipAddress;
  /** The SNAT entries: nodes and pods reach the internet only once they exist. */
  readonly egress: readonly vpc.SnatEntry[];
}

export interface NetworkArgs {
  readonly vpcName: string;
  readonly tags: Record<string, string>;
  readonly flowLogProject: pulumi.Input<string>;
  readonly flowLogStore: pulumi.Input<string>;
}

/**
 * The cluster's VPC: a node and a pod vSwitch in every zone, an enhanced NAT gateway with an EIP
 * through which nodes and pods reach the internet (image pulls, APNs/FCM pushes) with nothing
 * listening on a public address, and flow logs of every ENI in the VPC.
 */
export function createNetwork(
  name: string,
  cluster: AlibabaTargetConfig,
  args: NetworkArgs,
  opts: pulumi.CustomResourceOptions,
): AlibabaNetwork {
  const network = new vpc.Network(
    `${name}-vpc`,
    {
      vpcName: args.vpcName,
      cidrBlock: cluster.network.vpcCidr,
      description: "im-platform cluster network",
      tags: args.tags,
    },
    opts,
  );
  const vswitch = (role: "nodes" | "pods", cidrBlock: string, zoneId: string) =>
    new vpc.Switch(
      `${name}-${role}-${zoneId}`,
      {
        vpcId: network.id,
        zoneId,
        cidrBlock,
        vswitchName: `${args.vpcName}-${role}-${zoneId}`,
        description: role === "nodes" ? "im-platform nodes and control-plane ENIs" : "im-platform pods (Terway)",
        tags: { ...args.tags, role },
      },
      opts,
    );
  const nodeSwitches = cluster.zones.map((zone, index) => vswitch("nodes", cluster.network.nodeCidrs[index]!, zone));
  const podSwitches = cluster.zones.map((zone, index) => vswitch("pods", cluster.network.podCidrs[index]!, zone));

  const nat = new vpc.NatGateway(
    `${name}-nat`,
    {
      vpcId: network.id,
      vswitchId: nodeSwitches[0]!.id,
      natGatewayName: `${args.vpcName}-nat`,
      natType: "Enhanced",
      networkType: "internet",
      paymentType: "PayAsYouGo",
      description: "im-platform egress",
      tags: args.tags,
    },
    opts,
  );
  const egressIp = new ecs.EipAddress(
    `${name}-egress-ip`,
    {
      addressName: `${args.vpcName}-egress`,
      isp: "BGP",
      paymentType: "PayAsYouGo",
      internetChargeType: "PayByTraffic",
      // The most a pay-by-traffic EIP allows: push bursts to APNs/FCM leave through it.
      bandwidth: "200",
      description: "im-platform NAT egress",
      tags: args.tags,
    },
    opts,
  );
  const association = new ecs.EipAssociation(
    `${name}-egress-ip-nat`,
    { allocationId: egressIp.id, instanceId: nat.id, instanceType: "Nat" },
    opts,
  );
  const egress = [...nodeSwitches, ...podSwitches].map(
    (source, index) =>
      new vpc.SnatEntry(
        `${name}-snat-${index}`,
        {
          snatTableId: nat.snatTableIds,
          sourceVswitchId: source.id,
          snatIp: egressIp.ipAddress,
          snatEntryName: `${args.vpcName}-snat-${index}`,
        },
        { ...opts, dependsOn: [association] },
      ),
  );
  new vpc.FlowLog(
    `${name}-flow-log`,
    {
      flowLogName: `${args.vpcName}-flows`,
      resourceType: "VPC",
      resourceId: network.id,
      trafficType: "All",
      trafficPaths: ["all"],
      aggregationInterval: "10",
      projectName: args.flowLogProject,
      logStoreName: args.flowLogStore,
      description: "Every ENI of the cluster's VPC",
      tags: args.tags,
    },
    opts,
  );
  return { vpc: network, nodeSwitches, podSwitches, nat, egressIp, egress };
}

/** The NLB's `zone-maps` value: each zone with its node vSwitch. */
export function zoneMaps(zones: readonly string[], switches: readonly vpc.Switch[]): pulumi.Output<string> {
  return pulumi
    .all(switches.map((vswitch) => vswitch.id))
    .apply((ids) => zones.map((zone, index) => `${zone}:${ids[index]}`).join(","));
}
