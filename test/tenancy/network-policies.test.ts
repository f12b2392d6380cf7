import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";
import type { PlatformConfig } from "../../components/config/types";
import { cellNetworkPolicies } from "../../components/tenancy/network-policies";
import { deepClone, localRawConfig } from "../helpers/stack";
import { servicesInProfile } from "../../components/config/services";
import type { Profile } from "../../components/config/service-schema";

function config(edge: Record<string, unknown>): PlatformConfig {
  const raw = deepClone(localRawConfig()) as Record<string, Record<string, unknown>>;
  raw.edge = { ...raw.edge, ...edge };
  const result = validateStackConfig(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
}

function edgeSources(
  platform: PlatformConfig,
  loadBalancerSourceCidrs: { gateway: string[]; api: string[] },
  profile: Profile = "services",
): Record<string, string[]> {
  const policies = cellNetworkPolicies({
    cell: "acme",
    services: servicesInProfile(platform.services, profile),
    edge: platform.edge,
    apiServerCidrs: [],
    loadBalancerSourceCidrs,
    scrapers: [],
  });
  return Object.fromEntries(
    Object.entries(policies)
      .filter(([name]) => name.startsWith("allow-edge-"))
      .map(([name, spec]) => [
        name,
        (spec.ingress as Array<{ from: Array<{ ipBlock: { cidr: string } }> }>)[0]!.from.map(
          (peer) => peer.ipBlock.cidr,
        ),
      ]),
  );
}

describe("the edge's NetworkPolicy sources", () => {
  const restricted = config({ publicClients: false, allowedSourceCidrs: ["198.51.100.0/24"] });

  it("are the client ranges, then the load balancer's own ranges for each listener role", () => {
    expect(edgeSources(restricted, { gateway: ["10.0.0.0/24"], api: ["10.0.1.0/24"] })).toEqual({
      "allow-edge-msggateway": ["198.51.100.0/24", "10.0.0.0/24"],
      "allow-edge-api": ["198.51.100.0/24", "10.0.1.0/24"],
    });
  });

  it("list a range once when the clients already include it", () => {
    expect(edgeSources(restricted, { gateway: ["198.51.100.0/24"], api: [] })["allow-edge-msggateway"]).toEqual([
      "198.51.100.0/24",
    ]);
  });

  it("are the whole internet alone when clients are public", () => {
    const open = config({ publicClients: true, allowedSourceCidrs: ["0.0.0.0/0"] });
    expect(edgeSources(open, { gateway: ["10.0.0.0/24"], api: ["10.0.1.0/24"] })).toEqual({
      "allow-edge-msggateway": ["0.0.0.0/0"],
      "allow-edge-api": ["0.0.0.0/0"],
    });
  });

  it("admit both listeners' ranges to a compact server, which carries the gateway and the API", () => {
    expect(edgeSources(restricted, { gateway: ["10.0.0.0/24"], api: ["10.0.1.0/24"] }, "compact")).toEqual({
      "allow-edge-openim-server": ["198.51.100.0/24", "10.0.0.0/24", "10.0.1.0/24"],
    });
  });
});
