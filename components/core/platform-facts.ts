/**
 * What a fleet's platform stack tells its cell stacks, as its `platformFacts` output: the
 * cluster-wide pieces cells rely on but do not deploy. A cell stack reads them through a
 * StackReference, where its own policy packs find them.
 */
export interface PlatformFacts {
  /** The admission policy that holds every cell to its tier's priority class. */
  readonly admissionPolicy: string;
  /** Namespaces of the data sets, where cells' data credentials may also live. */
  readonly dataNamespaces: readonly string[];
}

export const PLATFORM_FACTS_OUTPUT = "platformFacts";
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
