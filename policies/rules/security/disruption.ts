import { byNamespace, kindOf, namespaceOf, objectNameOf, ofKind, podOf, record, specOf, text } from "../k8s";
import { selectorMatches } from "../selectors";
import { at, type PlainResource, type StackViolation } from "../types";

const REPLICATED_KINDS = ["Deployment", "StatefulSet"];

/** Highest replica count an HPA or KEDA ScaledObject can drive each workload to, by namespace/kind/name. */
function autoscaledMaxima(resources: readonly PlainResource[]): Map<string, number> {
  const maxima = new Map<string, number>();
  for (const scaler of resources) {
    const scalerKind = kindOf(scaler.type) === "CustomResource" ? text(scaler.props["kind"]) : kindOf(scaler.type);
    if (scalerKind !== "HorizontalPodAutoscaler" && scalerKind !== "ScaledObject") continue;
    const spec = specOf(scaler.props);
    const target = record(spec["scaleTargetRef"]) ?? {};
    const key = workloadKey(
      namespaceOf(scaler.props) ?? "default",
      text(target["kind"]) ?? "Deployment",
      text(target["name"]) ?? "",
    );
    const value = scalerKind === "ScaledObject" ? (spec["maxReplicaCount"] ?? 100) : spec["maxReplicas"];
    if (typeof value === "number") maxima.set(key, Math.max(maxima.get(key) ?? 0, value));
  }
  return maxima;
}

function workloadKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** IMS012: a workload that runs more than one pod has a PodDisruptionBudget selecting its pods. */
export function checkDisruptionBudgets(resources: readonly PlainResource[]): StackViolation[] {
  const budgetsByNamespace = byNamespace(ofKind(resources, "PodDisruptionBudget"));
  const maxima = autoscaledMaxima(resources);
  const violations: StackViolation[] = [];
  for (const workload of resources.filter(
    (r) => r.type.startsWith("kubernetes:") && REPLICATED_KINDS.includes(kindOf(r.type)),
  )) {
    const namespace = namespaceOf(workload.props) ?? "default";
    const name = objectNameOf(workload.props) ?? workload.name;
    const kind = kindOf(workload.type);
    const replicas = specOf(workload.props)["replicas"];
    const most = Math.max(
      typeof replicas === "number" ? replicas : 1,
      maxima.get(workloadKey(namespace, kind, name)) ?? 0,
    );
    if (most <= 1) continue;
    const labels = podOf(workload.type, workload.props)?.labels ?? {};
    const covered = (budgetsByNamespace.get(namespace) ?? []).some((pdb) =>
      selectorMatches(specOf(pdb.props)["selector"], labels),
    );
    if (!covered) {
      violations.push({
        ...at(workload),
        message: `${kind} "${namespace}/${name}" can run ${most} replicas but no PodDisruptionBudget selects its pods`,
      });
    }
  }
  return violations;
}
