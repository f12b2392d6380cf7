import type { PlainResource, Props } from "./rule-contract";

/** Narrowing helpers: props arrive as untyped JSON, and a rule must never throw on odd shapes. */
export function record(value: unknown): Props | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Props) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(record(value) ?? {})) if (typeof item === "string") out[key] = item;
  return out;
}

/** "kubernetes:apps/v1:Deployment" -> "Deployment". */
export function kindOf(type: string): string {
  return type.split(":").pop() ?? type;
}

export function isKubernetes(type: string): boolean {
  return type.startsWith("kubernetes:");
}

export function metadataOf(props: Props): Props {
  return record(props["metadata"]) ?? {};
}

export function labelsOf(props: Props): Record<string, string> {
  return stringMap(metadataOf(props)["labels"]);
}

export function annotationsOf(props: Props): Record<string, string> {
  return stringMap(metadataOf(props)["annotations"]);
}

export function namespaceOf(props: Props): string | undefined {
  return text(metadataOf(props)["namespace"]);
}

export function objectNameOf(props: Props): string | undefined {
  return text(metadataOf(props)["name"]);
}

/** Resources grouped by namespace ("default" when unset), built once so stack rules stay linear. */
export function byNamespace(resources: readonly PlainResource[]): Map<string, PlainResource[]> {
  const groups = new Map<string, PlainResource[]>();
  for (const resource of resources) {
    const namespace = namespaceOf(resource.props) ?? "default";
    const group = groups.get(namespace);
    if (group) group.push(resource);
    else groups.set(namespace, [resource]);
  }
  return groups;
}

export function specOf(props: Props): Props {
  return record(props["spec"]) ?? {};
}

export const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"] as const;

export interface PodView {
  readonly spec: Props;
  /** Labels of the pod (template), which selectors match against. */
  readonly labels: Record<string, string>;
}

/** The pod a resource runs: a bare Pod, a workload's template, or a CronJob's job template. */
export function podOf(type: string, props: Props): PodView | undefined {
  if (!isKubernetes(type)) return undefined;
  const kind = kindOf(type);
  if (kind === "Pod") return { spec: specOf(props), labels: labelsOf(props) };
  let template: Props | undefined;
  if (kind === "CronJob") template = record(record(record(specOf(props)["jobTemplate"])?.["spec"])?.["template"]);
  else if ((WORKLOAD_KINDS as readonly string[]).includes(kind)) template = record(specOf(props)["template"]);
  if (!template) return undefined;
  return { spec: record(template["spec"]) ?? {}, labels: labelsOf(template) };
}

export interface ContainerView {
  readonly name: string;
  readonly field: "containers" | "initContainers" | "ephemeralContainers";
  readonly container: Props;
}

export function containersOf(podSpec: Props): ContainerView[] {
  const fields = ["containers", "initContainers", "ephemeralContainers"] as const;
  return fields.flatMap((field) =>
    list(podSpec[field]).map((item, index) => {
      const container = record(item) ?? {};
      return { field, container, name: text(container["name"]) ?? `${field}[${index}]` };
    }),
  );
}

/** Workloads and bare pods of a resource list, with their namespace. */
export function podsIn(
  resources: readonly PlainResource[],
): Array<{ resource: PlainResource; pod: PodView; namespace: string | undefined }> {
  return resources.flatMap((resource) => {
    const pod = podOf(resource.type, resource.props);
    return pod ? [{ resource, pod, namespace: namespaceOf(resource.props) }] : [];
  });
}

export function ofKind(resources: readonly PlainResource[], kind: string): PlainResource[] {
  return resources.filter((resource) => isKubernetes(resource.type) && kindOf(resource.type) === kind);
}
