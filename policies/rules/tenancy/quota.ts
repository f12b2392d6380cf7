import { byNamespace, list, objectNameOf, ofKind, record, specOf, stringMap, text } from "../k8s";
import { referencedPlatformFacts } from "../data-scope";
import { CELL_PRIORITY_POLICY, cellPriorityClasses, DATA_PRIORITY_CLASS, type Tier } from "../labels";
import { at, type PlainResource, type StackViolation } from "../types";
import { NAMESPACE_TYPE, tenantNamespaces } from "./scope";

/** What a quota must bound for the pods it counts to be bounded at all. */
const COMPUTE = ["requests.cpu", "requests.memory", "pods"] as const;

interface QuotaView {
  readonly hard: Record<string, string>;
  /** The PriorityClass scope, when the quota has exactly that one; "other" for any other scoping. */
  readonly scope: "none" | "other" | { readonly operator: string; readonly classes: readonly string[] };
}

function quotaView(resource: PlainResource): QuotaView {
  const spec = specOf(resource.props);
  const hard = stringMap(spec.hard);
  const expressions = list(record(spec.scopeSelector)?.matchExpressions).map((entry) => record(entry) ?? {});
  if (list(spec.scopes).length === 0 && expressions.length === 0) return { hard, scope: "none" };
  const [only] = expressions;
  if (list(spec.scopes).length > 0 || expressions.length !== 1 || text(only?.scopeName) !== "PriorityClass")
    return { hard, scope: "other" };
  const classes = list(only!.values).flatMap((value) => text(value) ?? []);
  return { hard, scope: { operator: text(only!.operator) ?? "", classes } };
}

const boundsCompute = (quota: QuotaView) => COMPUTE.every((resource) => quota.hard[resource] !== undefined);

/**
 * Why pods in the namespace could escape its compute quota, or nothing when none can: an
 * unscoped compute quota counts every pod; quotas scoped by PriorityClass must count the classes
 * the kit's admission policy admits there (the tier's and the data tier's), and that policy must
 * be in the stack.
 */
function computeGaps(quotas: readonly QuotaView[], tier: string | undefined, admissionPolicy: boolean): string[] {
  if (quotas.some((quota) => quota.scope === "none" && boundsCompute(quota))) return [];
  const counted = quotas.flatMap((quota) =>
    typeof quota.scope === "object" && quota.scope.operator === "In" && boundsCompute(quota) ? quota.scope.classes : [],
  );
  const bound = COMPUTE.join(", ");
  if (counted.length === 0) return [`has no quota that bounds ${bound}`];
  const gaps: string[] = [];
  if (!admissionPolicy) {
    gaps.push(
      `scopes its compute quota by PriorityClass, but the stack has no ${CELL_PRIORITY_POLICY} ValidatingAdmissionPolicy and binding: pods at other classes escape the quota`,
    );
  }
  const admitted = tier ? cellPriorityClasses(tier as Tier) : [DATA_PRIORITY_CLASS];
  for (const name of admitted.filter((candidate) => !counted.includes(candidate)))
    gaps.push(`admits pods at priority class "${name}" but no PriorityClass In quota bounds ${bound} for them`);
  return gaps;
}

/** The kit's admission policy and its binding, both in the stack or reported by the platform stack it references. */
function hasAdmissionPolicy(resources: readonly PlainResource[]): boolean {
  const inStack = ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"].every((kind) =>
    ofKind(resources, kind).some((resource) => objectNameOf(resource.props) === CELL_PRIORITY_POLICY),
  );
  return inStack || referencedPlatformFacts(resources).some((facts) => facts.admissionPolicy === CELL_PRIORITY_POLICY);
}

/**
 * IMT002: every tenant namespace has one LimitRange, one unscoped quota (its objects), and no pod
 * beyond a compute quota: an unscoped one, or quotas scoped by PriorityClass that count every
 * class the kit's admission policy lets into the namespace.
 */
export function checkQuotaAndLimits(resources: readonly PlainResource[]): StackViolation[] {
  const quotasIn = byNamespace(ofKind(resources, "ResourceQuota"));
  const limitsIn = byNamespace(ofKind(resources, "LimitRange"));
  const admissionPolicy = hasAdmissionPolicy(resources);
  const violations: StackViolation[] = [];
  for (const scope of tenantNamespaces(resources).values()) {
    const report = (message: string) =>
      violations.push({
        ...at({ name: scope.resourceName ?? scope.namespace, type: NAMESPACE_TYPE }),
        message: `tenant namespace "${scope.namespace}" ${message}`,
      });
    const limits = limitsIn.get(scope.namespace)?.length ?? 0;
    if (limits !== 1) report(`has ${limits} LimitRange objects; exactly 1 is required`);
    const quotas = (quotasIn.get(scope.namespace) ?? []).map(quotaView);
    const unscoped = quotas.filter((quota) => quota.scope === "none").length;
    if (unscoped !== 1) report(`has ${unscoped} unscoped ResourceQuota objects; exactly 1 is required`);
    for (const gap of computeGaps(quotas, scope.tier, admissionPolicy)) report(gap);
  }
  return violations;
}
