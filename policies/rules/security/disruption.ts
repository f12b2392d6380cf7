import { kindOf, namespaceOf, objectNameOf, ofKind, podOf, record, specOf, text } from "../k8s";
import { selectorMatches } from "../selectors";
import { at, type PlainResource, type StackViolation } from "../types";

const REPLICATED_KINDS = ["Deployment", "StatefulSet"];

/** Highest replica count an HPA or KEDA ScaledObject can drive the named workload to. */
function autoscaledMax(resources: readonly PlainResource[], namespace: string, kind: string, name: string): number {
  let max = 0;
  for (const scaler of resources) {
    const scalerKind = kindOf(scaler.type) === "CustomResource" ? text(scaler.props["kind"]) : kindOf(scaler.type);
    if (scalerKind !== "HorizontalPodAutoscaler" && scalerKind !== "ScaledObject") continue;
    if ((namespaceOf(scaler.props) ?? "default") !== namespace) continue;
    const spec = specOf(scaler.props);
    const target = record(spec["scaleTargetRef"]) ?? {};
    if (text(target["name"]) !== name || (text(target["kind"]) ?? "Deployment") !== kind) continue;
    const value = scalerKind === "ScaledObject" ? spec["maxReplicaCount"] ?? 100 : spec["maxReplicas"];
    if (typeof value === "number") max = Math.max(max, value);
  }
  return max;
}

/** IMS012: a workload that runs more than one pod has a PodDisruptionBudget selecting its pods. */
export function checkDisruptionBudgets(resources: readonly PlainResource[]): StackViolation[] {
  const budgets = ofKind(resources, "PodDisruptionBudget");
  const violations: StackViolation[] = [];
  for (const workload of resources.filter((r) => r.type.startsWith("kubernetes:") && REPLICATED_KINDS.includes(kindOf(r.type)))) {
    const namespace = namespaceOf(workload.props) ?? "default";
    const name = objectNameOf(workload.props) ?? workload.name;
    const kind = kindOf(workload.type);
    const replicas = specOf(workload.props)["replicas"];
    const most = Math.max(typeof replicas === "number" ? replicas : 1, autoscaledMax(resources, namespace, kind, name));
    if (most <= 1) continue;
    const labels = podOf(workload.type, workload.props)?.labels ?? {};
    const covered = budgets.some((pdb) => (namespaceOf(pdb.props) ?? "default") === namespace && selectorMatches(specOf(pdb.props)["selector"], labels));
    if (!covered) {
      violations.push({ ...at(workload), message: `${kind} "${namespace}/${name}" can run ${most} replicas but no PodDisruptionBudget selects its pods` });
    }
  }
  return violations;
}
