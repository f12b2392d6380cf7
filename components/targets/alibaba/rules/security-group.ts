import { text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { isPublicSource, WORLD_CIDRS } from "../../../core/ranges";
import { ALIBABA_TYPES, EDGE_RULE_PREFIX } from "../conventions";

/** Remote administration ports: never reachable from a public source. */
export const MANAGEMENT_PORTS = [22, 3389];

/** A rule's port range ("80/443", "-1/-1") as [from, to]; all ports where it says none. */
function portsOf(props: Props): [number, number] {
  const [from, to] = (text(props["portRange"]) ?? "-1/-1").split("/").map(Number);
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) || from < 0) return [1, 65535];
  return [from, to];
}

/** IMS404: no ingress rule admits the whole internet but an edge listener rule on one TCP/UDP port; no management port from public sources. */
export function checkSecurityGroupRule(type: string, props: Props): string[] {
  if (type !== ALIBABA_TYPES.securityGroupRule) return [];
  if (text(props["type"]) !== "ingress" || (text(props["policy"]) ?? "accept") !== "accept") return [];
  const source = text(props["cidrIp"]) ?? text(props["ipv6CidrIp"]);
  if (!source) return []; // another group or a prefix list, not an address range
  const protocol = text(props["ipProtocol"]) ?? "all";
  const [from, to] = portsOf(props);
  const messages: string[] = [];
  const edgeListener =
    (text(props["description"]) ?? "").startsWith(EDGE_RULE_PREFIX) &&
    (protocol === "tcp" || protocol === "udp") &&
    from === to;
  if (WORLD_CIDRS.includes(source) && !edgeListener) {
    messages.push(
      `admits ${source} (protocol ${protocol}, ports ${from}-${to}): the whole internet, and it is not a single-port edge listener rule`,
    );
  }
  const opensManagement =
    (protocol === "tcp" || protocol === "all") && MANAGEMENT_PORTS.some((port) => port >= from && port <= to);
  if (opensManagement && isPublicSource(source)) {
    messages.push(
      `opens a management port (${MANAGEMENT_PORTS.join(", ")}) to ${source}; reach nodes through the VPC or a bastion`,
    );
  }
  return messages;
}
