import type { ManagedDataKind } from "../../capabilities";
import type { ManagedDataFacts } from "../../managed-data-facts";

/**
 * What GCP runs managed: Memorystore for Redis, Managed Service for Apache Kafka and Cloud
 * Storage. MongoDB is not among them: Google has no first-party MongoDB, so it stays in the
 * cluster. No per-topic partition ceiling is documented for Managed Kafka, so none is declared.
 */
export const GCP_MANAGED_KINDS: readonly ManagedDataKind[] = ["redis", "kafka", "objectStore"];

export function gcpManagedData(): ManagedDataFacts {
  return { kinds: GCP_MANAGED_KINDS };
}
