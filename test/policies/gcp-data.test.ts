import { describe, expect, it } from "vitest";
import { DATA_TYPES } from "../../components/targets/gcp/conventions";
import { gcpSecurityRules } from "../../components/targets/gcp/rules";
import type { Props } from "../../policies/rules/types";
import { gcpDataCases, gcpDataCompliant, redisFixture } from "./gcp-data-cases";
import { messagesOf } from "./helpers";

const asResource = (type: string, props: Props) => [{ type, name: "subject", props }];

describe("GCP managed data rules", () => {
  it("are registered as GCP rules and each has a violating case", () => {
    const names = [...new Set(gcpDataCases.map((c) => c.policy))];
    for (const name of names) expect(gcpSecurityRules.map((rule) => rule.name)).toContain(name);
    expect(names).toHaveLength(6);
  });

  it.each(gcpDataCompliant)("a compliant %s passes every GCP rule", (type, props) => {
    for (const rule of gcpSecurityRules)
      expect(messagesOf(rule.name, asResource(type, props())), rule.name).toEqual([]);
  });

  it.each(gcpDataCases)("$policy rejects $title", ({ policy, type, props, expected }) => {
    const messages = messagesOf(policy, asResource(type, props));
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join("\n")).toMatch(expected);
  });

  it("holds dev resources to dev's bar, and TLS Redis needs no exception", () => {
    const dev = { labels: { environment: "dev" } };
    expect(
      messagesOf(
        "gcp-data-prod-resilience",
        asResource(DATA_TYPES.redis, { ...redisFixture(), ...dev, tier: "BASIC", deletionProtection: false }),
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        "gcp-redis-transit-encryption",
        asResource(DATA_TYPES.redis, { ...redisFixture(), transitEncryptionMode: "SERVER_AUTHENTICATION", labels: {} }),
      ),
    ).toEqual([]);
  });
});
