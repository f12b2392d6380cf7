import { beforeAll, describe, expect, it } from "vitest";
import { awsTarget } from "../../../components/targets/aws/definition";
import { hostedZoneId } from "../../../components/targets/aws/mocks";
import { route53Traffic } from "../../../components/targets/aws/traffic";
import { failoverRecord, namedIn, ofType, publishOn, weightedRecord, type Published } from "../traffic-helpers";

const R = {
  record: "aws:route53/record:Record",
  check: "aws:route53/healthCheck:HealthCheck",
} as const;
const ZONE_ID = hostedZoneId("im.example.com");

describe("Route 53 as the AWS target's global traffic", () => {
  let ips: Published;
  let mixed: Published;
  let names: Published;
  let other: Published;
  beforeAll(async () => {
    ips = await publishOn("aws-dev", "main", [failoverRecord("ip"), weightedRecord("ip")]);
    mixed = await publishOn("aws-dev", "main", [failoverRecord("hostname")]);
    names = await publishOn("aws-dev", "main", [weightedRecord("hostname")]);
    other = await publishOn("aws-dev", "onprem", [failoverRecord("ip")]);
  });

  it("is offered only by the publisher, in the configured zone", () => {
    expect(ips.offered).toBe(true);
    expect(ips.zone).toBe("im.example.com");
    expect(other.offered).toBe(false);
    expect(ofType(other.resources, R.record)).toEqual([]);
    expect(ofType(other.resources, R.check)).toEqual([]);
  });

  it("publishes a failover pair of A records, each behind its own TCP check", () => {
    expect(ofType(ips.resources, R.check)).toHaveLength(4);
    expect(ofType(ips.resources, R.record)).toHaveLength(4);
    const primary = namedIn(ips.resources, R.record, "traffic-acme-gateway-onprem");
    expect(primary).toEqual({
      zoneId: ZONE_ID,
      name: "acme-ws.im.example.com",
      type: "A",
      ttl: 20,
      records: ["203.0.113.10"],
      setIdentifier: "onprem",
      healthCheckId: "traffic-acme-gateway-onprem-check-id",
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
    });
    expect(namedIn(ips.resources, R.record, "traffic-acme-gateway-main")).toMatchObject({
      type: "A",
      records: ["198.51.100.20"],
      setIdentifier: "main",
      healthCheckId: "traffic-acme-gateway-main-check-id",
      failoverRoutingPolicies: [{ type: "SECONDARY" }],
    });
    const check = namedIn(ips.resources, R.check, "traffic-acme-gateway-onprem-check");
    expect(check).toMatchObject({
      type: "TCP",
      ipAddress: "203.0.113.10",
      port: 10001,
      requestInterval: 10,
      failureThreshold: 2,
      tags: { "im-platform.io/tenant": "acme", "im-platform.io/role": "gateway" },
    });
    expect(check.fqdn).toBeUndefined();
    expect(check.resourcePath).toBeUndefined();
  });

  it("publishes a weighted group with HTTPS checks on the path, sending the hostname as Host", () => {
    const onprem = namedIn(ips.resources, R.record, "traffic-shared-api-onprem");
    expect(onprem).toMatchObject({
      type: "A",
      ttl: 30,
      records: ["192.0.2.1"],
      setIdentifier: "onprem",
      weightedRoutingPolicies: [{ weight: 70 }],
      healthCheckId: "traffic-shared-api-onprem-check-id",
    });
    expect(onprem.failoverRoutingPolicies).toBeUndefined();
    expect(namedIn(ips.resources, R.record, "traffic-shared-api-main").weightedRoutingPolicies).toEqual([
      { weight: 30 },
    ]);
    expect(namedIn(ips.resources, R.check, "traffic-shared-api-main-check")).toMatchObject({
      type: "HTTPS",
      ipAddress: "192.0.2.2",
      fqdn: "shared-api.im.example.com",
      port: 443,
      resourcePath: "/healthz",
      requestInterval: 30,
      failureThreshold: 3,
    });
  });

  it("publishes DNS-named endpoints as CNAMEs whose checks probe the name", () => {
    expect(ofType(names.resources, R.record)).toHaveLength(2);
    expect(namedIn(names.resources, R.record, "traffic-shared-api-main")).toMatchObject({
      type: "CNAME",
      records: ["edge-2.lb.example.net"],
      weightedRoutingPolicies: [{ weight: 30 }],
    });
    const check = namedIn(names.resources, R.check, "traffic-shared-api-main-check");
    expect(check).toMatchObject({ type: "HTTPS", fqdn: "edge-2.lb.example.net", resourcePath: "/healthz" });
    expect(check.ipAddress).toBeUndefined();
  });

  it("gives an IP a name of its own where the group mixes IPs and DNS names, as a group has one type", () => {
    expect(ofType(mixed.resources, R.check)).toHaveLength(2);
    expect(ofType(mixed.resources, R.record)).toHaveLength(3);
    expect(namedIn(mixed.resources, R.record, "traffic-acme-gateway-onprem-address")).toEqual({
      zoneId: ZONE_ID,
      name: "onprem.acme-ws.im.example.com",
      type: "A",
      ttl: 20,
      records: ["203.0.113.10"],
    });
    expect(namedIn(mixed.resources, R.record, "traffic-acme-gateway-onprem")).toMatchObject({
      type: "CNAME",
      records: ["onprem.acme-ws.im.example.com"],
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
      healthCheckId: "traffic-acme-gateway-onprem-check-id",
    });
    expect(namedIn(mixed.resources, R.record, "traffic-acme-gateway-main")).toMatchObject({
      type: "CNAME",
      records: ["acme-edge-0123.elb.eu-west-1.amazonaws.com"],
      failoverRoutingPolicies: [{ type: "SECONDARY" }],
    });
    expect(namedIn(mixed.resources, R.check, "traffic-acme-gateway-onprem-check")).toMatchObject({
      type: "TCP",
      ipAddress: "203.0.113.10",
    });
  });

  it("refuses a failover group Route 53 cannot answer from, before registering anything", () => {
    const traffic = route53Traffic({
      zone: "im.example.com",
      hostedZoneId: ZONE_ID,
      provider: {} as never,
      parent: {} as never,
    });
    const record = failoverRecord("ip");
    const twoPrimaries = { ...record, endpoints: record.endpoints.map((e) => ({ ...e, role: "primary" as const })) };
    expect(() => traffic.publish(twoPrimaries, {})).toThrow(/one primary and at most one secondary/);
  });

  it("declares what Route 53 accepts", () => {
    const facts = awsTarget.globalTraffic!({} as never);
    expect(facts).toMatchObject({
      service: "route53",
      healthCheckIntervals: [10, 30],
      failureThreshold: { min: 1, max: 10 },
      endpointKinds: ["ip", "hostname"],
      probeProtocols: ["TCP", "HTTP", "HTTPS"],
    });
    expect(facts.timeoutSeconds).toBeUndefined();
    expect(facts.source).toMatch(/docs\.aws\.amazon\.com\/Route53/);
  });
});
