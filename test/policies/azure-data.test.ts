import { describe, expect, it } from "vitest";
import { AZURE_DATA_TYPES as DATA, AZURE_TYPES, ENVIRONMENT_TAG } from "../../components/targets/azure/conventions";
import { azureSecurityRules } from "../../components/targets/azure/rules";
import type { Props } from "../../policies/rules/types";
import { dataCases, dataCompliant, namespace, prodDataTier, redis } from "./azure-data-cases";
import { messagesOf } from "./helpers";

const dataRules = azureSecurityRules.filter((rule) => rule.name.startsWith("azure-data-"));
const asResource = (type: string, props: Props) => [{ type, name: "subject", props }];
type Tier = ReturnType<typeof prodDataTier>;
const change = (tier: Tier, type: string, patch: Props): Tier =>
  tier.map((resource) => (resource.type === type ? { ...resource, props: { ...resource.props, ...patch } } : resource));
const resilience = (tier: Tier) => messagesOf("azure-data-prod-resilience", tier);

describe("Azure managed data rules", () => {
  it("are IMS214-IMS218, each with a violating case", () => {
    expect(dataRules.map((rule) => rule.id)).toEqual(["IMS214", "IMS215", "IMS216", "IMS217", "IMS218"]);
    for (const rule of dataRules.filter((r) => r.kind === "resource"))
      expect(
        dataCases.some((c) => c.policy === rule.name),
        rule.name,
      ).toBe(true);
  });

  it.each(dataCompliant)("a compliant %s passes every data resource rule", (type, props) => {
    for (const rule of dataRules.filter((r) => r.kind === "resource"))
      expect(messagesOf(rule.name, asResource(type, props())), rule.name).toEqual([]);
  });

  it("accept a dev Standard namespace without BYOK (the named exception) and a vCore cluster without a key", () => {
    const devStandard = {
      ...namespace(),
      sku: { name: "Standard" },
      encryption: undefined,
      tags: { [ENVIRONMENT_TAG]: "dev" },
    };
    expect(messagesOf("azure-data-customer-key", asResource(DATA.eventHubNamespace, devStandard))).toEqual([]);
    expect(
      messagesOf(
        "azure-data-customer-key",
        asResource(DATA.mongoCluster, { properties: { publicNetworkAccess: "Disabled" } }),
      ),
    ).toEqual([]);
  });

  describe.each(dataCases)("$policy: $title", ({ policy, type, props, expected }) => {
    it("is reported", () => {
      const messages = messagesOf(policy, asResource(type, props));
      expect(
        messages.some((message) => expected.test(message)),
        messages.join("\n"),
      ).toBe(true);
    });
  });

  describe("azure-data-prod-resilience", () => {
    it("accepts a replicated, persisted, locked prod tier", () => {
      expect(resilience(prodDataTier())).toEqual([]);
    });

    it.each([
      ["unreplicated Redis", DATA.redis, { highAvailability: "Disabled" }, /highAvailability is Disabled/],
      [
        "a Redis database persisting nothing",
        DATA.redisDatabase,
        { persistence: { aofEnabled: false } },
        /persists nothing/,
      ],
      [
        "a Standard namespace on one zone",
        DATA.eventHubNamespace,
        { sku: { name: "Standard" }, zoneRedundant: false },
        /zoneRedundant is not true/,
      ],
      [
        "a vCore cluster without a standby",
        DATA.mongoCluster,
        { properties: { highAvailability: { targetMode: "Disabled" } } },
        /no standby takes over/,
      ],
      [
        "a lock that only blocks writes elsewhere",
        AZURE_TYPES.managementLock,
        { level: "ReadOnly" },
        /no CanNotDelete lock/,
      ],
    ] as const)("reports %s", (_title, type, patch, expected) => {
      const messages = resilience(change(prodDataTier(), type, patch));
      expect(
        messages.some((message) => expected.test(message)),
        messages.join("\n"),
      ).toBe(true);
    });

    it("matches a lock by its notes while the resource id is unknown (preview), and ignores dev resources", () => {
      const previewTier = prodDataTier().map((resource) =>
        resource.type === AZURE_TYPES.managementLock
          ? {
              ...resource,
              props: {
                level: "CanNotDelete",
                notes: `Prod data: x of ${String(resource.props.scope).split("/").pop()}. Remove it by hand.`,
              },
            }
          : resource,
      );
      expect(resilience(previewTier)).toEqual([]);
      const devTier = prodDataTier()
        .filter((resource) => resource.type !== AZURE_TYPES.managementLock)
        .map((resource) => ({ ...resource, props: { ...resource.props, tags: { [ENVIRONMENT_TAG]: "dev" } } }));
      expect(resilience(devTier)).toEqual([]);
      expect(resilience([{ type: DATA.redis, name: "r", props: { ...redis(), tags: {} } }]).length).toBeGreaterThan(0);
    });
  });
});
