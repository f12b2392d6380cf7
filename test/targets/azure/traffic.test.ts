import { beforeAll, describe, expect, it } from "vitest";
import { azureTarget } from "../../../components/targets/azure/definition";
import { failoverRecord, namedIn, ofType, publishOn, weightedRecord, type Published } from "../traffic-helpers";

const T = {
  profile: "azure-native:trafficmanager:Profile",
  recordSet: "azure-native:dns:RecordSet",
  endpoint: "azure-native:trafficmanager:Endpoint",
} as const;
const EXTERNAL = "Microsoft.Network/trafficManagerProfiles/externalEndpoints";

describe("Traffic Manager as the Azure target's global traffic", () => {
  let published: Published;
  let mixed: Published;
  let other: Published;
  beforeAll(async () => {
    published = await publishOn("azure-dev", "main", [
      failoverRecord("ip"),
      {
        ...weightedRecord("ip"),
        endpoints: weightedRecord("ip").endpoints.map((e, i) => ({ ...e, weight: i === 0 ? 100 : 0 })),
      },
    ]);
    mixed = await publishOn("azure-dev", "main", [failoverRecord("hostname")]);
    other = await publishOn("azure-dev", "onprem", [failoverRecord("ip")]);
  });

  it("is offered only by the publisher", () => {
    expect(published.offered).toBe(true);
    expect(published.zone).toBe("im.example.com");
    expect(other.offered).toBe(false);
    expect(ofType(other.resources, T.profile)).toEqual([]);
    expect(ofType(other.resources, T.recordSet)).toEqual([]);
  });

  it("publishes a failover hostname as a Priority profile probing each endpoint over TCP, and a CNAME to it", () => {
    expect(ofType(published.resources, T.profile)).toHaveLength(2);
    expect(ofType(published.resources, T.recordSet)).toHaveLength(2);
    expect(ofType(published.resources, T.endpoint)).toEqual([]);
    const profile = namedIn(published.resources, T.profile, "traffic-acme-gateway");
    const label = profile.profileName as string;
    expect(label).toMatch(/^traffic-acme-gateway-[0-9a-f]{8}$/);
    expect(profile).toMatchObject({
      location: "global",
      profileStatus: "Enabled",
      trafficRoutingMethod: "Priority",
      dnsConfig: { relativeName: label, ttl: 20 },
      monitorConfig: {
        protocol: "TCP",
        port: 10001,
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        toleratedNumberOfFailures: 1,
      },
      tags: { "im-platform-tenant": "acme", "im-platform-role": "gateway" },
    });
    expect(profile.monitorConfig.path).toBeUndefined();
    expect(profile.endpoints).toEqual([
      {
        name: "onprem",
        type: EXTERNAL,
        target: "203.0.113.10",
        alwaysServe: "Disabled",
        endpointStatus: "Enabled",
        priority: 1,
      },
      {
        name: "main",
        type: EXTERNAL,
        target: "198.51.100.20",
        alwaysServe: "Disabled",
        endpointStatus: "Enabled",
        priority: 2,
      },
    ]);
    expect(namedIn(published.resources, T.recordSet, "traffic-acme-gateway-cname")).toEqual({
      resourceGroupName: "im-azure-dev-main",
      zoneName: "im.example.com",
      relativeRecordSetName: "acme-ws",
      recordType: "CNAME",
      ttl: 20,
      cnameRecord: { cname: `${label}.trafficmanager.net` },
    });
  });

  it("publishes a weighted hostname with an HTTPS monitor on the path, a drained endpoint disabled", () => {
    const profile = namedIn(published.resources, T.profile, "traffic-shared-api");
    expect(profile).toMatchObject({
      trafficRoutingMethod: "Weighted",
      dnsConfig: { ttl: 30 },
      monitorConfig: {
        protocol: "HTTPS",
        port: 443,
        path: "/healthz",
        intervalInSeconds: 30,
        timeoutInSeconds: 7,
        toleratedNumberOfFailures: 2,
      },
    });
    expect(profile.endpoints).toEqual([
      {
        name: "onprem",
        type: EXTERNAL,
        target: "192.0.2.1",
        alwaysServe: "Disabled",
        endpointStatus: "Enabled",
        weight: 100,
      },
      {
        name: "main",
        type: EXTERNAL,
        target: "192.0.2.2",
        alwaysServe: "Disabled",
        endpointStatus: "Disabled",
        weight: 1,
      },
    ]);
    expect(namedIn(published.resources, T.recordSet, "traffic-shared-api-cname")).toMatchObject({
      relativeRecordSetName: "shared-api",
      recordType: "CNAME",
      ttl: 30,
    });
  });

  it("takes DNS-named endpoints beside IPs in one profile", () => {
    expect(namedIn(mixed.resources, T.profile, "traffic-acme-gateway").endpoints).toMatchObject([
      { name: "onprem", target: "203.0.113.10", priority: 1 },
      { name: "main", target: "acme-edge-0123.elb.eu-west-1.amazonaws.com", priority: 2 },
    ]);
  });

  it("declares what Traffic Manager accepts", () => {
    const facts = azureTarget.globalTraffic!({} as never);
    expect(facts).toMatchObject({
      service: "traffic-manager",
      healthCheckIntervals: [10, 30],
      failureThreshold: { min: 1, max: 10 },
      timeoutSeconds: { min: 5, max: 9 },
      endpointKinds: ["ip", "hostname"],
      probeProtocols: ["TCP", "HTTP", "HTTPS"],
    });
    expect(facts.source).toMatch(/learn\.microsoft\.com\/en-us\/azure\/traffic-manager/);
  });
});
