import { list, podsIn, record, stringMap, text } from "../k8s";
import { DEDICATED_TAINT_KEY, dedicatedPoolName, POOL_LABEL, SHARED_POOL } from "../labels";
import { at, type PlainResource, type Props, type StackViolation } from "../types";
import { scopeOf, tenantNamespaces } from "./scope";

/** Node-affinity terms, required and preferred, as lists of match expressions. */
function affinityExpressions(podSpec: Props): Props[] {
  const nodeAffinity = record(record(podSpec["affinity"])?.["nodeAffinity"]) ?? {};
  const required = list(record(nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"])?.["nodeSelectorTerms"]);
  const preferred = list(nodeAffinity["preferredDuringSchedulingIgnoredDuringExecution"]).map(
    (item) => record(item)?.["preference"],
  );
  return [...required, ...preferred].flatMap((term) =>
    list(record(term)?.["matchExpressions"]).map((e) => record(e) ?? {}),
  );
}

/** Messages for one pod spec given the tenant it belongs to. */
export function placementViolations(podSpec: Props, tenant: string): string[] {
  const allowed = [SHARED_POOL, dedicatedPoolName(tenant)];
  const messages: string[] = [];
  const selected = stringMap(podSpec["nodeSelector"])[POOL_LABEL];
  if (selected !== undefined && !allowed.includes(selected)) {
    messages.push(`nodeSelector ${POOL_LABEL}=${selected}; allowed pools: ${allowed.join(", ")}`);
  }
  for (const expression of affinityExpressions(podSpec)) {
    if (text(expression["key"]) !== POOL_LABEL) continue;
    const operator = text(expression["operator"]);
    const values = list(expression["values"]).map(String);
    const outside = values.filter((value) => !allowed.includes(value));
    if (operator !== "In" || outside.length > 0) {
      messages.push(
        `node affinity ${POOL_LABEL} ${operator ?? "?"} [${values.join(", ")}] reaches beyond allowed pools ${allowed.join(", ")}`,
      );
    }
  }
  for (const item of list(podSpec["tolerations"])) {
    const toleration = record(item) ?? {};
    const key = text(toleration["key"]);
    const operator = text(toleration["operator"]) ?? "Equal";
    // An Exists toleration without a key tolerates every taint, the dedicated one included.
    if (key === undefined && operator === "Exists") {
      messages.push("toleration with operator Exists and no key tolerates every dedicated pool");
    } else if (key === DEDICATED_TAINT_KEY && (operator !== "Equal" || text(toleration["value"]) !== tenant)) {
      messages.push(
        `toleration ${DEDICATED_TAINT_KEY} ${operator} ${text(toleration["value"]) ?? ""} does not match own tenant "${tenant}"`,
      );
    }
  }
  return messages;
}

/** IMT008: tenant pods land only on the shared pool or their own dedicated one. */
export function checkNodePlacement(resources: readonly PlainResource[]): StackViolation[] {
  const namespaces = tenantNamespaces(resources);
  return podsIn(resources).flatMap(({ resource, pod }) => {
    const scope = scopeOf(resource.props, namespaces, pod.labels);
    return scope ? placementViolations(pod.spec, scope.tenant).map((message) => ({ ...at(resource), message })) : [];
  });
}
