import type { ManagedDataKind } from "./capabilities";

/** What a target's managed data services accept, known before anything is built. */
export interface ManagedDataFacts {
  /** The kinds it runs managed; the others stay in the cluster. */
  readonly kinds: readonly ManagedDataKind[];
  /** Its managed Redis speaks TLS only: each cell reaches it through the kit's TLS proxy. */
  readonly redisTlsOnly?: boolean;
  /** The most partitions its Kafka service gives one topic, where it has a limit. */
  readonly maxPartitions?: number;
  /**
   * Kinds whose service cannot hold one cell's credential to that cell's own data when cells share
   * an instance (a pooled data set), each with why: validation says so for stacks that pool cells.
   */
  readonly sharedAccess?: Readonly<Partial<Record<ManagedDataKind, string>>>;
}
