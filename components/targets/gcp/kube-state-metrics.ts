import type { RuleGroup } from "../../core/prometheus-rules";

/**
 * The metrics of GKE's managed kube state metrics packages the cluster enables
 * (`KUBE_STATE_METRICS_COMPONENTS`), as GKE's "Collect and view kube state metrics" lists them:
 * storage, Pods, Deployments, StatefulSets, DaemonSets and HorizontalPodAutoscalers. Their
 * `namespace` label is the object's namespace. Nothing of Nodes, ResourceQuotas or
 * PodDisruptionBudgets.
 */
export const GKE_KUBE_STATE_METRICS: ReadonlySet<string> = new Set([
  "kube_persistentvolume_capacity_bytes",
  "kube_persistentvolume_claim_ref",
  "kube_persistentvolume_info",
  "kube_persistentvolume_status_phase",
  "kube_persistentvolumeclaim_info",
  "kube_persistentvolumeclaim_resource_requests_storage_bytes",
  "kube_persistentvolumeclaim_status_phase",
  "kube_pod_container_status_ready",
  "kube_pod_container_status_waiting_reason",
  "kube_pod_status_phase",
  "kube_pod_status_unschedulable",
  "kube_deployment_spec_replicas",
  "kube_deployment_status_replicas_available",
  "kube_deployment_status_replicas_updated",
  "kube_statefulset_replicas",
  "kube_statefulset_status_replicas_ready",
  "kube_statefulset_status_replicas_updated",
  "kube_daemonset_status_desired_number_scheduled",
  "kube_daemonset_status_number_misscheduled",
  "kube_daemonset_status_number_ready",
  "kube_daemonset_status_updated_number_scheduled",
  "kube_horizontalpodautoscaler_spec_max_replicas",
  "kube_horizontalpodautoscaler_spec_min_replicas",
  "kube_horizontalpodautoscaler_spec_target_metric",
  "kube_horizontalpodautoscaler_status_condition",
  "kube_horizontalpodautoscaler_status_current_replicas",
  "kube_horizontalpodautoscaler_status_desired_replicas",
]);

/** The rules that read a kube state metric GKE's packages do not export, each with those metrics. */
export function rulesWithoutGkeMetrics(
  groups: readonly RuleGroup[],
): Array<{ readonly rule: string; readonly metrics: readonly string[] }> {
  const found = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const rule of group.rules) {
      const missing = (rule.expr.match(/\bkube_[a-z_]+/g) ?? []).filter((name) => !GKE_KUBE_STATE_METRICS.has(name));
      if (missing.length === 0) continue;
      const name = "alert" in rule ? rule.alert : rule.record;
      const metrics = found.get(name) ?? new Set<string>();
      for (const metric of missing) metrics.add(metric);
      found.set(name, metrics);
    }
  }
  return [...found].map(([rule, metrics]) => ({ rule, metrics: [...metrics].sort() }));
}
