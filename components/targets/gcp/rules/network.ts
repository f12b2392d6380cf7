import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { isPublicSource, portRangeIncludes, WORLD_CIDRS as WORLD } from "../../../core/ranges";
import { GCP_TYPES } from "../conventions";

/** Identity-Aware Proxy's TCP forwarding: the one source that may reach SSH or RDP. */
export const IAP_RANGE = "35.235.240.0/20";
const REMOTE_ACCESS_PORTS = [22, 3389];

/** Whether an allow entry ({protocol, ports}) opens the port. */
function opensPort(allow: Props, port: number): boolean {
  const protocol = text(allow["protocol"]);
  if (protocol !== "all" && protocol !== "tcp" && protocol !== "6") return false;
  const ports = list(allow["ports"]).map((value) => String(value));
  if (protocol === "all" || ports.length === 0) return true;
  return ports.some((range) => portRangeIncludes(range, port));
}

/**
 * IMS307: no ingress rule admits the whole internet, and SSH/RDP from public ranges only through
 * IAP (private ranges inside the VPC may reach them). The IM edge's
 * own rules are made by GKE from each Service's loadBalancerSourceRanges, not by the stack.
 */
export function checkFirewall(type: string, props: Props): string[] {
  if (type !== GCP_TYPES.firewall || props["disabled"] === true) return [];
  if ((text(props["direction"]) ?? "INGRESS") !== "INGRESS") return [];
  const allows = list(props["allows"]).map((allow) => record(allow) ?? {});
  if (allows.length === 0) return [];
  const sources = list(props["sourceRanges"]).map((range) => String(range));
  const messages: string[] = [];
  const open = sources.filter((range) => WORLD.includes(range));
  if (open.length > 0) messages.push(`allows ingress from ${open.join(", ")}: the whole internet`);
  for (const port of REMOTE_ACCESS_PORTS) {
    const outside = sources.filter((range) => range !== IAP_RANGE && !WORLD.includes(range) && isPublicSource(range));
    if (outside.length > 0 && allows.some((allow) => opensPort(allow, port))) {
      messages.push(`opens port ${port} to ${outside.join(", ")}; reach nodes through IAP (${IAP_RANGE}) only`);
    }
  }
  return messages;
}

/** IMS312: subnets keep VPC flow logs. */
export function checkFlowLogs(type: string, props: Props): string[] {
  if (type !== GCP_TYPES.subnetwork) return [];
  const purpose = text(props["purpose"]);
  // Proxy-only and Private Service Connect subnets carry no VM traffic to log.
  if (purpose && purpose !== "PRIVATE" && purpose !== "PRIVATE_RFC_1918") return [];
  return record(props["logConfig"]) ? [] : ["logConfig is unset: VPC flow logs are off"];
}
