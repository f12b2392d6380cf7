import { rawConfigFrom } from "../../components/stack/load";
import { readStackConfig, stackFilePath, type StackConfig } from "../../scripts/synth/stack-file";
import { withOfflineSeed, type SynthResource } from "../../scripts/synth/synthesize";

/** A sample stack's `im-platform:` keys as plain values, for tests to vary; a seed stands in where it has none. */
export function sampleRawConfig(stack: string): Record<string, unknown> {
  return rawConfigFrom(withOfflineSeed(readStackConfig(stackFilePath(stack))).values);
}

/**
 * A sample stack with managed data moved back into the cluster: the baseline of tests that read a
 * target or a fleet without the cloud's data services (or that switch to managed data themselves).
 */
export function sampleWithDataInCluster(stack: string): Record<string, any> {
  const raw = deepClone(sampleRawConfig(stack)) as Record<string, any>;
  if (raw.data?.mode !== "managed") return raw;
  const { managed: _managed, ...data } = raw.data as Record<string, unknown>;
  return { ...raw, data: { ...data, mode: "inCluster" } };
}

export function localRawConfig(): Record<string, unknown> {
  return sampleRawConfig("local");
}

/** Turns plain values back into the text form the engine hands a program. */
export function toStackConfig(raw: Record<string, unknown>): StackConfig {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw))
    values[`im-platform:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  return { values, secretKeys: [] };
}

export function deepClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

interface Metadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function meta(resource: SynthResource): Metadata {
  return (resource.inputs.metadata ?? {}) as Metadata;
}

export function ofType(resources: readonly SynthResource[], type: string, namespace?: string): SynthResource[] {
  return resources.filter(
    (r) =>
      r.type === type &&
      (namespace === undefined ||
        meta(r).namespace === namespace ||
        (type.endsWith(":Namespace") && meta(r).name === namespace)),
  );
}

export const T = {
  namespace: "kubernetes:core/v1:Namespace",
  quota: "kubernetes:core/v1:ResourceQuota",
  limitRange: "kubernetes:core/v1:LimitRange",
  netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  service: "kubernetes:core/v1:Service",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  scaledObject: "kubernetes:keda.sh/v1alpha1:ScaledObject",
  priorityClass: "kubernetes:scheduling.k8s.io/v1:PriorityClass",
  configMap: "kubernetes:core/v1:ConfigMap",
} as const;
