import type { DataConfig } from "../../config/data-schema";
import type { DataKind } from "../../core/data-kinds";
import type { ManagedDataKind } from "../../targets/capabilities";

/** The data services a data set runs for all its cells; Redis is per cell. */
export function dataBindingKinds(): Array<Exclude<DataKind, "redis">> {
  return ["mongodb", "kafka", "objectStore", "etcd"];
}

/** What the target runs managed for a stack: with `mode: managed`, what it offers less what stays in the cluster. */
export function managedKinds(data: DataConfig, offered: readonly ManagedDataKind[]): ManagedDataKind[] {
  if (data.mode !== "managed") return [];
  return offered.filter((kind) => !data.managed.keepInCluster.includes(kind));
}

/** The shared services the kit runs in a data set's namespace: none with external data, the unmanaged rest otherwise. */
export function inClusterKinds(
  data: DataConfig,
  managed: readonly ManagedDataKind[],
): Array<Exclude<DataKind, "redis">> {
  if (data.mode === "external") return [];
  return dataBindingKinds().filter((kind) => !(managed as readonly string[]).includes(kind));
}
