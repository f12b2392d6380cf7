import { beforeAll, describe, expect, it } from "vitest";
import { gcpTarget } from "../../../components/targets/gcp/definition";
import { gcpTargetSchema } from "../../../components/targets/gcp/schema";
import { cloudDnsTraffic } from "../../../components/targets/gcp/traffic";
import { failoverRecord, namedIn, ofType, publishOn, weightedRecord, type Published } from "../traffic-helpers";

const G = {
  recordSet: "gcp:dns/recordSet:RecordSet",
  check: "gcp:compute/healthCheck:HealthCheck",
} as const;
const PROBE_REGIONS = ["us-east4", "europe-west1", "asia-southeast1"];

describe("Cloud DNS as the GCP target's global traffic", () => {
  let published: Published;
  let other: Published;
  beforeAll(async () => {
    published = await publishOn("gcp-dev", "main", [
      { ...failoverRecord("ip"), healthCheck: { ...failoverRecord("ip").healthCheck, intervalSeconds: 30 } },
      weightedRecord("ip"),
    ]);
    other = await publishOn("gcp-dev", "onprem", [failoverRecord("ip")]);
  });

  it("is offered only by the publisher", () => {
    expect(published.offered).toBe(true);
    expect(published.zone).toBe("im.example.com");
    expect(other.offered).toBe(false);
    expect(ofType(other.resources, G.recordSet)).toEqual([]);
    expect(ofType(other.resources, G.check)).toEqual([]);
  });

  it("publishes a failover hostname as a primary/backup A record set behind a TCP check from three regions", () => {
    expect(ofType(published.resources, G.recordSet)).toHaveLength(2);
    expect(ofType(published.resources, G.check)).toHaveLength(2);
    const check = namedIn(published.resources, G.check, "traffic-acme-gateway-check");
    expect(check.name).toMatch(/^traffic-acme-gateway-[0-9a-f]{8}$/);
    expect(check).toMatchObject({
      sourceRegions: PROBE_REGIONS,
      checkIntervalSec: 30,
      timeoutSec: 5,
      unhealthyThreshold: 2,
      tcpHealthCheck: { port: 10001 },
    });
    expect(check.httpsHealthCheck).toBeUndefined();
    const record = namedIn(published.resources, G.recordSet, "traffic-acme-gateway");
    expect(record).toMatchObject({
      managedZone: "im-example-com",
      name: "acme-ws.im.example.com.",
      type: "A",
      ttl: 20,
    });
    expect(record.rrdatas).toBeUndefined();
    expect(record.routingPolicy).toEqual({
      healthCheck: `projects/${check.project}/global/healthChecks/${check.name}`,
      primaryBackup: {
        primary: { externalEndpoints: ["203.0.113.10"] },
        backupGeos: [{ location: "europe-west1", healthCheckedTargets: { externalEndpoints: ["198.51.100.20"] } }],
        trickleRatio: 0,
      },
    });
  });

  it("publishes a weighted hostname as round robin over health-checked items, probed over HTTPS on the path", () => {
    const check = namedIn(published.resources, G.check, "traffic-shared-api-check");
    expect(check).toMatchObject({
      checkIntervalSec: 30,
      timeoutSec: 7,
      unhealthyThreshold: 3,
      httpsHealthCheck: { port: 443, requestPath: "/healthz", host: "shared-api.im.example.com" },
    });
    expect(namedIn(published.resources, G.recordSet, "traffic-shared-api")).toMatchObject({
      name: "shared-api.im.example.com.",
      type: "A",
      ttl: 30,
      routingPolicy: {
        wrrs: [
          { weight: 70, healthCheckedTargets: { externalEndpoints: ["192.0.2.1"] } },
          { weight: 30, healthCheckedTargets: { externalEndpoints: ["192.0.2.2"] } },
        ],
      },
    });
  });

  it("refuses an endpoint addressed by a DNS name, which Cloud DNS cannot health-check", () => {
    const traffic = cloudDnsTraffic({
      zone: "im.example.com",
      managedZone: "im-example-com",
      project: "im-platform-dev",
      region: "europe-west1",
      probeRegions: PROBE_REGIONS,
    });
    // Refused before anything is registered.
    expect(() => traffic.publish(failoverRecord("hostname"), {})).toThrow(/Cloud DNS health-checks IP addresses only/);
  });

  it("declares what Cloud DNS accepts: IP endpoints only, intervals from 30 s", () => {
    const facts = gcpTarget.globalTraffic!({} as never);
    expect(facts).toMatchObject({
      service: "cloud-dns",
      healthCheckIntervals: { min: 30, max: 300 },
      failureThreshold: { min: 1, max: 10 },
      endpointKinds: ["ip"],
      probeProtocols: ["TCP", "HTTP", "HTTPS"],
    });
    expect(facts.source).toMatch(/cloud\.google\.com\/dns\/docs/);
  });

  it("takes exactly three probe regions", () => {
    const base = { kind: "gcp", project: "im-platform-dev", projectNumber: "123456789" };
    expect(gcpTargetSchema.safeParse({ ...base, dnsProbeRegions: ["europe-west1", "us-east4"] }).success).toBe(false);
  });
});
