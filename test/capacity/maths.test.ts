import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOURS_PER_DAY, STANDARD_DAILY_PROFILE, utcDailyCurve } from "../../components/core/load-profile";
import { flatCurve, peakHour, peakOf, sumCurves } from "../../components/core/multiplex";
import { nodesFor, type Demand } from "../../components/core/node-fit";
import { loadHeldBy, replicasForLoad, type PerReplicaCapacity } from "../../components/core/replica-sizing";

const GIB = 2 ** 30;
const profile = fc
  .array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 24, maxLength: 24 })
  .filter((values) => values.some((value) => value > 0.001));
const offset = fc.integer({ min: -48, max: 56 }).map((quarters) => quarters / 4);
const demand = fc.record({
  cpu: fc.double({ min: 0, max: 64, noNaN: true }),
  memory: fc.double({ min: 0, max: 256 * GIB, noNaN: true }),
  pods: fc.integer({ min: 0, max: 300 }),
});
const curve = fc.array(demand, { minLength: HOURS_PER_DAY, maxLength: HOURS_PER_DAY });
const node: Demand = { cpu: 3.92, memory: 14 * GIB, pods: 58 };

describe("a tenant's day on UTC hours", () => {
  it.each([
    [0, 21],
    [8, 13],
    [-5, 2],
    [1, 20],
  ])("at UTC offset %d peaks at %d:00 UTC (the standard day peaks at 21:00 local)", (utcOffset, utcPeak) => {
    expect(peakHour(utcDailyCurve(STANDARD_DAILY_PROFILE, utcOffset))).toBe(utcPeak);
  });

  it("is 24 shares of the peak, the busiest exactly 1, for any profile and quarter-hour offset", () => {
    fc.assert(
      fc.property(profile, offset, (values, hours) => {
        const day = utcDailyCurve(values, hours);
        expect(day).toHaveLength(HOURS_PER_DAY);
        expect(peakOf(day)).toBeCloseTo(1, 9);
        for (const share of day) expect(share).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("shifts a whole-hour offset without changing the day's shape", () => {
    fc.assert(
      fc.property(profile, fc.integer({ min: -12, max: 14 }), (values, hours) => {
        const day = utcDailyCurve(values, hours);
        const local = utcDailyCurve(values, 0);
        day.forEach((share, utcHour) => expect(share).toBeCloseTo(local[(utcHour + hours + 48) % 24]!, 9));
      }),
    );
  });

  it("refuses a profile that is not 24 values with one above 0", () => {
    expect(() => utcDailyCurve([1, 2, 3], 0)).toThrow(/24 values/);
    expect(() => utcDailyCurve(new Array<number>(24).fill(0), 0)).toThrow(/one above 0/);
  });
});

describe("replicas for a load", () => {
  const capacity = fc.record(
    {
      connections: fc.integer({ min: 1, max: 50_000 }),
      messagesPerSecond: fc.double({ min: 0.5, max: 5_000, noNaN: true }),
    },
    { requiredKeys: [] },
  );
  const load = fc.record({
    connections: fc.double({ min: 0, max: 10_000_000, noNaN: true }),
    messagesPerSecond: fc.double({ min: 0, max: 100_000, noNaN: true }),
  });

  it.each([
    [{ connections: 10_000 }, { connections: 120_000, messagesPerSecond: 9_999 }, 12],
    [{ connections: 10_000, messagesPerSecond: 400 }, { connections: 120_000, messagesPerSecond: 9_999 }, 25],
    [{ messagesPerSecond: 200 }, { connections: 1, messagesPerSecond: 1_000.0000000001 }, 5],
    [{ messagesPerSecond: 200 }, { connections: 0, messagesPerSecond: 0 }, 0],
  ])("per-pod %j under %j needs %d", (perPod, at, replicas) => {
    expect(replicasForLoad(at, perPod)).toBe(replicas);
  });

  it("is undefined for a service that states no capacity", () => {
    expect(replicasForLoad({ connections: 5, messagesPerSecond: 5 }, {})).toBeUndefined();
    expect(replicasForLoad({ connections: 5, messagesPerSecond: 5 }, undefined)).toBeUndefined();
  });

  it("are the fewest that hold the load in every dimension the service states", () => {
    fc.assert(
      fc.property(capacity, load, (perPod: PerReplicaCapacity, at) => {
        const replicas = replicasForLoad(at, perPod);
        if (perPod.connections === undefined && perPod.messagesPerSecond === undefined) {
          expect(replicas).toBeUndefined();
          return;
        }
        // A load within a billionth of a pod of a whole count needs that count (decimal arithmetic's slack).
        const held = loadHeldBy(replicas!, perPod);
        const within = (has: number, needs: number, per: number) => has + per * 1e-9 + 1e-9 * needs >= needs;
        if (perPod.connections) expect(within(held.connections, at.connections, perPod.connections)).toBe(true);
        if (perPod.messagesPerSecond)
          expect(within(held.messagesPerSecond, at.messagesPerSecond, perPod.messagesPerSecond)).toBe(true);
        if (replicas! > 0) {
          const fewer = loadHeldBy(replicas! - 1, perPod);
          expect(fewer.connections < at.connections || fewer.messagesPerSecond < at.messagesPerSecond).toBe(true);
        }
      }),
    );
  });
});

describe("multiplexing tenants' days over shared nodes", () => {
  it("never needs more at the busiest hour than the tenants' busiest hours added up, nor less than any one of them", () => {
    fc.assert(
      fc.property(fc.array(curve, { minLength: 1, maxLength: 6 }), (curves) => {
        const cpu = (values: readonly Demand[]) => values.map((hour) => hour.cpu);
        const multiplexed = peakOf(cpu(sumCurves(curves)));
        const sumOfPeaks = curves.reduce((sum, one) => sum + peakOf(cpu(one)), 0);
        expect(multiplexed).toBeLessThanOrEqual(sumOfPeaks + 1e-6);
        for (const one of curves) expect(multiplexed + 1e-6).toBeGreaterThanOrEqual(peakOf(cpu(one)));
      }),
    );
  });

  it("a flat curve adds the same demand at every hour", () => {
    fc.assert(
      fc.property(curve, demand, (hourly, fixed) => {
        const sum = sumCurves([hourly, flatCurve(fixed)]);
        sum.forEach((hour, index) => expect(hour.pods).toBe(hourly[index]!.pods + fixed.pods));
      }),
    );
  });

  it("packs into the fewest nodes that hold every resource, and more demand never takes fewer nodes", () => {
    expect(nodesFor({ cpu: 7.9, memory: 1 * GIB, pods: 3 }, node)).toBe(3);
    expect(nodesFor({ cpu: 0.5, memory: 29 * GIB, pods: 3 }, node)).toBe(3);
    expect(nodesFor({ cpu: 0.5, memory: GIB, pods: 117 }, node)).toBe(3);
    expect(nodesFor({ cpu: 0, memory: 0, pods: 0 }, node)).toBe(0);
    fc.assert(
      fc.property(demand, demand, (a, b) => {
        const nodes = nodesFor(a, node);
        expect(nodes * node.cpu + 1e-6).toBeGreaterThanOrEqual(a.cpu);
        expect(nodes * node.memory + 1).toBeGreaterThanOrEqual(a.memory);
        expect(nodes * node.pods).toBeGreaterThanOrEqual(a.pods);
        const more = { cpu: a.cpu + b.cpu, memory: a.memory + b.memory, pods: a.pods + b.pods };
        expect(nodesFor(more, node)).toBeGreaterThanOrEqual(nodes);
      }),
    );
  });
});
