import { HOURS_PER_DAY } from "./load-profile";
import { addDemand, NO_DEMAND, type Demand } from "./node-fit";

/** A demand at each UTC hour of a day. */
export type DemandCurve = readonly Demand[];

/** A constant demand as a curve: what does not follow the day (fixed pods, data services). */
export function flatCurve(demand: Demand): Demand[] {
  return Array.from({ length: HOURS_PER_DAY }, () => demand);
}

/** The demand of several tenants sharing capacity, hour by hour. */
export function sumCurves(curves: readonly DemandCurve[]): Demand[] {
  return Array.from({ length: HOURS_PER_DAY }, (_, hour) =>
    curves.reduce((sum, curve) => addDemand(sum, curve[hour] ?? NO_DEMAND), NO_DEMAND),
  );
}

/** The largest of a per-hour value over the day. */
export function peakOf(values: readonly number[]): number {
  return values.reduce((max, value) => Math.max(max, value), 0);
}

/** The hour at which a per-hour value is largest (the first such hour). */
export function peakHour(values: readonly number[]): number {
  return values.reduce((best, value, hour) => (value > (values[best] ?? -Infinity) ? hour : best), 0);
}
