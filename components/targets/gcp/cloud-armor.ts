import * as compute from "@pulumi/gcp/compute";
import type * as gcpInput from "@pulumi/gcp/types/input";
import type * as pulumi from "@pulumi/pulumi";
import type { EdgeConfig } from "../../config/types";
import { isParsedCidr, isWorldOpen, parseCidr } from "../../core/cidr";
import type { GcpTargetConfig } from "./schema";

type Rule = gcpInput.compute.SecurityPolicyRule;

/** Cloud Armor takes at most ten ranges per rule. */
const RANGES_PER_RULE = 10;
const DEFAULT_RULE_PRIORITY = 2147483647;

/** Client ranges the edge admits; empty when it is open to everyone. */
function admittedRanges(edge: EdgeConfig): string[] {
  return edge.allowedSourceCidrs.filter((text) => {
    const parsed = parseCidr(text);
    return isParsedCidr(parsed) && !isWorldOpen(parsed);
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The API edge's rules, in order: the WAF rule sets deny attacks; then clients from the
 * admitted ranges (everyone when the edge is public) pass, throttled per IP; the last rule
 * denies whatever is left when the edge is not public. An ingress has no
 * loadBalancerSourceRanges, so this is where the API's source ranges are enforced.
 */
export function securityPolicyRules(cluster: GcpTargetConfig, edge: EdgeConfig): Rule[] {
  const waf: Rule[] = cluster.cloudArmor.wafRules.map((ruleSet, index) => ({
    priority: 100 + index,
    action: "deny(403)",
    description: `WAF ${ruleSet}`,
    match: { expr: { expression: `evaluatePreconfiguredWaf('${ruleSet}', {'sensitivity': 1})` } },
  }));
  const admitted = admittedRanges(edge);
  const ranges = edge.publicClients || admitted.length === 0 ? ["*"] : admitted;
  const clients: Rule[] = chunks(ranges, RANGES_PER_RULE).map((srcIpRanges, index) => ({
    priority: 1000 + index,
    action: "throttle",
    description: "Admitted clients, rate-limited per IP",
    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges } },
    rateLimitOptions: {
      conformAction: "allow",
      exceedAction: "deny(429)",
      enforceOnKey: "IP",
      rateLimitThreshold: { count: cluster.cloudArmor.rateLimitPerMinute, intervalSec: 60 },
    },
  }));
  const fallback: Rule = {
    priority: DEFAULT_RULE_PRIORITY,
    action: edge.publicClients ? "allow" : "deny(403)",
    description: edge.publicClients ? "Default: allow" : "Default: deny clients outside edge.allowedSourceCidrs",
    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
  };
  return [...waf, ...clients, fallback];
}

/** Cloud Armor policy with adaptive (layer 7 DDoS) protection, referenced by the API's BackendConfig. */
export function createApiSecurityPolicy(
  name: string,
  cluster: GcpTargetConfig,
  edge: EdgeConfig,
  opts: pulumi.CustomResourceOptions,
): compute.SecurityPolicy {
  return new compute.SecurityPolicy(
    `${name}-api-armor`,
    {
      project: cluster.project,
      description: "im-platform API edge",
      type: "CLOUD_ARMOR",
      adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true } },
      rules: securityPolicyRules(cluster, edge),
    },
    opts,
  );
}
