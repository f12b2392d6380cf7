import * as ec2 from "@pulumi/aws/ec2";
import * as vpc from "@pulumi/aws/vpc";
import * as pulumi from "@pulumi/pulumi";
import { WORLD_IPV4 as WORLD } from "../edge-ports";
import { EDGE_RULE_TAG } from "./conventions";

export interface AwsFirewallArgs {
  readonly clusterName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly edgePorts: readonly number[];
  readonly edgeSourceCidrs: readonly string[];
}

/**
 * Least-privilege security groups: the control plane's, the nodes', and the edge's. Only the
 * edge admits client ranges, and only on its listener ports; the load balancer controller adds
 * the edge-to-node rules itself (it manages the backend rules of the groups it is given).
 */
export class AwsFirewall extends pulumi.ComponentResource {
  readonly controlPlane: ec2.SecurityGroup;
  readonly nodes: ec2.SecurityGroup;
  readonly edge: ec2.SecurityGroup;
  /** The edge group's Name tag, by which Services name it. */
  readonly edgeName: string;

  constructor(name: string, args: AwsFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsFirewall", name, {}, opts);
    const parent = { parent: this };
    const group = (suffix: string, description: string, tags: Record<string, string> = {}) =>
      new ec2.SecurityGroup(
        `${name}-${suffix}`,
        {
          vpcId: args.vpcId,
          description,
          revokeRulesOnDelete: true,
          tags: { Name: `${args.clusterName}-${suffix}`, ...tags },
        },
        parent,
      );
    this.edgeName = edgeSecurityGroupName(args.clusterName);
    this.controlPlane = group(
      "control-plane",
      "EKS control plane ENIs: API server for nodes, calls to kubelets and webhooks",
    );
    // The controller finds the group to add backend rules to by this cluster tag; only the node group carries it.
    this.nodes = group("nodes", "EKS worker nodes and their pods", {
      [`kubernetes.io/cluster/${args.clusterName}`]: "owned",
    });
    this.edge = group("edge", "IM edge load balancers: client ranges on the listener ports only", {
      "im-platform.io/edge": "true",
    });

    const ingress = (
      suffix: string,
      rule: Omit<vpc.SecurityGroupIngressRuleArgs, "securityGroupId">,
      to: ec2.SecurityGroup,
    ) => new vpc.SecurityGroupIngressRule(`${name}-${suffix}`, { ...rule, securityGroupId: to.id }, parent);
    const egress = (
      suffix: string,
      rule: Omit<vpc.SecurityGroupEgressRuleArgs, "securityGroupId">,
      from: ec2.SecurityGroup,
    ) => new vpc.SecurityGroupEgressRule(`${name}-${suffix}`, { ...rule, securityGroupId: from.id }, parent);
    const tcp = (fromPort: number, toPort = fromPort) => ({ ipProtocol: "tcp", fromPort, toPort });

    ingress(
      "api-from-nodes",
      {
        ...tcp(443),
        referencedSecurityGroupId: this.nodes.id,
        description: "Nodes and pods reach the Kubernetes API server",
      },
      this.controlPlane,
    );
    egress(
      "control-plane-to-nodes",
      {
        ...tcp(1025, 65535),
        referencedSecurityGroupId: this.nodes.id,
        description: "API server reaches kubelets (10250) and admission webhooks on pods",
      },
      this.controlPlane,
    );
    egress(
      "control-plane-to-nodes-https",
      {
        ...tcp(443),
        referencedSecurityGroupId: this.nodes.id,
        description: "API server reaches webhooks served on 443",
      },
      this.controlPlane,
    );

    ingress(
      "nodes-from-control-plane",
      {
        ...tcp(1025, 65535),
        referencedSecurityGroupId: this.controlPlane.id,
        description: "Kubelet and webhooks, from the API server",
      },
      this.nodes,
    );
    ingress(
      "nodes-from-control-plane-https",
      {
        ...tcp(443),
        referencedSecurityGroupId: this.controlPlane.id,
        description: "Webhooks on 443, from the API server",
      },
      this.nodes,
    );
    ingress(
      "nodes-from-nodes",
      {
        ipProtocol: "-1",
        referencedSecurityGroupId: this.nodes.id,
        description: "Node-to-node and pod-to-pod traffic; network policies narrow it per cell",
      },
      this.nodes,
    );
    egress(
      "nodes-out",
      {
        ipProtocol: "-1",
        cidrIpv4: WORLD,
        description: "Image pulls, AWS APIs, push providers (APNs/FCM) through NAT",
      },
      this.nodes,
    );

    for (const port of args.edgePorts) {
      args.edgeSourceCidrs.forEach((cidr, index) => {
        ingress(
          `edge-${port}-${index}`,
          {
            ...tcp(port),
            cidrIpv4: cidr,
            description: `IM clients (${cidr}) to the edge listener on ${port}`,
            tags: { [EDGE_RULE_TAG]: "true" },
          },
          this.edge,
        );
      });
    }
    egress(
      "edge-to-pods",
      {
        ...tcp(1025, 65535),
        referencedSecurityGroupId: this.nodes.id,
        description: "Edge to gateway and API pods: traffic and health checks",
      },
      this.edge,
    );
    this.registerOutputs({ controlPlane: this.controlPlane.id, nodes: this.nodes.id, edge: this.edge.id });
  }
}

/** The edge load balancers' security group, named after the cluster so a cell stack can name it too. */
export function edgeSecurityGroupName(clusterName: string): string {
  return `${clusterName}-edge`;
}
