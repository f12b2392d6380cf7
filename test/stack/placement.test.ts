import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { worstFailoverSeconds } from "../../components/core/failover-time";
import { configOnTarget, placeTenants, spreadHome } from "../../components/stack/placement";

const targets = (...spec: Array<[string, number, boolean?]>) =>
  spec.map(([name, weight, cordoned]) => ({ name, weight, cordoned: cordoned ?? false }));
const ids = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `t${index}` }));

describe("spreading tenants over targets by weight", () => {
  it("gives each target a share of tenants near its weight", () => {
    const { placement, issues } = placeTenants(ids(4000), targets(["onprem", 75], ["cloud", 25]), "inCluster");
    expect(issues).toEqual([]);
    const onCloud = Object.values(placement).filter((where) => where.home === "cloud").length / 4000;
    expect(onCloud).toBeGreaterThan(0.22);
    expect(onCloud).toBeLessThan(0.28);
    expect(Object.values(placement).every((where) => where.spread)).toBe(true);
  });

  it("never moves a tenant when another is added, and draining a target moves only its own", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/), { minLength: 1, maxLength: 40 }), (names) => {
        const all = targets(["a", 50], ["b", 30], ["c", 20]);
        const drained = targets(["a", 50], ["b", 0], ["c", 20]);
        for (const name of names) {
          const before = spreadHome(name, all);
          const after = spreadHome(name, drained);
          if (before !== "b") expect(after).toBe(before);
          else expect(after).not.toBe("b");
        }
      }),
    );
  });
});

describe("placing tenants", () => {
  const two = targets(["onprem", 80], ["aws", 20]);

  it("takes a configured home and standby, and lays each tenant only on its targets", () => {
    const tenants = [
      { id: "acme", placement: { home: "aws", standby: "onprem" } },
      { id: "globex", placement: { home: "onprem" } },
    ];
    const { placement, issues } = placeTenants(tenants, two, "external");
    expect(issues).toEqual([]);
    expect(placement).toEqual({
      acme: { home: "aws", standby: "onprem", spread: false },
      globex: { home: "onprem", spread: false },
    });
    expect(configOnTarget({ tenants }, placement, "aws").tenants.map((tenant) => tenant.id)).toEqual(["acme"]);
    expect(configOnTarget({ tenants }, placement, "onprem").tenants.map((tenant) => tenant.id)).toEqual([
      "acme",
      "globex",
    ]);
  });

  it.each([
    [{ home: "gcp" }, "home", /is no target of this stack; targets are "onprem", "aws"/],
    [{ home: "onprem", standby: "onprem" }, "standby", /is the tenant's home/],
    [{ home: "onprem", standby: "aws" }, "standby", /data.mode "inCluster" keeps it in the home cluster/],
  ])("refuses placement %j at its field", (given, field, message) => {
    const { issues } = placeTenants([{ id: "acme", placement: given }], two, "inCluster");
    expect(issues).toContainEqual({
      path: `im-platform:tenants[0].placement.${field}`,
      message: expect.stringMatching(message) as string,
    });
  });

  it("refuses a home or a standby on a drained target", () => {
    const drained = targets(["onprem", 100], ["aws", 0]);
    const { issues } = placeTenants(
      [
        { id: "acme", placement: { home: "aws" } },
        { id: "globex", placement: { home: "onprem", standby: "aws" } },
      ],
      drained,
      "external",
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      "im-platform:tenants[0].placement.home",
      "im-platform:tenants[1].placement.standby",
    ]);
    expect(issues[0]?.message).toMatch(/target "aws" is drained \(weight 0\)/);
  });

  it("keeps tenants named to a cordoned target there and refuses spreading one onto it", () => {
    const tenants = ids(60);
    const open = placeTenants(tenants, two, "inCluster").placement;
    const landing = tenants.findIndex((tenant) => open[tenant.id]?.home === "aws");
    expect(landing).toBeGreaterThanOrEqual(0);
    const cordoned = targets(["onprem", 80], ["aws", 20, true]);
    const refused = placeTenants(tenants, cordoned, "inCluster");
    expect(refused.issues).toContainEqual({
      path: `im-platform:tenants[${landing}].placement.home`,
      message: expect.stringMatching(
        /on target "aws", which is cordoned \(no new tenants\); set placement.home: aws/,
      ) as string,
    });
    // Pinning every tenant the weights gave it keeps them there, and nobody else moves.
    const pinned = tenants.map((tenant) =>
      open[tenant.id]?.home === "aws" ? { ...tenant, placement: { home: "aws" } } : tenant,
    );
    const kept = placeTenants(pinned, cordoned, "inCluster");
    expect(kept.issues).toEqual([]);
    expect(Object.fromEntries(Object.entries(kept.placement).map(([id, where]) => [id, where.home]))).toEqual(
      Object.fromEntries(Object.entries(open).map(([id, where]) => [id, where.home])),
    );
  });

  it("refuses spreading when every target is drained", () => {
    const { issues } = placeTenants(ids(1), targets(["a", 0]), "inCluster");
    expect(issues.map((issue) => issue.path)).toEqual(["im-platform:targets"]);
  });
});

describe("the worst-case failover time", () => {
  it("adds the probes until failure, the TTL and the client's reconnect backoff", () => {
    expect(
      worstFailoverSeconds({ intervalSeconds: 10, failureThreshold: 3, ttlSeconds: 30, clientReconnectSeconds: 10 }),
    ).toBe(70);
    expect(
      worstFailoverSeconds({ intervalSeconds: 30, failureThreshold: 1, ttlSeconds: 5, clientReconnectSeconds: 0 }),
    ).toBe(35);
  });
});
