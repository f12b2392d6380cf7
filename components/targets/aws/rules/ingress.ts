import { EDGE_RULE_TAG } from "../conventions";
import { list, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

const WORLD = ["0.0.0.0/0", "::/0"];

interface IngressView {
  readonly cidrs: string[];
  readonly protocol: string;
  readonly fromPort: unknown;
  readonly toPort: unknown;
  readonly tags: Record<string, string>;
}

/** An edge listener rule: tagged as one, TCP or UDP, on exactly one port. */
function isEdgeListener(rule: IngressView): boolean {
  return (
    rule.tags[EDGE_RULE_TAG] === "true" &&
    ["tcp", "udp", "6", "17"].includes(rule.protocol) &&
    typeof rule.fromPort === "number" &&
    rule.fromPort > 0 &&
    rule.fromPort === rule.toPort
  );
}

function ingressRules(type: string, props: Props): IngressView[] {
  const protocolOf = (value: unknown) => (text(value) ?? String(value ?? "")).toLowerCase();
  const cidrsOf = (...values: unknown[]) =>
    values
      .flatMap((value) => (Array.isArray(value) ? list(value) : [value]))
      .flatMap((v) => (text(v) ? [text(v) ?? ""] : []));
  switch (type) {
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return [
        {
          cidrs: cidrsOf(props["cidrIpv4"], props["cidrIpv6"]),
          protocol: protocolOf(props["ipProtocol"]),
          fromPort: props["fromPort"],
          toPort: props["toPort"],
          tags: stringMap(props["tags"]),
        },
      ];
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      if (props["type"] !== "ingress") return [];
      return [
        {
          cidrs: cidrsOf(props["cidrBlocks"], props["ipv6CidrBlocks"]),
          protocol: protocolOf(props["protocol"]),
          fromPort: props["fromPort"],
          toPort: props["toPort"],
          tags: {},
        },
      ];
    case "aws:ec2/securityGroup:SecurityGroup":
      return list(props["ingress"]).map((item) => {
        const rule = record(item) ?? {};
        return {
          cidrs: cidrsOf(rule["cidrBlocks"], rule["ipv6CidrBlocks"]),
          protocol: protocolOf(rule["protocol"]),
          fromPort: rule["fromPort"],
          toPort: rule["toPort"],
          tags: {},
        };
      });
    default:
      return [];
  }
}

/**
 * IMS105: no security group admits the whole internet, except the edge's listener rules (tagged
 * `im-platform.io/edge-listener`, one TCP/UDP port each), which exist only when clients are public.
 */
export function checkWorldOpenIngress(type: string, props: Props): string[] {
  return ingressRules(type, props)
    .filter((rule) => rule.cidrs.some((cidr) => WORLD.includes(cidr)) && !isEdgeListener(rule))
    .map(
      (rule) =>
        `ingress from ${rule.cidrs.filter((cidr) => WORLD.includes(cidr)).join(", ")} (protocol ${rule.protocol}, ports ${String(rule.fromPort ?? "all")}-${String(rule.toPort ?? "all")}) is open to the internet and is not an edge listener rule`,
    );
}
