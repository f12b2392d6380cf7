import type { ConfigIssue, PathSegment } from "../config/errors";
import { issueAt } from "../config/issues";
import type { PlatformConfig } from "../config/types";
import { KAFKA_PARTITIONS } from "../core/data-kinds";
import type { ManagedDataKind } from "../targets/capabilities";
import type { ManagedDataFacts } from "../targets/managed-data-facts";

/**
 * `data.mode: managed` on one target: the target must run managed data at all, and its Kafka
 * must take the partitions every cell topic is created with (the consumers' replica ceiling).
 */
export function managedDataIssues(
  platform: Pick<PlatformConfig, "data">,
  facts: ManagedDataFacts | undefined,
  target: { readonly name: string; readonly kind: string },
  at: readonly PathSegment[],
): ConfigIssue[] {
  const { data } = platform;
  if (data.mode !== "managed") return [];
  if (!facts || facts.kinds.length === 0) {
    return [
      issueAt(
        ["data", "mode"],
        "managed",
        `needs managed data services, and target "${target.name}" (kind ${target.kind}) runs none; use data.mode: inCluster (the kit runs them) or external (services you run)`,
      ),
    ];
  }
  const kafkaManaged = facts.kinds.includes("kafka") && !data.managed.keepInCluster.includes("kafka");
  if (kafkaManaged && facts.maxPartitions !== undefined && facts.maxPartitions < KAFKA_PARTITIONS) {
    return [
      issueAt(
        [...at, "data", "kafka"],
        facts.maxPartitions,
        `takes at most ${facts.maxPartitions} partitions per topic, and each cell topic needs ${KAFKA_PARTITIONS}; choose a tier that takes ${KAFKA_PARTITIONS}, or keep Kafka in the cluster (data.managed.keepInCluster: [kafka])`,
      ),
    ];
  }
  return [];
}

/** A fleet's cell stacks only attach to targets another stack built, so they cannot create or read a data set's managed services. */
export function fleetManagedDataIssues(platform: Pick<PlatformConfig, "data">, inFleet: boolean): ConfigIssue[] {
  if (!inFleet || platform.data.mode !== "managed") return [];
  return [
    issueAt(
      ["data", "mode"],
      "managed",
      "is not available to a fleet of stacks yet: a cell stack attaches to its target and cannot reach the managed services the platform stack would create; use data.mode: inCluster, or external with the managed services' endpoints",
    ),
  ];
}

/**
 * Where cells of one pooled data set would share a managed service that cannot keep them apart by
 * credential: a warning naming the cells, the service's reason and the two ways out.
 */
export function sharedAccessWarnings(
  platform: Pick<PlatformConfig, "data" | "tenants">,
  facts: ManagedDataFacts | undefined,
  cells: readonly { readonly cell: string; readonly dataSet: string }[],
): ConfigIssue[] {
  if (platform.data.mode !== "managed" || !facts?.sharedAccess) return [];
  const bySet = new Map<string, string[]>();
  for (const cell of cells) bySet.set(cell.dataSet, [...(bySet.get(cell.dataSet) ?? []), cell.cell]);
  const warnings: ConfigIssue[] = [];
  for (const [kind, reason] of Object.entries(facts.sharedAccess)) {
    const managed =
      facts.kinds.includes(kind as ManagedDataKind) &&
      !platform.data.managed.keepInCluster.includes(kind as ManagedDataKind);
    if (!managed || !reason) continue;
    for (const [dataSet, members] of bySet) {
      if (members.length < 2) continue;
      warnings.push(
        issueAt(
          ["data", "managed", "keepInCluster"],
          platform.data.managed.keepInCluster,
          `leaves ${kind} managed, and cells ${members.join(", ")} share data set ${dataSet}'s, where ${reason}: each could reach the others' ${kind} data; keep ${kind} in the cluster (keepInCluster: [${kind}]), where each cell has its own user, or give the tenants dedicatedData`,
        ),
      );
    }
  }
  return warnings;
}
