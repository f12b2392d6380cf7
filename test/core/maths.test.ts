import { describe, expect, it } from "vitest";
import {
  addressIn,
  blocksIn,
  cidrContains,
  cidrsOverlap,
  ipv4ToNumber,
  isOverBroad,
  isParsedCidr,
  isWorldOpen,
  parseCidr,
  prefixHolding,
} from "../../components/core/cidr";
import { cellFootprint } from "../../components/core/capacity";
import { formatBytes, formatCpu, parseQuantity } from "../../components/core/quantity";

describe("Kubernetes quantities", () => {
  it.each([
    ["500m", 0.5],
    ["2", 2],
    ["1.5", 1.5],
    ["512Mi", 512 * 2 ** 20],
    ["4Gi", 4 * 2 ** 30],
    ["1k", 1000],
    ["1e3", 1000],
    ["100M", 1e8],
    [".5", 0.5],
    ["250u", 0.00025],
  ])("parses %s", (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(["", "lots", "1GB", "2 Gi", "-", "1.2.3", " 1", "Gi"])("rejects %j", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it("formats whole cores and binary units", () => {
    expect([formatCpu(32), formatCpu(1.5), formatBytes(64 * 2 ** 30), formatBytes(1536 * 2 ** 20)]).toEqual([
      "32",
      "1500m",
      "64Gi",
      "1536Mi",
    ]);
  });
});

describe("CIDRs", () => {
  it.each([
    ["10.0.0.0/8", 8],
    ["203.0.113.0/24", 24],
    ["0.0.0.0/0", 0],
    ["2001:db8::/32", 32],
  ])("parses %s", (text, prefix) => {
    const parsed = parseCidr(text);
    expect(isParsedCidr(parsed) && parsed.prefixLength).toBe(prefix);
  });

  it("names the network when host bits are set", () => {
    expect(parseCidr("192.168.1.77/24")).toEqual({ kind: "host-bits", suggestion: "192.168.1.0/24" });
  });

  it.each(["10.0.0.0", "10.0.0.0/33", "a.b.c.d/8", "10.0.0.0/-1"])("rejects %s", (text) => {
    expect(parseCidr(text)).toEqual({ kind: "malformed" });
  });

  it("tells over-broad from world-open", () => {
    const at = (text: string) => {
      const p = parseCidr(text);
      if (!isParsedCidr(p)) throw new Error(text);
      return p;
    };
    expect([
      isOverBroad(at("0.0.0.0/4")),
      isOverBroad(at("10.0.0.0/8")),
      isWorldOpen(at("0.0.0.0/0")),
      isOverBroad(at("0.0.0.0/0")),
    ]).toEqual([true, false, true, false]);
  });

  it("detects overlap in either order and none across families", () => {
    const at = (text: string) => {
      const p = parseCidr(text);
      if (!isParsedCidr(p)) throw new Error(text);
      return p;
    };
    for (let third = 0; third < 256; third += 17) {
      const subnet = at(`10.1.${third}.0/24`);
      expect(cidrsOverlap(subnet, at("10.1.0.0/16"))).toBe(true);
      expect(cidrsOverlap(at("10.1.0.0/16"), subnet)).toBe(true);
      expect(cidrsOverlap(subnet, at("10.2.0.0/16"))).toBe(false);
    }
    expect(cidrsOverlap(at("10.0.0.0/8"), at("2001:db8::/32"))).toBe(false);
  });
});

describe("range containment and sizing", () => {
  const at = (text: string) => {
    const parsed = parseCidr(text);
    if (!isParsedCidr(parsed)) throw new Error(text);
    return parsed;
  };

  it("contains a range only when it is inside, not merely overlapping", () => {
    expect(cidrContains(at("10.0.0.0/16"), at("10.0.4.0/24"))).toBe(true);
    expect(cidrContains(at("10.0.4.0/24"), at("10.0.0.0/16"))).toBe(false);
    expect(cidrContains(at("10.0.0.0/16"), at("10.1.0.0/24"))).toBe(false);
    expect(cidrContains(at("10.0.0.0/8"), at("2001:db8::/32"))).toBe(false);
  });

  it("places bare addresses in ranges", () => {
    expect([
      addressIn("172.20.0.10", at("172.20.0.0/16")),
      addressIn("172.21.0.10", at("172.20.0.0/16")),
      addressIn("nope", at("172.20.0.0/16")),
    ]).toEqual([true, false, false]);
    expect(ipv4ToNumber("10.0.1.2") - ipv4ToNumber("10.0.0.0")).toBe(258);
  });

  it("counts blocks and finds the prefix that holds a count, for every size", () => {
    for (let unit = 16; unit <= 28; unit++) {
      for (let count = 1; count <= 5000; count += 37) {
        const prefix = prefixHolding(count, unit);
        expect(blocksIn(prefix, unit), `${count} /${unit} blocks`).toBeGreaterThanOrEqual(count);
        expect(blocksIn(prefix + 1, unit), `${count} /${unit} blocks`).toBeLessThan(count);
      }
    }
    expect(blocksIn(25, 24)).toBe(0);
  });
});

describe("cell capacity", () => {
  it("adds requests and limits across replicas", () => {
    const services = [
      { name: "a", resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } } },
      {
        name: "b",
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
      },
    ];
    const footprint = cellFootprint(services, (s) => (s.name === "a" ? 3 : 2));
    expect(footprint.requests.cpu).toBeCloseTo(1.7);
    expect(footprint.requests.memory).toBe(3 * 512 * 2 ** 20 + 2 * 128 * 2 ** 20);
    expect(footprint.limits.cpu).toBeCloseTo(4);
    expect(footprint.pods).toBe(5);
  });
});
