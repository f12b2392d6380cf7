/** Plain data every rule reads: the same shape whether it comes from the engine or from synth. */
export type Props = Record<string, unknown>;

/** Levels a rule can run at; mirrors @pulumi/policy's names so policy config carries over. */
export type Level = "advisory" | "mandatory" | "disabled";

export interface PlainResource {
  readonly type: string;
  readonly name: string;
  readonly props: Props;
}

export interface StackViolation {
  readonly resourceName: string;
  /** Disambiguates resources sharing a name (an HPA is often named after its Deployment). */
  readonly resourceType?: string;
  readonly message: string;
}

/** Where a stack violation points: the offending resource by name and type. */
export function at(
  resource: Pick<PlainResource, "name" | "type">,
): Pick<StackViolation, "resourceName" | "resourceType"> {
  return { resourceName: resource.name, resourceType: resource.type };
}

/** Returns one message per violation; an empty list means compliant. */
export type ResourceRule = (type: string, props: Props) => string[];
export type StackRule = (resources: readonly PlainResource[]) => StackViolation[];

interface RuleBase {
  /** Stable id ("IMT001"), quoted in the description and in reports. */
  readonly id: string;
  /** Kebab-case policy name, the key of policy config. */
  readonly name: string;
  readonly description: string;
  /** What exactly the rule inspects, for the rule table of policies/README.md. @default the description */
  readonly details?: string;
  readonly enforcementLevel: Level;
}

export interface ResourceRuleDef extends RuleBase {
  readonly kind: "resource";
  readonly check: ResourceRule;
}

export interface StackRuleDef extends RuleBase {
  readonly kind: "stack";
  readonly check: StackRule;
}

export type RuleDef = ResourceRuleDef | StackRuleDef;

export interface RulePack {
  readonly name: string;
  readonly description: string;
  readonly rules: readonly RuleDef[];
}
