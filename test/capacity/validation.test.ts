import { describe, expect, it } from "vitest";
import { OPENIM_CAPACITY } from "../../components/catalogue/openim/capacity";
import type { ConfigIssue } from "../../components/config/errors";
import { validateStackConfig, type ValidationResult } from "../../components/stack/validate";
import { deepClone, sampleRawConfig } from "../helpers/stack";

type Tenant = Record<string, any> & { id: string };
const raw = (stack = "local") => deepClone(sampleRawConfig(stack)) as Record<string, any> & { tenants: Tenant[] };
const tenant = (config: { tenants: Tenant[] }, id: string) => config.tenants.find((entry) => entry.id === id)!;
const validate = (config: Record<string, unknown>, stack = "local"): ValidationResult =>
  validateStackConfig(config, { stack });
const at = (issues: readonly ConfigIssue[], path: string) => issues.find((issue) => issue.path === path);

const gatewayConnections = OPENIM_CAPACITY.gateway.connections;

describe("declared load against the configured bounds, quotas and pools", () => {
  it.each(["local", "aws-prod"])("holds in the %s sample stack: no warning about load", (stack) => {
    const result = validate(raw(stack), stack);
    expect(result.ok).toBe(true);
    // aws-prod's one warning is its pooled cells sharing MSK, which has no per-cell ACLs for OpenIM.
    const load = result.warnings.filter((warning) => warning.path !== "im-platform:data.managed.keepInCluster");
    expect(load).toEqual([]);
    if (result.ok) expect(result.config.tenants.filter((entry) => entry.load).length).toBeGreaterThan(1);
  });

  it("warns, naming the field and the replicas needed, when a VIP's max replicas cannot hold its peak x burst", () => {
    const config = raw();
    tenant(config, "initech").load = { peakConnections: 100_000, burstFactor: 2, utcOffsetHours: 8 };
    const result = validate(config);
    expect(result.ok).toBe(true);
    const warning = at(result.warnings, "im-platform:tenants[2].scaling.msggateway.max");
    expect(warning?.message).toMatch(
      /^got 12; msggateway holds 120,000 connections at 12 pods \(10,000 connections each\)/,
    );
    expect(warning?.message).toContain(`raise it to at least ${Math.ceil(200_000 / gatewayConnections)}`);
  });

  it("names an unset max and the derive opt-in, and refuses instead with shortfalls: error", () => {
    const config = raw();
    tenant(config, "initech").load = { peakMessagesPerSecond: 4_000, burstFactor: 1, utcOffsetHours: 0 };
    const warned = validate(config);
    const unset = at(warned.warnings, "im-platform:tenants[2].scaling.rpc-msg.max");
    expect(unset?.message).toMatch(/^is not set, so it is rpc-msg's own max of 10; .*set tenancy.sizing.mode: derive/);
    config.tenancy.sizing = { shortfalls: "error" };
    const refused = validate(config);
    expect(refused.ok).toBe(false);
    expect(refused.warnings).toEqual([]);
    if (!refused.ok) expect(at(refused.issues, "im-platform:tenants[2].scaling.rpc-msg.max")).toBeDefined();
  });

  it("warns when a cell's quota cannot run the replicas its load needs", () => {
    const config = raw();
    Object.assign(tenant(config, "initech"), {
      quota: { cpu: "4", memory: "48Gi", pods: 150 },
      load: { peakConnections: 60_000, utcOffsetHours: 8 },
      scaling: { msggateway: { min: 3, max: 12 } },
    });
    const result = validate(config);
    expect(at(result.warnings, "im-platform:tenants[2].quota.cpu")?.message).toMatch(
      /^got "4"; the cell needs .* to run the replicas of tenant "initech"'s declared peak x burst 1.5/,
    );
  });

  it("tells a shared tenant that outgrows the one compact pod to use the services profile", () => {
    const config = raw();
    tenant(config, "acme").load = { peakConnections: 50_000 };
    const warning = at(validate(config).warnings, "im-platform:tenants[0].load");
    expect(warning?.message).toContain(
      `which holds ${OPENIM_CAPACITY.compact.connections.toLocaleString("en-US")} connections`,
    );
    expect(warning?.message).toContain("set tenants[0].profile: services");
  });

  it("warns when a pool's largest size cannot hold the cells on it at peak x burst", () => {
    const config = raw("aws-prod");
    config.target.nodePools.dedicatedOverrides.globex = { instanceTypes: ["c7i.xlarge"], min: 1, max: 2 };
    const result = validate(config, "aws-prod");
    expect(result.ok).toBe(true);
    const warning = at(result.warnings, "im-platform:target.nodePools.dedicatedOverrides.globex.max");
    expect(warning?.message).toMatch(
      /^got 2; pool "vip-globex" reaches 2 c7i.xlarge nodes, but at 02:00 UTC cells globex need \d+ for their tenants' declared peak x burst; raise it to at least \d+/,
    );
  });
});

describe("tenancy.sizing.mode: derive", () => {
  it("fills in the bounds and quota the load derives where a VIP gives none, and keeps what it gives", () => {
    const config = raw();
    const initech = tenant(config, "initech");
    delete initech.quota;
    initech.load = { peakConnections: 200_000, peakMessagesPerSecond: 1_000, burstFactor: 1, utcOffsetHours: 8 };
    config.tenancy.sizing = { mode: "derive" };
    const result = validate(config);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const derived = result.config.tenants.find((entry) => entry.id === "initech")!;
    // Its own msggateway max (12) stays, and is reported short; rpc-msg takes the derived max.
    expect(derived.scaling.msggateway).toEqual({ min: 3, max: 12 });
    expect(derived.scaling["rpc-msg"]?.max).toBe(Math.ceil(1_000 / OPENIM_CAPACITY.messageRpc.messagesPerSecond));
    expect(at(result.warnings, "im-platform:tenants[2].scaling.msggateway.max")).toBeDefined();
    expect(at(result.warnings, "im-platform:tenants[2].scaling.rpc-msg.max")).toBeUndefined();
    expect(derived.quota?.cpu).not.toBe(result.config.tenants[0]?.quota?.cpu);
    expect(derived.quota).toEqual(expect.objectContaining({ storage: "0" }));
  });

  it("yields a config that validates again to itself, the derived values now given", () => {
    const config = raw();
    const initech = tenant(config, "initech");
    delete initech.quota;
    initech.load = { peakConnections: 90_000, peakMessagesPerSecond: 700, utcOffsetHours: 8 };
    config.tenancy.sizing = { mode: "derive" };
    const first = validate(config);
    if (!first.ok) throw new Error(JSON.stringify(first.issues));
    const again = validate({ ...config, tenants: deepClone(first.config.tenants) });
    expect(again.ok && again.config.tenants).toEqual(first.config.tenants);
  });

  it("leaves a tenant without declared load as it was", () => {
    const config = raw();
    delete tenant(config, "initech").load;
    const checked = validate(config);
    config.tenancy.sizing = { mode: "derive" };
    const derived = validate(config);
    if (!checked.ok || !derived.ok) throw new Error("the sample stack no longer validates");
    expect(derived.config.tenants[2]).toEqual(checked.config.tenants[2]);
    expect(derived.config.tenants[2]?.load).toBeUndefined();
  });
});

describe("bad declared load", () => {
  it.each([
    [{ peakConnections: -5 }, "load.peakConnections", /must be 0 or more/],
    [{ peakConnections: 10, peakMessagesPerSecond: -1 }, "load.peakMessagesPerSecond", /must be 0 or more/],
    [{ peakConnections: 10, hourly: [1, 2, 3] }, "load.hourly", /must list 24 values, one per local hour/],
    [{ peakConnections: 10, hourly: new Array(24).fill(0) }, "load.hourly", /must have a value above 0/],
    [{ peakConnections: 10, hourly: [...new Array(23).fill(1), -2] }, "load.hourly[23]", /must be 0 or more/],
    [{ peakConnections: 10, utcOffsetHours: 15 }, "load.utcOffsetHours", /between -12 and 14/],
    [{ peakConnections: 10, utcOffsetHours: 5.3 }, "load.utcOffsetHours", /quarter hours/],
    [{ peakConnections: 10, burstFactor: 0.5 }, "load.burstFactor", /must be at least 1/],
    [{ peakConnections: 10.5 }, "load.peakConnections", /expected int/],
    [{}, "load", /declares no load: give peakConnections, peakMessagesPerSecond or both/],
    [{ peakConection: 10 }, "load.peakConection", /did you mean "peakConnections"/],
  ])("%j is refused at tenants[0].%s", (load, field, message) => {
    const config = raw();
    tenant(config, "acme").load = load;
    const result = validate(config);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(at(result.issues, `im-platform:tenants[0].${field}`)?.message).toMatch(message);
  });

  it("refuses an unknown sizing mode and a burst factor below 1, naming each", () => {
    const config = raw();
    config.tenancy.sizing = { mode: "guess", burstFactor: 0.9 };
    const result = validate(config);
    if (result.ok) throw new Error("accepted");
    expect(at(result.issues, "im-platform:tenancy.sizing.mode")?.message).toMatch(/allowed: "check", "derive"/);
    expect(at(result.issues, "im-platform:tenancy.sizing.burstFactor")?.message).toMatch(/at least 1/);
  });
});
