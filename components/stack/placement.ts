import { createHash } from "node:crypto";
import type { ConfigIssue } from "../config/errors";
import { issueAt } from "../config/issues";
import type { DataMode } from "../config/data-schema";
import type { MonitoringConfig } from "../config/types";

/** Where one tenant runs: its home target, an optional standby, and whether the home was chosen by weight. */
export interface TenantPlacement {
  readonly home: string;
  readonly standby?: string;
  /** True where no home was configured and the weights chose it. */
  readonly spread: boolean;
}

/** Tenant id -> placement. */
export type Placement = Readonly<Record<string, TenantPlacement>>;

interface PlacementTarget {
  readonly name: string;
  readonly weight: number;
  readonly cordoned: boolean;
}

interface PlacementTenant {
  readonly id: string;
  readonly placement?: { readonly home?: string; readonly standby?: string };
}

/** A number in (0, 1) fixed by the tenant and the target, the same on every run. */
function unitHash(tenant: string, target: string): number {
  const digest = createHash("sha256").update(`${tenant}\u0000${target}`).digest();
  return (digest.readUIntBE(0, 6) + 0.5) / 2 ** 48;
}

/**
 * Weighted rendezvous hashing: every target scores the tenant, the highest score wins, and a
 * target's share of tenants follows its weight. Adding a tenant moves nobody; taking a target out
 * moves only the tenants it had.
 */
export function spreadHome(tenant: string, targets: readonly PlacementTarget[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const target of targets) {
    if (target.weight <= 0) continue;
    const score = target.weight / -Math.log(unitHash(tenant, target.name));
    if (!best || score > best.score) best = { name: target.name, score };
  }
  return best?.name;
}

/**
 * Places every tenant: its configured home, or the target the weights give it. Refuses what cannot
 * work, naming the field: unknown targets, a home or standby on a drained target, a standby equal
 * to the home, a standby whose data would not be there, a spread onto a cordoned target.
 */
export function placeTenants(
  tenants: readonly PlacementTenant[],
  targets: readonly PlacementTarget[],
  dataMode: DataMode,
): { placement: Placement; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const placement: Record<string, TenantPlacement> = {};
  const names = targets.map((target) => target.name);
  const byName = new Map(targets.map((target) => [target.name, target]));
  const listed = names.map((name) => `"${name}"`).join(", ");
  const known = (index: number, field: "home" | "standby", name: string): PlacementTarget | undefined => {
    const target = byName.get(name);
    if (!target) {
      issues.push(
        issueAt(["tenants", index, "placement", field], name, `is no target of this stack; targets are ${listed}`),
      );
    } else if (target.weight === 0) {
      issues.push(
        issueAt(
          ["tenants", index, "placement", field],
          name,
          `target "${name}" is drained (weight 0); name another target, or give "${name}" a weight again`,
        ),
      );
    }
    return target;
  };

  tenants.forEach((tenant, index) => {
    const given = tenant.placement ?? {};
    let home = given.home;
    if (home !== undefined) known(index, "home", home);
    else {
      // Cordoned targets still score, so a cordon never moves a tenant; landing on one is refused below.
      home = spreadHome(tenant.id, targets);
      const target = home === undefined ? undefined : byName.get(home);
      if (target?.cordoned) {
        issues.push(
          issueAt(
            ["tenants", index, "placement", "home"],
            undefined,
            `the weights place tenant "${tenant.id}" on target "${target.name}", which is cordoned (no new tenants); set placement.home: ${target.name} to keep it there, or name another target`,
          ),
        );
      }
    }
    if (given.standby !== undefined) {
      known(index, "standby", given.standby);
      if (given.standby === home) {
        issues.push(
          issueAt(
            ["tenants", index, "placement", "standby"],
            given.standby,
            "is the tenant's home; a standby must be another target",
          ),
        );
      } else if (dataMode !== "external") {
        issues.push(
          issueAt(
            ["tenants", index, "placement", "standby"],
            given.standby,
            `needs the tenant's data on both targets, and data.mode "${dataMode}" keeps it in the home cluster only (not replicated, no restore); use data.mode: external with services both targets reach, or remove the standby`,
          ),
        );
      }
    }
    if (home !== undefined) {
      placement[tenant.id] = {
        home,
        ...(given.standby !== undefined ? { standby: given.standby } : {}),
        spread: given.home === undefined,
      };
    }
  });
  if (tenants.some((tenant) => tenant.placement?.home === undefined) && !targets.some((target) => target.weight > 0)) {
    issues.push(
      issueAt(
        ["targets"],
        undefined,
        "every target is drained (weight 0): tenants without placement.home have nowhere to go",
      ),
    );
  }
  return { placement, issues };
}

/** The targets a tenant runs on: its home, then its standby. */
export function targetsOf(placement: TenantPlacement): string[] {
  return placement.standby === undefined ? [placement.home] : [placement.home, placement.standby];
}

/**
 * The config as one target sees it: only the tenants that run there (home or standby), and the
 * target's own alert routing where `monitoring.alerting.perTarget` gives one.
 */
export function configOnTarget<
  Config extends { readonly tenants: ReadonlyArray<{ readonly id: string }>; readonly monitoring?: MonitoringConfig },
>(config: Config, placement: Placement, target: string): Config {
  const here = (id: string) => {
    const where = placement[id];
    return where !== undefined && targetsOf(where).includes(target);
  };
  const monitoring = config.monitoring;
  const own = monitoring?.alerting.perTarget[target];
  return {
    ...config,
    tenants: config.tenants.filter((tenant) => here(tenant.id)),
    ...(monitoring && own
      ? {
          monitoring: {
            ...monitoring,
            alerting: { ...own, perTarget: {} },
            alertingPath: ["monitoring", "alerting", "perTarget", target],
          },
        }
      : {}),
  };
}
