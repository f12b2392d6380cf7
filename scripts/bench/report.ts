import type { Scenario } from "./scenarios";
import type { FloorFigures, KitFigures } from "./figures";

export interface Measured {
  readonly scenario: Scenario;
  readonly kit: KitFigures;
  readonly floor: FloorFigures;
}

export interface Target {
  readonly label: string;
  readonly value: number;
  readonly limit: number;
}

const MB = 2 ** 20;

function fixed(value: number, digits: number, width: number): string {
  return value.toFixed(digits).padStart(width);
}

/** One row a scenario: size, kit vs floor for time and memory, check cost, cost per tenant. */
export function figuresTable(rows: readonly Measured[]): string {
  const header = [
    "scenario".padEnd(24),
    "resources".padStart(9),
    "synth s".padStart(8),
    "floor s".padStart(8),
    "time x".padStart(7),
    "synth MB".padStart(9),
    "floor MB".padStart(9),
    "mem x".padStart(6),
    "check s".padStart(8),
    "check %".padStart(8),
    "ms/tenant".padStart(10),
  ].join(" ");
  const lines = rows.map(({ scenario, kit, floor }) =>
    [
      scenario.name.padEnd(24),
      String(kit.resources).padStart(9),
      fixed(kit.synthMs / 1000, 2, 8),
      fixed(floor.registerMs / 1000, 2, 8),
      fixed(kit.synthMs / floor.registerMs, 2, 7),
      fixed(kit.synthPeakRssBytes / MB, 0, 9),
      fixed(floor.peakRssBytes / MB, 0, 9),
      fixed(kit.synthPeakRssBytes / floor.peakRssBytes, 2, 6),
      fixed(kit.checkMs / 1000, 2, 8),
      fixed((100 * kit.checkMs) / kit.synthMs, 1, 8),
      fixed(kit.synthMs / scenario.tenants, 1, 10),
    ].join(" "),
  );
  return [header, ...lines].join("\n");
}

/** Synth and check cost per tenant as tenants grow, per tenant mix: flat means linear. */
export function growthTable(rows: readonly Measured[]): string {
  const mixes = [...new Set(rows.map((row) => row.scenario.vipShare))];
  return mixes
    .map((share) => {
      const series = rows
        .filter((row) => row.scenario.vipShare === share)
        .sort((a, b) => a.scenario.tenants - b.scenario.tenants);
      const synth = series
        .map((row) => `${row.scenario.tenants}: ${(row.kit.synthMs / row.scenario.tenants).toFixed(1)}`)
        .join(", ");
      const check = series
        .map((row) => `${row.scenario.tenants}: ${(row.kit.checkMs / row.scenario.tenants).toFixed(2)}`)
        .join(", ");
      const perRule = series
        .map(
          (row) =>
            `${row.scenario.tenants}: ${((1000 * row.kit.checkMs) / (row.kit.resources * row.kit.rules)).toFixed(2)}`,
        )
        .join(", ");
      const mix = share === 1 ? "all VIP" : `${Math.round(share * 100)}% VIP`;
      return [
        `${mix}: synth ms per tenant  ${synth}`,
        `${" ".repeat(mix.length)}  check ms per tenant  ${check}`,
        `${" ".repeat(mix.length)}  check us per resource per rule  ${perRule}`,
      ].join("\n");
    })
    .join("\n");
}

/** The targets, measured in this run; absent when the run lacks the scenarios they need. */
export function targets(rows: readonly Measured[]): Target[] {
  const find = (tenants: number, vipShare: number) =>
    rows.find((row) => row.scenario.tenants === tenants && row.scenario.vipShare === vipShare);
  const largest = Math.max(...rows.map((row) => row.scenario.tenants));
  const allVip = find(largest, 1);
  const out: Target[] = [];
  if (allVip) {
    out.push({
      label: `all-VIP ${largest}: synth time / floor`,
      value: allVip.kit.synthMs / allVip.floor.registerMs,
      limit: 1.3,
    });
    out.push({
      label: `all-VIP ${largest}: peak RSS / floor`,
      value: allVip.kit.synthPeakRssBytes / allVip.floor.peakRssBytes,
      limit: 1.3,
    });
    out.push({
      label: `all-VIP ${largest}: policy check / synth`,
      value: allVip.kit.checkMs / allVip.kit.synthMs,
      limit: 0.2,
    });
  }
  for (const share of [0.1, 1]) {
    const small = find(largest / 10, share);
    const large = find(largest, share);
    if (!small || !large) continue;
    const perTenant = (row: Measured) => row.kit.synthMs / row.scenario.tenants;
    out.push({
      label: `${share === 1 ? "all-VIP" : "10%-VIP"}: ms/tenant at ${largest} / at ${largest / 10}`,
      value: perTenant(large) / perTenant(small),
      limit: 1.5,
    });
  }
  return out;
}

export function targetLines(list: readonly Target[]): string {
  return list
    .map(
      (target) =>
        `  ${target.value <= target.limit ? "met   " : "MISSED"} ${target.label}: ${target.value.toFixed(2)} (limit ${target.limit})`,
    )
    .join("\n");
}
