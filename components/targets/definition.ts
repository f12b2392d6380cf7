import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { ConfigIssue, PathSegment } from "../config/errors";
import type { PlatformConfig } from "../config/types";
import type { RuleDef } from "../core/rule-contract";
import type { TargetCapacity } from "./capacity";
import type { CollectorFacts } from "./monitoring-checks";
import type { TrafficFacts } from "./traffic-facts";
import type { ManagedDataFacts } from "./managed-data-facts";
import type { ClusterTarget, NodePool, TargetArgs } from "./cluster-target";
import type { EdgeLimits, PlanContext, TargetPlan } from "./plan";

/** What a mocked resource reports back: its inputs plus what the cloud would compute. */
export type MockState = Record<string, unknown>;

/**
 * Stand-ins for the cloud, used by the offline synth and the unit tests. A state factory that
 * returns undefined means "this type is unknown": the synth then fails loudly.
 */
export interface TargetMocks {
  /** State factories by type-token prefix (a full token matches exactly that type). */
  readonly states: ReadonlyArray<
    readonly [prefix: string, state: (args: pulumi.runtime.MockResourceArgs) => MockState | undefined]
  >;
  /** Function calls (invokes) the target makes, by token. */
  readonly calls?: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>>;
  /** The physical id a resource gets, where the cloud's id format matters to the program. */
  id?(args: pulumi.runtime.MockResourceArgs): string | undefined;
}

/** Where the checks of one target report: its config path and its plan. */
export interface TargetCheckContext<Detail = unknown> {
  readonly plan: TargetPlan<Detail>;
  /** Path of the target's own config: ["target"] or ["targets", i, "cluster"]. */
  readonly at: readonly PathSegment[];
}

/**
 * Everything the kit knows about one kind of target, in one value. Config parsing, validation,
 * the program, the synth mocks and the security pack read these from the registry; nothing else
 * switches on a target's kind.
 */
export interface TargetDefinition<
  Config extends { readonly kind: string } = { readonly kind: string },
  Detail = unknown,
> {
  /** The `kind` value that selects this target in stack config. */
  readonly kind: Config["kind"];
  /** The target's config section; a strict object whose `kind` is a literal. */
  readonly schema: z.ZodType<Config> & { readonly shape: { readonly kind: z.ZodLiteral<Config["kind"]> } };
  /** Limits of the target's edge load balancers, known before anything is deployed. */
  edgeLimits(cluster: Config): EdgeLimits;
  /**
   * The kind's own pure plan (pools, names, environment-dependent settings), computed once at
   * validation and read by its checks and its builder as `plan.detail`.
   */
  plan?(cluster: Config, platform: PlatformConfig, context: PlanContext): Detail;
  /** Checks against the rest of the stack config (environment, tenants, edge) that the schema cannot see. */
  platformIssues?(cluster: Config, platform: PlatformConfig, context: TargetCheckContext<Detail>): ConfigIssue[];
  /**
   * The node pools the target runs cells on, known before anything is built, each with the
   * config path of its size: the stack validation checks that every cell fits its pool.
   */
  nodePools?(
    cluster: Config,
    platform: PlatformConfig,
    context: TargetCheckContext<Detail>,
  ): ReadonlyArray<{ readonly pool: NodePool; readonly path: readonly PathSegment[] }>;
  /**
   * What the target's pools are made of and cost (machine, node bounds, what a node offers pods,
   * price per node-hour) and its control plane's fee, for sizing cells from declared load and for
   * the capacity comparison. Kinds without it are sized in cores and memory only.
   */
  capacity?(cluster: Config, platform: PlatformConfig, context: TargetCheckContext<Detail>): TargetCapacity;
  /**
   * The target's metrics collector as known before anything is built: which alert receivers it
   * delivers to, and whether autoscalers can query it. Kinds without it cannot run the monitoring.
   */
  metrics?(cluster: Config, platform: PlatformConfig): CollectorFacts;
  /**
   * What the target's DNS service accepts when it publishes the stack's tenant hostnames
   * (`traffic.publisher`); its built target then offers the `dns` capability. Kinds without it
   * cannot publish global traffic.
   */
  globalTraffic?(cluster: Config): TrafficFacts;
  /**
   * The data services the target runs managed (`data.mode: managed`), known before anything is
   * built; its built target then offers the `data` capability for these kinds. Kinds without it
   * keep every data service in the cluster.
   */
  managedData?(cluster: Config, platform: Pick<PlatformConfig, "environment">): ManagedDataFacts;
  /** Builds the target's resources and returns the cluster the platform and cells are laid on. */
  build(name: string, args: TargetArgs<Config, Detail>, opts?: pulumi.ComponentResourceOptions): ClusterTarget;
  /**
   * The same cluster as `build` returns it, for a stack that deploys cells onto a target another
   * stack of the fleet built: it creates nothing of the target's own (no cluster, pool or key),
   * only what reaches it. Kinds without it are deployed as one stack.
   */
  attach?(name: string, args: TargetArgs<Config, Detail>, opts?: pulumi.ComponentResourceOptions): ClusterTarget;
  /** Stand-ins for the target's cloud resources in the offline synth and the unit tests. */
  readonly mocks?: TargetMocks;
  /** Config namespaces of the providers the target uses (`aws`, ...), which a stack file may set. */
  readonly configNamespaces?: readonly string[];
  /** The security pack's rules for the target's cloud resources. */
  readonly securityRules?: readonly RuleDef[];
}

/** Gives a definition its config type from its schema, so each target folder states it once. */
export function defineTarget<Config extends { readonly kind: string }, Detail = undefined>(
  definition: TargetDefinition<Config, Detail>,
): TargetDefinition<Config, Detail> {
  return definition;
}
