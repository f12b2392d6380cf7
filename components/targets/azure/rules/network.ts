import { AZURE_TYPES, EDGE_RULE_PREFIX } from "../conventions";
import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { isPublicSource, portRangeIncludes, WORLD_CIDRS } from "../../../core/ranges";

/** Sources that admit everyone: the world ranges and Azure's catch-all tags. */
const WORLD_SOURCES = new Set(["*", "internet", "any", ...WORLD_CIDRS]);
/** Service tags for traffic that never comes from the internet. */
const PRIVATE_TAGS = new Set(["virtualnetwork", "azureloadbalancer"]);
const REMOTE_ACCESS_PORTS = [22, 3389];

interface InboundAllow {
  readonly name: string;
  readonly protocol: string;
  readonly sources: string[];
  readonly ports: string[];
}

const values = (one: unknown, many: unknown): string[] =>
  [one, ...list(many)].flatMap((value) => (text(value) ? [text(value) ?? ""] : []));

/** The inbound allow rules of an NSG (inline) or of a standalone security rule. */
function inboundAllows(type: string, props: Props): InboundAllow[] {
  const rules =
    type === AZURE_TYPES.nsg
      ? list(props["securityRules"]).map((rule) => record(rule) ?? {})
      : type === AZURE_TYPES.securityRule
        ? [props]
        : [];
  return rules
    .filter(
      (rule) => text(rule["direction"])?.toLowerCase() === "inbound" && text(rule["access"])?.toLowerCase() === "allow",
    )
    .map((rule) => ({
      name: text(rule["name"]) ?? text(rule["securityRuleName"]) ?? "?",
      protocol: (text(rule["protocol"]) ?? "*").toLowerCase(),
      sources: values(rule["sourceAddressPrefix"], rule["sourceAddressPrefixes"]),
      ports: values(rule["destinationPortRange"], rule["destinationPortRanges"]),
    }));
}

const isWorld = (source: string) => WORLD_SOURCES.has(source.toLowerCase());

/** A source that reaches beyond private networks: the world, a public range or address, or a public service tag. */
function isPublic(source: string): boolean {
  if (isWorld(source)) return true;
  if (PRIVATE_TAGS.has(source.toLowerCase())) return false;
  if (/^[\d.:a-fA-F]+(\/\d+)?$/.test(source)) return isPublicSource(source.includes("/") ? source : `${source}/32`);
  return true;
}

/** IMS210: SSH and RDP (or all ports) are never open to public sources; reach nodes through Azure Bastion or the VNet. */
export function checkManagementPorts(type: string, props: Props): string[] {
  return inboundAllows(type, props).flatMap((rule) => {
    if (rule.protocol !== "tcp" && rule.protocol !== "*") return [];
    const open = rule.sources.filter(isPublic);
    if (open.length === 0) return [];
    return REMOTE_ACCESS_PORTS.filter((port) => rule.ports.some((range) => portRangeIncludes(range, port))).map(
      (port) =>
        `rule ${rule.name} opens port ${port} to ${open.join(", ")}; reach nodes from the VNet or through Azure Bastion only`,
    );
  });
}

/**
 * IMS211: a rule that admits the whole internet is an edge listener rule (named
 * `allow-edge-listener*`), TCP or UDP, on listed single ports: nothing else is world-open.
 */
export function checkWorldOpenIngress(type: string, props: Props): string[] {
  return inboundAllows(type, props)
    .filter((rule) => rule.sources.some(isWorld))
    .flatMap((rule) => {
      const edgeListener =
        rule.name.startsWith(EDGE_RULE_PREFIX) &&
        ["tcp", "udp"].includes(rule.protocol) &&
        rule.ports.length > 0 &&
        rule.ports.every((port) => /^\d+$/.test(port));
      return edgeListener
        ? []
        : [
            `rule ${rule.name} admits ${rule.sources.filter(isWorld).join(", ")} (protocol ${rule.protocol}, ports ${rule.ports.join(", ") || "none"}) and is not an edge listener rule on single TCP/UDP ports`,
          ];
    });
}
