import { dataImagePlacement } from "./data-images";
import { fleetManagedDataIssues, managedDataIssues, sharedAccessWarnings } from "./managed-data-checks";
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { completePlatformConfig, parsePlatformSections, PLATFORM_SECTIONS } from "../config/validate";
import { configPath, unknownKeyMessage, type ConfigIssue, type PathSegment } from "../config/errors";
import { withoutForbiddenKeys } from "../config/forbidden-keys";
import { fromZodIssue, issueAt } from "../config/issues";
import type { EdgeConfig } from "../config/types";
import { HEARTBEAT_MARGIN_SECONDS, planEdgeTimings, type EdgeTimings } from "../core/edge-timing";
import { planTarget, type EdgeLimits } from "../targets/plan";
import { collectorIssues } from "../targets/monitoring-checks";
import {
  definitionFor,
  namedTargetSchema,
  targetSchema,
  type NamedTargetConfig,
  type TargetConfig,
} from "../targets/registry";
import { cellLayouts } from "../config/cells";
import { poolFitIssues } from "../tenancy/pool-fit";
import { poolSizingFindings } from "../tenancy/pool-sizing";
import { FLEET_MEMBER_KEY, fleetMemberSchema, type FleetMember } from "./fleet-member";
import { LAYOUT_KEY, layoutSchema } from "./layout";
import { namespaceIssues } from "./namespaces";
import { configOnTarget, placeTenants } from "./placement";
import { trafficIssues } from "./traffic-checks";
import { perTargetAlertingIssues } from "./alerting-checks";
import { standbyConsumerWarnings } from "./standby-checks";
import type { PlannedTarget, StackConfig } from "./types";

/**
 * A valid config, or every problem found. Either way `warnings` lists the risky but allowed
 * findings (shortfalls against declared load), for the program to log on every run.
 */
export type ValidationResult = (
  { readonly ok: true; readonly config: StackConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] }
) & { readonly warnings: readonly ConfigIssue[] };

const TARGET_KEYS = ["target", "targets"] as const;
const STACK_KEYS = [...TARGET_KEYS, LAYOUT_KEY, FLEET_MEMBER_KEY] as const;

/** What the caller knows beyond the `im-platform:` keys. */
export interface ValidationOptions {
  /**
   * Every fully qualified key of the stack's config (`namespace:key`), so keys under a misspelt
   * namespace are refused rather than silently dropped. @default not checked
   */
  readonly configKeys?: readonly string[];
  /** The stack whose name cloud resources are named after. @default the fleet's, else the running stack's */
  readonly stack?: string;
}

/**
 * Validates the `im-platform:` config keys (without the namespace) into a StackConfig: the
 * platform's sections, the targets from the registry, then the checks across both. Every check
 * whose inputs parsed runs, so every problem is reported at once.
 */
export function validateStackConfig(
  input: Readonly<Record<string, unknown>>,
  options: ValidationOptions = {},
): ValidationResult {
  const { clean: raw, issues } = withoutForbiddenKeys(input);
  if (options.configKeys) issues.unshift(...namespaceIssues(options.configKeys));
  const [first, ...rest] = Object.keys(PLATFORM_SECTIONS);
  const allowed = [first ?? "environment", ...STACK_KEYS, ...rest];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) issues.push({ path: configPath([key]), message: unknownKeyMessage(key, allowed) });
  }

  const platform = parsePlatformSections(raw);
  issues.push(...platform.issues);
  const targets = parseTargets(raw, issues);
  const layout = parseSection(layoutSchema, LAYOUT_KEY, raw[LAYOUT_KEY], issues);
  const fleetMember =
    raw[FLEET_MEMBER_KEY] === undefined
      ? undefined
      : parseSection(fleetMemberSchema, FLEET_MEMBER_KEY, raw[FLEET_MEMBER_KEY], issues);
  const edge = platform.sections.edge;
  const edgePlans = edge && targets ? targets.map((target) => edgePlanOf(edge, target)) : undefined;
  if (edge && targets && edgePlans) issues.push(...checkEdgeAgainstTargets(edge, targets, edgePlans));
  const { data, environment } = platform.sections;
  const completed = completePlatformConfig(
    platform,
    targets && data && environment ? dataImagePlacement(targets, data, environment) : undefined,
  );
  issues.push(...completed.issues);
  const warnings = [...completed.warnings];
  const platformConfig = completed.config;
  if (!platformConfig || !targets || !edgePlans || !layout) return { ok: false, issues, warnings };

  const { placement, issues: placementIssues } = placeTenants(
    platformConfig.tenants,
    targets,
    platformConfig.data.mode,
  );
  issues.push(...placementIssues);
  warnings.push(...standbyConsumerWarnings(platformConfig));
  // Each target is planned and checked with the tenants placed on it only.
  const onTarget = targets.map((target) => configOnTarget(platformConfig, placement, target.name));
  const planned = targets.map((target, index): PlannedTarget => {
    const { limits, timings } = edgePlans[index]!;
    const here = onTarget[index]!;
    // A fleet's stacks all name their cloud resources after the fleet, so each sees the same plan.
    const context = { name: target.name, stack: fleetMember?.fleet ?? options.stack ?? pulumi.getStack() };
    const detail = definitionFor(target.cluster).plan?.(target.cluster, here, context);
    const identity = { name: target.name, weight: target.weight, kind: target.cluster.kind };
    return { ...target, plan: planTarget(identity, here, limits, timings, detail) };
  });
  const config: StackConfig = {
    ...platformConfig,
    targets: planned,
    placement,
    layout,
    ...(fleetMember ? { fleetMember } : {}),
  };
  if (fleetMember) issues.push(...fleetMemberIssues(fleetMember, config));
  issues.push(...fleetManagedDataIssues(config, fleetMember !== undefined));
  issues.push(...trafficIssues(config.traffic, planned, config.tenants, placement));
  issues.push(
    ...perTargetAlertingIssues(
      config,
      planned.map((target) => target.name),
    ),
  );
  // A target's fit with the tenants it runs, the edge and the environment: checks that need the whole config.
  planned.forEach((target, index) => {
    const at: PathSegment[] = raw.target !== undefined ? ["target"] : ["targets", index, "cluster"];
    const definition = definitionFor(target.cluster);
    const context = { plan: target.plan, at };
    const here = onTarget[index]!;
    issues.push(...(definition.platformIssues?.(target.cluster, here, context) ?? []));
    issues.push(...collectorIssues(here, definition.metrics?.(target.cluster, here), target.cluster.kind, at));
    const dataFacts = definition.managedData?.(target.cluster, here);
    warnings.push(...sharedAccessWarnings(here, dataFacts, cellLayouts(here)));
    issues.push(...managedDataIssues(here, dataFacts, { name: target.name, kind: target.cluster.kind }, at));
    issues.push(...poolFitIssues(here, definition.nodePools?.(target.cluster, here, context) ?? []));
    const pools = definition.capacity?.(target.cluster, here, context).pools ?? [];
    const shortfalls = poolSizingFindings(here, pools);
    (config.tenancy.sizing.shortfalls === "error" ? issues : warnings).push(...shortfalls);
  });
  return issues.length > 0 ? { ok: false, issues, warnings } : { ok: true, config, warnings };
}

function parseSection<T>(schema: z.ZodType<T>, key: string, value: unknown, issues: ConfigIssue[]): T | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  issues.push(...result.error.issues.flatMap((issue) => fromZodIssue([key], issue)));
  return undefined;
}

/** The stack's targets as parsed, or undefined where they do not validate (for tools that read a stack in part). */
export function targetsOf(raw: Readonly<Record<string, unknown>>): NamedTargetConfig[] | undefined {
  return parseTargets(raw, []);
}

function parseTargets(raw: Readonly<Record<string, unknown>>, issues: ConfigIssue[]): NamedTargetConfig[] | undefined {
  const single =
    raw.target === undefined ? undefined : parseSection<TargetConfig>(targetSchema(), "target", raw.target, issues);
  const hybrid =
    raw.targets === undefined ? undefined : parseSection(namedTargetListSchema(), "targets", raw.targets, issues);
  if (raw.target !== undefined && raw.targets !== undefined) {
    issues.push({
      path: configPath(["targets"]),
      message: "is given together with target; use target for one cluster or targets for a hybrid stack, not both",
    });
    return undefined;
  }
  if (raw.target === undefined && raw.targets === undefined) {
    issues.push({
      path: configPath(["target"]),
      message: "is required: set target (e.g. {kind: existing}) or targets for a hybrid stack",
    });
    return undefined;
  }
  if (single) return [{ name: "main", weight: 100, cordoned: false, cluster: single }];
  if (!hybrid) return undefined;
  const names = hybrid.map((target) => target.name);
  const before = issues.length;
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      issues.push(
        issueAt(
          ["targets", index, "name"],
          name,
          `duplicates targets[${names.indexOf(name)}].name; target names must be unique`,
        ),
      );
  });
  const total = hybrid.reduce((sum, target) => sum + target.weight, 0);
  if (total !== 100) {
    issues.push({ path: configPath(["targets"]), message: `weights add up to ${total}; they must add up to 100` });
  }
  return issues.length === before ? hybrid : undefined;
}

function namedTargetListSchema(): z.ZodType<NamedTargetConfig[]> {
  return namedTargetSchema().array().min(1);
}

/** The target's edge limits and the timing chain under them: derived here, once per target. */
interface EdgePlan {
  readonly limits: EdgeLimits;
  readonly timings: EdgeTimings;
}

function edgePlanOf(edge: EdgeConfig, target: NamedTargetConfig): EdgePlan {
  const limits = definitionFor(target.cluster).edgeLimits(target.cluster);
  return { limits, timings: planEdgeTimings(edge, limits.maxIdleTimeoutSeconds) };
}

function checkEdgeAgainstTargets(
  edge: EdgeConfig,
  targets: readonly NamedTargetConfig[],
  plans: readonly EdgePlan[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  targets.forEach((target, index) => {
    const { limits, timings } = plans[index]!;
    const max = limits.maxIdleTimeoutSeconds;
    const idle = timings.idleTimeoutSeconds;
    const kind = target.cluster.kind;
    if (idle > max) {
      issues.push(
        issueAt(
          ["edge", "idleTimeoutSeconds"],
          idle,
          `exceeds the ${kind} load balancer maximum of ${max} s (target "${target.name}"); lower it`,
        ),
      );
    } else if (idle < edge.clientHeartbeatSeconds + HEARTBEAT_MARGIN_SECONDS) {
      issues.push(
        issueAt(
          ["edge", "clientHeartbeatSeconds"],
          edge.clientHeartbeatSeconds,
          `is too long for the ${kind} load balancer idle timeout ceiling (${max} s, target "${target.name}"); use a heartbeat <= ${max - HEARTBEAT_MARGIN_SECONDS} s`,
        ),
      );
    }
  });
  return issues;
}

/** A fleet stack names only cells the config lays out, and only targets that can be attached to. */
function fleetMemberIssues(member: FleetMember, config: StackConfig): ConfigIssue[] {
  const cells = new Set(cellLayouts(config).map((layout) => layout.cell));
  const issues = member.cells.flatMap((cell, index) =>
    cells.has(cell)
      ? []
      : [
          issueAt(
            [FLEET_MEMBER_KEY, "cells", index],
            cell,
            `is no cell of this config; cells are ${[...cells].map((name) => `"${name}"`).join(", ")}`,
          ),
        ],
  );
  if (!member.platform && member.platformStack === undefined) {
    issues.push(
      issueAt(
        [FLEET_MEMBER_KEY, "platformStack"],
        undefined,
        "is required for a stack that does not deploy the platform: name the fleet's platform stack",
      ),
    );
  }
  if (!member.platform && member.cells.length > 0) {
    for (const target of config.targets) {
      if (definitionFor(target.cluster).attach) continue;
      issues.push(
        issueAt(
          [FLEET_MEMBER_KEY, "platform"],
          false,
          `a cell stack attaches to its targets, and target "${target.name}" (kind ${target.cluster.kind}) cannot be attached to yet; deploy this config as one stack`,
        ),
      );
    }
  }
  return issues;
}
