import type { DataKind } from "../../core/data-kinds";

/** The data services a data set runs for all its cells; Redis is per cell. */
export function dataBindingKinds(): Array<Exclude<DataKind, "redis">> {
  return ["mongodb", "kafka", "objectStore", "etcd"];
}
