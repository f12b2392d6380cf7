/** Plain data every rule reads: the same shape whether it comes from the engine or from synth. */
export type Props = Record<string, unknown>;

/** Levels a rule can run at; mirrors @pulumi/policy's names so policy config carries over. */
export type Level = "advisory" | "mandatory" | "disabled";

export interface PlainResource {
  readonly type: string;
  readonly name: string;
  readonly props: Props;
  /**
   * The cluster a Kubernetes object goes to: its provider's name, which each target gives its
   * cluster in every stack of a fleet alike; undefined for cloud resources and for objects on the
   * default provider.
   */
  readonly cluster?: string;
}

/** The cluster of a resource: its provider's name, for Kubernetes objects only. */
export function clusterOf(type: string, providerName: string | undefined): string | undefined {
  return type.startsWith("kubernetes:") && providerName ? providerName : undefined;
}

/** The resource name in a provider reference (`urn:pulumi:<stack>::<project>::<type>::<name>::<id>`). */
export function providerNameOf(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const parts = reference.split("::");
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
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

/**
 * Runs a stack rule once per cluster of a hybrid stack, so objects of the same name in two
 * clusters (a tenant's namespace on its home and its standby) are judged each in its own; what
 * belongs to no cluster (cloud resources, facts) is seen by every run. One cluster: one run.
 */
export function checkPerCluster(check: StackRule, resources: readonly PlainResource[]): StackViolation[] {
  const clusters = [...new Set(resources.flatMap((resource) => (resource.cluster ? [resource.cluster] : [])))];
  if (clusters.length <= 1) return check(resources);
  const seen = new Set<string>();
  return clusters.flatMap((cluster) =>
    check(resources.filter((resource) => resource.cluster === undefined || resource.cluster === cluster)).filter(
      (violation) => {
        const key = JSON.stringify([violation.resourceName, violation.resourceType, violation.message]);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      },
    ),
  );
}

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
