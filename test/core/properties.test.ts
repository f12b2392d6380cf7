import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellFootprint, replicasInCell, type Replicas } from "../../components/core/capacity";
import {
  blocksIn,
  cidrContains,
  cidrsOverlap,
  isParsedCidr,
  parseCidr,
  prefixHolding,
  type ParsedCidr,
} from "../../components/core/cidr";
import { HEARTBEAT_MARGIN_SECONDS, planEdgeTimings } from "../../components/core/edge-timing";
import { MAX_CARVED_PREFIX, MAX_ZONES, planSubnets } from "../../components/targets/aws/subnets";
import { checkClusterRanges, nodesForPodRange } from "../../components/targets/gcp/ranges";

const toNumber = (address: string) => address.split(".").reduce((sum, byte) => sum * 256 + Number(byte), 0);
const ip = (value: number) => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");

/** An IPv4 network at a prefix in [min, max], host bits cleared. */
const ipv4Network = (min: number, max: number) =>
  fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min, max })).map(([address, prefix]) => {
    const size = 2 ** (32 - prefix);
    return `${ip(Math.floor(address / size) * size)}/${prefix}`;
  });

function parsed(text: string): ParsedCidr {
  const result = parseCidr(text);
  if (!isParsedCidr(result)) throw new Error(`${text} does not parse`);
  return result;
}

describe("CIDR maths, for any range", () => {
  it("accepts a network address and refuses the same range with a host bit set", () => {
    fc.assert(
      fc.property(ipv4Network(1, 31), (text) => {
        expect(isParsedCidr(parseCidr(text))).toBe(true);
        const [address, prefix] = text.split("/");
        const withHostBit = `${ip(toNumber(address!) + 1)}/${prefix}`;
        expect(parseCidr(withHostBit)).toEqual({ kind: "host-bits", suggestion: text });
      }),
    );
  });

  it("overlap is symmetric, and containment implies overlap", () => {
    fc.assert(
      fc.property(ipv4Network(0, 32), ipv4Network(0, 32), (a, b) => {
        const [left, right] = [parsed(a), parsed(b)];
        expect(cidrsOverlap(left, right)).toBe(cidrsOverlap(right, left));
        if (cidrContains(left, right)) expect(cidrsOverlap(left, right)).toBe(true);
        expect(cidrContains(left, left)).toBe(true);
      }),
    );
  });

  it("prefixHolding is the longest prefix that holds the count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 20, max: 28 }), (count, unit) => {
        const prefix = prefixHolding(count, unit);
        expect(blocksIn(prefix, unit)).toBeGreaterThanOrEqual(count);
        expect(blocksIn(prefix + 1, unit)).toBeLessThan(count);
      }),
    );
  });
});

describe("AWS subnet carving, for any VPC and zone count", () => {
  it("gives each zone a private and a public subnet, inside the VPC, none overlapping, public ones /28 or wider", () => {
    fc.assert(
      fc.property(ipv4Network(8, MAX_CARVED_PREFIX), fc.integer({ min: 1, max: MAX_ZONES }), (vpc, zones) => {
        const plan = planSubnets(vpc, zones);
        expect(plan.privateCidrs).toHaveLength(zones);
        expect(plan.publicCidrs).toHaveLength(zones);
        const subnets = [...plan.privateCidrs, ...plan.publicCidrs].map(parsed);
        for (const subnet of subnets) expect(cidrContains(parsed(vpc), subnet)).toBe(true);
        subnets.forEach((a, i) =>
          subnets.slice(i + 1).forEach((b) => expect(cidrsOverlap(a, b), `${a.text} ~ ${b.text}`).toBe(false)),
        );
        for (const subnet of plan.publicCidrs.map(parsed)) expect(subnet.prefixLength).toBeLessThanOrEqual(28);
      }),
    );
  });
});

describe("GKE range checks, for any pod range and node count", () => {
  it("refuse a pod range exactly when it cannot give every node its /24", () => {
    fc.assert(
      fc.property(fc.integer({ min: 9, max: 21 }), fc.integer({ min: 1, max: 20_000 }), (podsPrefix, maxNodes) => {
        const ranges = {
          nodesCidr: "10.0.0.0/8",
          podsCidr: `100.64.0.0/${podsPrefix}`,
          servicesCidr: "172.20.0.0/16",
          masterCidr: "172.16.0.0/28",
        };
        const podIssue = checkClusterRanges(ranges, maxNodes).some((issue) => issue.field === "podsCidr");
        expect(podIssue).toBe(nodesForPodRange(podsPrefix) < maxNodes);
      }),
    );
  });
});

const replicasArb: fc.Arbitrary<Replicas> = fc.oneof(
  fc.integer({ min: 1, max: 50 }).map((fixed) => ({ fixed })),
  fc
    .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }))
    .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b, 1) })),
);

const serviceArb = fc.record({
  name: fc.constantFrom("gateway", "api", "worker", "push"),
  replicas: replicasArb,
  cpuMilli: fc.integer({ min: 1, max: 4000 }),
  memoryMi: fc.integer({ min: 1, max: 8192 }),
});

describe("cell capacity, for any catalogue", () => {
  it("at full burst never needs less than at rest, and a cell's footprint is the sum of its services'", () => {
    fc.assert(
      fc.property(fc.uniqueArray(serviceArb, { selector: (service) => service.name, maxLength: 4 }), (specs) => {
        const services = specs.map((spec) => ({
          name: spec.name,
          replicas: spec.replicas,
          resources: {
            requests: { cpu: `${spec.cpuMilli}m`, memory: `${spec.memoryMi}Mi` },
            limits: { cpu: `${2 * spec.cpuMilli}m`, memory: `${2 * spec.memoryMi}Mi` },
          },
        }));
        const atRest = cellFootprint(services, (service) => replicasInCell(service, {}, "min"));
        const atBurst = cellFootprint(services, (service) => replicasInCell(service, {}, "max"));
        expect(atBurst.pods).toBeGreaterThanOrEqual(atRest.pods);
        expect(atBurst.requests.cpu).toBeGreaterThanOrEqual(atRest.requests.cpu - 1e-9);
        const expectedCpu = specs.reduce(
          (sum, spec) => sum + (spec.cpuMilli / 1000) * replicasInCell(spec, {}, "max"),
          0,
        );
        expect(atBurst.requests.cpu).toBeCloseTo(expectedCpu, 6);
        expect(atBurst.limits.memory).toBeCloseTo(2 * atBurst.requests.memory, 0);
      }),
    );
  });
});

describe("the edge's timing chain, for any heartbeat, drain and ceiling", () => {
  it("keeps grace >= deregistration >= preStop + drain, and the derived idle timeout above the heartbeat or at the ceiling", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 3600 }),
        fc.integer({ min: 5, max: 3600 }),
        fc.integer({ min: 10, max: 7200 }),
        (heartbeat, drain, ceiling) => {
          const timings = planEdgeTimings({ clientHeartbeatSeconds: heartbeat, drainSeconds: drain }, ceiling);
          expect(timings.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(timings.deregistrationDelaySeconds);
          expect(timings.deregistrationDelaySeconds).toBeGreaterThanOrEqual(timings.preStopSeconds + drain);
          expect(timings.idleTimeoutSeconds).toBeLessThanOrEqual(ceiling);
          if (ceiling >= 2 * heartbeat + HEARTBEAT_MARGIN_SECONDS)
            expect(timings.idleTimeoutSeconds).toBeGreaterThanOrEqual(heartbeat + HEARTBEAT_MARGIN_SECONDS);
          else expect(timings.idleTimeoutSeconds).toBe(ceiling);
        },
      ),
    );
  });
});
