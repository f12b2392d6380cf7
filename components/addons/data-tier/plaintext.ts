import type { CatalogueDefinition } from "../../catalogue/definition";
import type { DataConfig } from "../../config/data-schema";
import type { CellBindings } from "../../core/bindings";
import type { DataKind } from "../../core/data-kinds";

const IN_CLUSTER =
  "in-cluster service without TLS: its traffic stays on the cluster network, and NetworkPolicies admit the bound cells only";

/** Each of the cell's bindings that runs without TLS, with the reason it is accepted. */
export function plaintextBindings(
  catalogue: CatalogueDefinition,
  data: DataConfig,
  bindings: CellBindings,
  managedReasons: Readonly<Partial<Record<DataKind, string>>> = {},
): Partial<Record<DataKind, string>> {
  const external = data.mode === "external" ? data.external : {};
  const tls: Record<DataKind, boolean> = {
    mongodb: bindings.mongodb.tls,
    redis: false,
    kafka: bindings.kafka.tls,
    objectStore: bindings.objectStore.useTls,
    etcd: false,
  };
  const found: Partial<Record<DataKind, string>> = {};
  for (const kind of catalogue.dataNeeds) {
    if (tls[kind]) continue;
    const service = kind === "redis" ? undefined : external[kind];
    const managed = bindings.managed.includes(kind) ? managedReasons[kind] : undefined;
    found[kind] = service?.plaintextReason ?? managed ?? catalogue.plaintextOnly?.[kind] ?? IN_CLUSTER;
  }
  return found;
}
