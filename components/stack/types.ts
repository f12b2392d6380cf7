import type { PlatformConfig } from "../config/types";
import type { TargetPlan } from "../targets/plan";
import type { NamedTargetConfig } from "../targets/registry";
import type { FleetMember } from "./fleet-member";
import type { Layout } from "./layout";
import type { Placement } from "./placement";

/** A configured target with the plan the kit computed for it once, at validation. */
export interface PlannedTarget extends NamedTargetConfig {
  readonly plan: TargetPlan;
}

/** The whole validated stack: the platform config and every target it runs on. */
export interface StackConfig extends PlatformConfig {
  /** One entry for a single-cluster stack, several for a hybrid one. */
  readonly targets: readonly PlannedTarget[];
  /** Where each tenant runs: its home target and optional standby. */
  readonly placement: Placement;
  /** Whether the file is deployed as one stack or as a fleet of stacks. */
  readonly layout: Layout;
  /** The part of a fleet this stack deploys; absent, it deploys everything. */
  readonly fleetMember?: FleetMember;
}
