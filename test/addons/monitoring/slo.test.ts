import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  burnRateWindows,
  cellSloGroup,
  errorRatioRecord,
  OBJECTIVE_RECORD,
  SLO_WINDOWS,
} from "../../../components/addons/monitoring/slo";

const HOURS: Record<string, number> = { "5m": 1 / 12, "30m": 0.5, "1h": 1, "2h": 2, "6h": 6, "1d": 24, "3d": 72 };

type AlertRule = { alert: string; expr: string; for?: string; labels: Record<string, string> };

function alertsOf(group: ReturnType<typeof cellSloGroup>): AlertRule[] {
  return group.rules.flatMap((rule) => ("alert" in rule ? [rule as AlertRule] : []));
}

const slo = (tier: "vip" | "shared", messageSuccess: number, periodDays: 28 | 30 = 30) =>
  cellSloGroup({
    cell: "initech",
    tier,
    tenant: "initech",
    gatewayService: "msggateway",
    objectives: { messageSuccess, connectionAvailability: 99.5 },
    periodDays,
  });

describe("burn-rate windows", () => {
  it("are the SRE workbook's for a 30-day period: page at 14.4x (1h/5m) and 6x (6h/30m), ticket at 3x (1d/2h) and 1x (3d/6h)", () => {
    expect(burnRateWindows(30).map(({ severity, long, short, factor }) => [severity, long, short, factor])).toEqual([
      ["page", "1h", "5m", 14.4],
      ["page", "6h", "30m", 6],
      ["ticket", "1d", "2h", 3],
      ["ticket", "3d", "6h", 1],
    ]);
  });

  it("scale with the period: each spends the same share of the budget in its long window (2%, 5%, 10%, 10%)", () => {
    for (const period of [28, 30] as const) {
      const shares = burnRateWindows(period).map((window) => (window.factor * HOURS[window.long]!) / (period * 24));
      expect(shares.map((share) => Math.round(share * 1000) / 1000)).toEqual([0.02, 0.05, 0.1, 0.1]);
    }
  });

  it("record every window an alert reads, once", () => {
    const read = burnRateWindows(30).flatMap((window) => [window.long, window.short]);
    expect([...new Set(read)].sort()).toEqual([...SLO_WINDOWS].sort());
  });
});

describe("a cell's SLO rules", () => {
  it("alert when both windows burn faster than factor x budget: 14.4 x 0.05% for a 99.95% objective", () => {
    const page = alertsOf(slo("vip", 99.95)).find((rule) => rule.alert === "TenantMessageSuccessBudgetBurn")!;
    expect(page.expr).toBe(
      `(${errorRatioRecord("messageSuccess", "1h")}{cell="initech"} > 0.0072) and (${errorRatioRecord("messageSuccess", "5m")}{cell="initech"} > 0.0072)`,
    );
    expect(page.labels).toMatchObject({ severity: "page", audience: "vip", level: "tenant", slo: "message-success" });
  });

  it("page and ticket, two of each per SLO, routed by the cell's tier", () => {
    const alerts = alertsOf(slo("shared", 99.9));
    expect(alerts).toHaveLength(8);
    expect(alerts.filter((rule) => rule.labels.severity === "page")).toHaveLength(4);
    expect(new Set(alerts.map((rule) => rule.labels.audience))).toEqual(new Set(["shared"]));
  });

  it("record the objectives, so a query can divide an error ratio by the budget", () => {
    const recorded = slo("vip", 99.95).rules.filter((rule) => "record" in rule && rule.record === OBJECTIVE_RECORD);
    expect(recorded.map((rule) => [rule.expr, rule.labels?.slo])).toEqual([
      ["vector(0.9995)", "message-success"],
      ["vector(0.995)", "connection-availability"],
    ]);
  });

  it("without a gateway, measure message success only", () => {
    const group = cellSloGroup({
      cell: "x",
      tier: "shared",
      tenant: "x",
      objectives: { messageSuccess: 99.9, connectionAvailability: 99.9 },
      periodDays: 30,
    });
    expect(new Set(alertsOf(group).map((rule) => rule.alert))).toEqual(new Set(["TenantMessageSuccessBudgetBurn"]));
  });

  it("a stricter objective never alerts later: its every threshold is lower (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 90, max: 99.99, noNaN: true }),
        fc.double({ min: 90, max: 99.99, noNaN: true }),
        (a, b) => {
          const [loose, strict] = a < b ? [a, b] : [b, a];
          const thresholds = (objective: number) =>
            alertsOf(slo("vip", objective))
              .filter((rule) => rule.alert === "TenantMessageSuccessBudgetBurn")
              .map((rule) => Number(/> ([\d.e-]+)\)/.exec(rule.expr)![1]));
          thresholds(strict).forEach((threshold, index) =>
            expect(threshold).toBeLessThanOrEqual(thresholds(loose)[index]!),
          );
        },
      ),
    );
  });
});
