import type { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PLATFORM_FACTS_CONFIG, platformReference } from "../rules/data-scope";
import { checkPerCluster, clusterOf, type PlainResource, type RuleDef, type RulePack } from "../rules/types";

/**
 * Wraps the plain rules for the Pulumi engine. The offline checker calls the very same rule
 * functions, so a preview and `npm run check` cannot disagree about what a rule means.
 */
export function toPolicy(rule: RuleDef): ResourceValidationPolicy | StackValidationPolicy {
  const base = { name: rule.name, description: rule.description, enforcementLevel: rule.enforcementLevel };
  if (rule.kind === "resource") {
    const check = rule.check;
    return {
      ...base,
      validateResource: (args, reportViolation) => {
        check(args.type, args.props as Record<string, unknown>).forEach((message) =>
          reportViolation(`[${rule.id}] ${message}`),
        );
      },
    };
  }
  const check = rule.check;
  return {
    ...base,
    // A fleet's cell stack is judged with its platform stack's facts, handed over as policy config:
    // the engine shows packs no resource a stack only reads (pulumi/pulumi#3950), a StackReference included.
    configSchema: { properties: { [PLATFORM_FACTS_CONFIG]: { type: "object" } } },
    validateStack: (args, reportViolation) => {
      const facts = args.getConfig<Record<string, unknown>>()[PLATFORM_FACTS_CONFIG];
      const plain: PlainResource[] = [
        ...args.resources.map((r) => ({
          type: r.type,
          name: r.name,
          props: r.props as Record<string, unknown>,
          cluster: clusterOf(r.type, r.provider?.name),
        })),
        ...(facts === undefined ? [] : [platformReference(facts)]),
      ];
      // Names repeat across types (an HPA shares its Deployment's name), so the type narrows the match.
      const urnOf = (name: string, type: string | undefined) =>
        args.resources.find((r) => r.name === name && (type === undefined || r.type === type))?.urn;
      checkPerCluster(check, plain).forEach((violation) =>
        reportViolation(`[${rule.id}] ${violation.message}`, urnOf(violation.resourceName, violation.resourceType)),
      );
    },
  };
}

export function toPolicies(pack: RulePack): Policies {
  return pack.rules.map(toPolicy);
}
