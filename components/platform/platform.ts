import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config/types";
import {
  commonLabels,
  DATA_PRIORITY_CLASS,
  labelKeys,
  priorityClassName,
  restrictedPodSecurityLabels,
  SYSTEM_NAMESPACE,
  type Tier,
} from "../core/labels";
import { platformAddOns } from "../addons/registry";
import { deployAddOns, orderAddOns } from "../core/addons";
import type { ClusterTarget } from "../targets/cluster-target";
import type { DeployedAddOn } from "./addon";
import type { EdgeTimings } from "../core/edge-timing";
import { cellPriorityPolicy } from "./cell-priority-policy";

/** What cells need of the platform on one target, whether this stack deployed it or another did. */
export interface PlatformHandle {
  /** What a cell's objects wait for (the system namespace, priority classes, admission policy). */
  readonly cellPrerequisites: readonly pulumi.Resource[];
  /** The add-ons on this target, in dependency order; each one's per-cell part goes into every cell. */
  readonly addOns: readonly DeployedAddOn[];
}

/** The add-ons the stack wants on a target, in the order they are deployed. */
function enabledAddOns(config: PlatformConfig, target: ClusterTarget) {
  return platformAddOns().filter((addOn) => addOn.enabled?.(config, target) ?? true);
}

/**
 * The platform as a cell stack of a fleet sees it: deployed by the fleet's platform stack, which
 * runs first, so a cell waits for nothing of it here and lays only the add-ons' per-cell parts.
 */
export function platformDeployedElsewhere(config: PlatformConfig, target: ClusterTarget): PlatformHandle {
  return {
    cellPrerequisites: [],
    addOns: orderAddOns(enabledAddOns(config, target)).map((addOn) => ({ addOn, resources: [] })),
  };
}

export interface PlatformArgs {
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
}

/**
 * VIP pods may preempt shared ones when the cluster is full; shared pods never preempt anyone,
 * so a burst in the pool cannot evict a VIP cell.
 */
export const TIER_PRIORITIES: Readonly<Record<Tier, { value: number; preemptionPolicy: string; description: string }>> =
  {
    vip: {
      value: 1_000_000,
      preemptionPolicy: "PreemptLowerPriority",
      description: "IM cells of VIP tenants: guaranteed capacity, may preempt shared pods.",
    },
    shared: {
      value: 100_000,
      preemptionPolicy: "Never",
      description: "The pooled IM cell of shared tenants: never preempts other pods.",
    },
  };

/** The data tier outranks every cell: a VIP's preemption takes shared cells' pods, never the data they all use. */
export const DATA_PRIORITY = {
  value: 2_000_000,
  preemptionPolicy: "PreemptLowerPriority",
  description:
    "The data tier the cells share (databases, brokers, object store, each cell's Redis): never preempted by a cell.",
} as const;

/**
 * Cluster-wide pieces of the IM platform on one target: the system namespace, a PriorityClass
 * per tier and the data tier's, the admission policy that holds each cell to its tier's class,
 * and the edge timings every cell's gateway follows.
 */
export class Platform extends pulumi.ComponentResource implements PlatformHandle {
  readonly systemNamespace: k8s.core.v1.Namespace;
  readonly priorityClasses: Readonly<Record<Tier, k8s.scheduling.v1.PriorityClass>>;
  /** What admits a cell's pods: the priority classes and the policy that holds each cell to its tier's. */
  readonly cellAdmission: readonly pulumi.Resource[];
  readonly cellPrerequisites: readonly pulumi.Resource[];
  readonly timings: EdgeTimings;
  /** The add-ons on this target, in dependency order, with their cluster-wide resources. */
  readonly addOns: readonly DeployedAddOn[];

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:platform:Platform", name, {}, opts);
    const childOpts = { parent: this, dependsOn: args.target.readiness };
    this.timings = args.target.plan.edge;

    this.systemNamespace = new k8s.core.v1.Namespace(
      `${name}-system`,
      {
        metadata: {
          name: SYSTEM_NAMESPACE,
          labels: commonLabels({
            ...restrictedPodSecurityLabels(),
            [labelKeys.system]: "true",
            [labelKeys.environment]: args.config.environment,
          }),
        },
      },
      childOpts,
    );

    const classes = {} as Record<Tier, k8s.scheduling.v1.PriorityClass>;
    for (const tier of Object.keys(TIER_PRIORITIES) as Tier[]) {
      const priority = TIER_PRIORITIES[tier];
      classes[tier] = new k8s.scheduling.v1.PriorityClass(
        `${name}-priority-${tier}`,
        {
          metadata: { name: priorityClassName(tier), labels: commonLabels({ [labelKeys.tier]: tier }) },
          value: priority.value,
          preemptionPolicy: priority.preemptionPolicy,
          globalDefault: false,
          description: priority.description,
        },
        childOpts,
      );
    }
    this.priorityClasses = classes;
    const dataPriority = new k8s.scheduling.v1.PriorityClass(
      `${name}-priority-data`,
      {
        metadata: { name: DATA_PRIORITY_CLASS, labels: commonLabels() },
        value: DATA_PRIORITY.value,
        preemptionPolicy: DATA_PRIORITY.preemptionPolicy,
        globalDefault: false,
        description: DATA_PRIORITY.description,
      },
      childOpts,
    );

    this.cellAdmission = [...Object.values(classes), dataPriority, ...cellPriorityPolicy(name, childOpts)];

    this.cellPrerequisites = [this.systemNamespace, ...this.cellAdmission];
    const enabled = enabledAddOns(args.config, args.target);
    const addOnOpts = { ...childOpts, dependsOn: [...args.target.readiness, this.systemNamespace, dataPriority] };
    this.addOns = deployAddOns(enabled, {
      name,
      config: args.config,
      target: args.target,
      systemNamespace: this.systemNamespace,
      opts: addOnOpts,
    });
    this.registerOutputs({
      systemNamespace: SYSTEM_NAMESPACE,
      timings: this.timings,
      addOns: this.addOns.map(({ addOn }) => addOn.name),
    });
  }
}
