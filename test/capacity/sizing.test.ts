import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveServices, servicesInProfile } from "../../components/config/services";
import {
  burstLoad,
  derivedScaling,
  quotaForMaxReplicas,
  replicaCeiling,
  resolveLoad,
  sizeServices,
} from "../../components/config/sizing";
import { cellFootprint, replicasInCell } from "../../components/core/capacity";
import { parseQuantity } from "../../components/core/quantity";
import { loadHeldBy } from "../../components/core/replica-sizing";

const { services } = resolveServices("openim", []);
const perService = servicesInProfile(services, "services");
const compact = servicesInProfile(services, "compact");

const declaredLoad = fc.record({
  peakConnections: fc.integer({ min: 0, max: 2_000_000 }),
  peakMessagesPerSecond: fc.double({ min: 0, max: 20_000, noNaN: true }),
  burstFactor: fc.double({ min: 1, max: 5, noNaN: true }),
  utcOffsetHours: fc.integer({ min: -12, max: 14 }),
});

describe("sizing a cell from its tenant's declared load", () => {
  it("derives max replicas that hold the peak x burst, unless the service cannot run that many", () => {
    fc.assert(
      fc.property(declaredLoad, (declared) => {
        const load = resolveLoad(declared, { burstFactor: 1.5 });
        const target = burstLoad(load);
        const sizings = sizeServices(perService, load);
        expect(sizings.map((sizing) => sizing.service).sort()).toEqual([
          "msggateway",
          "msgtransfer",
          "push",
          "rpc-msg",
        ]);
        for (const sizing of sizings) {
          const held = loadHeldBy(sizing.max, sizing.capacity);
          const ceiling = sizing.ceiling?.replicas ?? Infinity;
          if (sizing.atBurst <= ceiling) {
            expect(held.connections * (1 + 1e-9)).toBeGreaterThanOrEqual(
              sizing.capacity.connections ? target.connections : 0,
            );
            expect(held.messagesPerSecond * (1 + 1e-9)).toBeGreaterThanOrEqual(
              sizing.capacity.messagesPerSecond ? target.messagesPerSecond : 0,
            );
          } else {
            expect(sizing.max).toBe(ceiling);
          }
          const service = perService.find((candidate) => candidate.name === sizing.service)!;
          expect(sizing.min).toBeGreaterThanOrEqual(Math.min(replicasInCell(service, {}, "min"), ceiling));
          expect(sizing.min).toBeLessThanOrEqual(sizing.max);
          expect(sizing.baseline).toBeLessThanOrEqual(sizing.atBurst);
        }
      }),
    );
  });

  it("caps a queue consumer at its topic's partitions, and a fixed pod at its count", () => {
    const transfer = perService.find((service) => service.name === "msgtransfer")!;
    expect(replicaCeiling(transfer)).toEqual({ replicas: 8, reason: "partitions" });
    expect(replicaCeiling(compact[0]!)).toEqual({ replicas: 1, reason: "fixed" });
    const heavy = resolveLoad(
      { peakConnections: 0, peakMessagesPerSecond: 10_000, utcOffsetHours: 0 },
      { burstFactor: 1 },
    );
    const sized = sizeServices(perService, heavy).find((sizing) => sizing.service === "msgtransfer")!;
    expect(sized.atBurst).toBe(Math.ceil(10_000 / transfer.capacity!.messagesPerSecond!));
    expect(sized.max).toBe(8);
    expect(sizeServices(compact, heavy)).toEqual([
      expect.objectContaining({ service: "openim-server", min: 1, max: 1, ceiling: { replicas: 1, reason: "fixed" } }),
    ]);
  });

  it("keeps a min for the quietest hour, never below the service's own", () => {
    const flat = resolveLoad(
      { peakConnections: 100_000, peakMessagesPerSecond: 0, hourly: new Array<number>(24).fill(1), utcOffsetHours: 0 },
      { burstFactor: 2 },
    );
    const gateway = sizeServices(perService, flat).find((sizing) => sizing.service === "msggateway")!;
    const perPod = gateway.capacity.connections!;
    expect(gateway.min).toBe(Math.ceil(100_000 / perPod));
    expect(gateway.max).toBe(Math.ceil(200_000 / perPod));
  });

  it("derives a quota that holds every service at the derived max", () => {
    fc.assert(
      fc.property(declaredLoad, (declared) => {
        const scaling = derivedScaling(sizeServices(perService, resolveLoad(declared, { burstFactor: 1.5 })));
        const quota = quotaForMaxReplicas(perService, scaling);
        const need = cellFootprint(perService, (service) => replicasInCell(service, scaling, "max"));
        expect(parseQuantity(quota.cpu)!).toBeGreaterThanOrEqual(need.requests.cpu - 1e-9);
        expect(parseQuantity(quota.memory)!).toBeGreaterThanOrEqual(need.requests.memory);
        expect(parseQuantity(quota.cpuLimit)!).toBeGreaterThanOrEqual(need.limits.cpu - 1e-9);
        expect(parseQuantity(quota.memoryLimit)!).toBeGreaterThanOrEqual(need.limits.memory);
        expect(quota.pods).toBe(need.pods);
      }),
    );
  });
});
