import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config/types";
import type { AddOn } from "../core/addons";
import type { ClusterTarget } from "../targets/cluster-target";
import type { CellContext } from "./cell-context";

/** What a cluster-wide add-on is deployed with on one target. */
export interface PlatformAddOnContext {
  /** The platform's resource name: the prefix of the add-on's own, so they stay unique across targets. */
  readonly name: string;
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
  /** The platform's system namespace, where cluster-wide pieces run. */
  readonly systemNamespace: k8s.core.v1.Namespace;
  /** Options for the add-on's resources: parented to the platform, through the target's provider. */
  readonly opts: pulumi.CustomResourceOptions;
}

/** What an add-on's per-cell part is deployed with, inside one cell. */
export interface CellAddOnContext {
  /** The cell's resource name: the prefix of the part's own. */
  readonly name: string;
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
  readonly cell: CellContext;
  /** Options for the part's resources: parented to the cell, after its namespace. */
  readonly opts: pulumi.CustomResourceOptions;
}

/**
 * A cluster-wide piece of the platform (an operator, a collector, a data tier) with an optional
 * part in every cell. A new add-on is a new folder under `components/addons/` and one entry in
 * its registry; Platform and TenantCell stay closed.
 */
export interface PlatformAddOn extends AddOn<PlatformAddOnContext> {
  /** Whether the stack wants this add-on on this target. @default always */
  enabled?(config: PlatformConfig, target: ClusterTarget): boolean;
  /** The add-on's part inside one cell; `clusterParts` are its cluster-wide resources on the same target. */
  forCell?(context: CellAddOnContext, clusterParts: readonly pulumi.Resource[]): readonly pulumi.Resource[];
}

/** An add-on deployed on one target: its definition and its cluster-wide resources. */
export interface DeployedAddOn {
  readonly addOn: PlatformAddOn;
  readonly resources: readonly pulumi.Resource[];
}
