import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../../components/stack/validate";
import { checkClusterRanges, nodesForPodRange, nodesForPrimaryRange } from "../../../components/targets/gcp/ranges";
import { resolveGcpSettings } from "../../../components/targets/gcp/settings";
import { deepClone } from "../../helpers/stack";
import { gcpRawConfig, type Raw } from "./helpers";
import { expectIssueAt } from "../../helpers/config";

/** Each case breaks the valid gcp-dev config one way; the message must name the path and the fix. */
const badConfigs: Array<[string, (raw: Raw) => void, string, RegExp]> = [
  [
    "missing project",
    (r) => {
      delete r.target.project;
    },
    "im-platform:target.project",
    /required/,
  ],
  [
    "project id with upper case",
    (r) => {
      r.target.project = "IM-Platform";
    },
    "im-platform:target.project",
    /not a GCP project id/,
  ],
  [
    "project number with letters",
    (r) => {
      r.target.projectNumber = "12ab";
    },
    "im-platform:target.projectNumber",
    /digits only/,
  ],
  [
    "region malformed",
    (r) => {
      r.target.region = "europe";
    },
    "im-platform:target.region",
    /not a GCP region/,
  ],
  [
    "zone outside the region",
    (r) => {
      r.target.zones = ["europe-west1-b", "us-central1-a"];
    },
    "im-platform:target.zones[1]",
    /not in region europe-west1/,
  ],
  [
    "zone listed twice",
    (r) => {
      r.target.zones = ["europe-west1-b", "europe-west1-b"];
    },
    "im-platform:target.zones[1]",
    /listed twice/,
  ],
  [
    "default zones with another region",
    (r) => {
      r.target.region = "us-central1";
      delete r.target.zones;
    },
    "im-platform:target.zones[0]",
    /not in region us-central1/,
  ],
  [
    "typo in a target key",
    (r) => {
      r.target.masterAuthorisedNetworks = ["10.0.0.0/8"];
    },
    "im-platform:target.masterAuthorisedNetworks",
    /did you mean "masterAuthorizedNetworks"/,
  ],
  [
    "no authorized networks",
    (r) => {
      r.target.masterAuthorizedNetworks = [];
    },
    "im-platform:target.masterAuthorizedNetworks",
    /at least one network/,
  ],
  [
    "world-open control plane",
    (r) => {
      r.target.masterAuthorizedNetworks = ["0.0.0.0/0"];
    },
    "im-platform:target.masterAuthorizedNetworks[0]",
    /whole internet/,
  ],
  [
    "over-broad control plane range",
    (r) => {
      r.target.masterAuthorizedNetworks = ["64.0.0.0/2"];
    },
    "im-platform:target.masterAuthorizedNetworks[0]",
    /over-broad/,
  ],
  [
    "pods overlapping nodes",
    (r) => {
      r.target.network.podsCidr = "10.10.0.0/16";
    },
    "im-platform:target.network.podsCidr",
    /overlaps network.nodesCidr \(10.10.0.0\/22\)/,
  ],
  [
    "services overlapping pods",
    (r) => {
      r.target.network.servicesCidr = "10.16.4.0/22";
    },
    "im-platform:target.network.servicesCidr",
    /overlaps network.podsCidr/,
  ],
  [
    "master range not a /28",
    (r) => {
      r.target.network.masterCidr = "172.16.0.0/24";
    },
    "im-platform:target.network.masterCidr",
    /must be a \/28/,
  ],
  [
    "master range inside the nodes",
    (r) => {
      r.target.network.masterCidr = "10.10.0.16/28";
    },
    "im-platform:target.network.masterCidr",
    /overlaps network.nodesCidr/,
  ],
  [
    "pod range too small for the pools",
    (r) => {
      r.target.network.podsCidr = "10.16.0.0/21";
    },
    "im-platform:target.network.podsCidr",
    /pod ranges for 8 nodes .* may grow to 16; use a \/20 or larger/,
  ],
  [
    "pod range smaller than GKE accepts",
    (r) => {
      r.target.network.podsCidr = "10.16.0.0/24";
    },
    "im-platform:target.network.podsCidr",
    /between \/9 and \/21/,
  ],
  [
    "node range too small for the pools",
    (r) => {
      r.target.network.nodesCidr = "10.10.0.0/28";
    },
    "im-platform:target.network.nodesCidr",
    /holds 12 node addresses .* may grow to 16/,
  ],
  [
    "CIDR with host bits",
    (r) => {
      r.target.network.nodesCidr = "10.10.1.0/22";
    },
    "im-platform:target.network.nodesCidr",
    /did you mean "10.10.0.0\/22"/,
  ],
  [
    "IPv6 services range",
    (r) => {
      r.target.network.servicesCidr = "fd00::/108";
    },
    "im-platform:target.network.servicesCidr",
    /IPv4/,
  ],
  [
    "pool min above max",
    (r) => {
      r.target.nodePools.shared.minNodes = 8;
    },
    "im-platform:target.nodePools.shared.minNodes",
    /greater than maxNodes \(6\)/,
  ],
  [
    "bad machine type",
    (r) => {
      r.target.nodePools.system.machineType = "big";
    },
    "im-platform:target.nodePools.system.machineType",
    /not a machine type/,
  ],
  [
    "spot on the VIP pools",
    (r) => {
      r.target.nodePools.vip = { spot: true };
    },
    "im-platform:target.nodePools.vip.spot",
    /unknown key/,
  ],
  [
    "key rotation beyond 90 days",
    (r) => {
      r.target.kms = { rotationDays: 365 };
    },
    "im-platform:target.kms.rotationDays",
    /90/,
  ],
  [
    "heartbeat beyond the passthrough idle limit",
    (r) => {
      r.edge.clientHeartbeatSeconds = 900;
    },
    "im-platform:edge.clientHeartbeatSeconds",
    /gcp load balancer idle timeout ceiling \(600 s/,
  ],
];

describe("GCP target config", () => {
  it("accepts both sample stacks and applies defaults", () => {
    for (const stack of ["gcp-dev", "gcp-prod"] as const) {
      const result = validateStackConfig(gcpRawConfig(stack));
      expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
    }
    const raw = gcpRawConfig("gcp-dev");
    raw.target = {
      kind: "gcp",
      project: "im-platform-dev",
      projectNumber: "123456789012",
      masterAuthorizedNetworks: ["198.51.100.0/24"],
    };
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.config.targets[0]?.cluster).toMatchObject({
      region: "europe-west1",
      zones: ["europe-west1-b", "europe-west1-c", "europe-west1-d"],
      network: {
        nodesCidr: "10.10.0.0/20",
        podsCidr: "10.16.0.0/14",
        servicesCidr: "10.20.0.0/20",
        masterCidr: "172.16.0.0/28",
      },
      kms: { rotationDays: 90, protectionLevel: "SOFTWARE" },
      nodePools: { shared: { spot: false, minNodes: 1, maxNodes: 10 }, vip: { machineType: "e2-standard-4" } },
    });
  });

  describe.each(badConfigs)("%s", (_title, breakIt, path, message) => {
    it(`is reported at ${path}`, () => {
      const raw = deepClone(gcpRawConfig("gcp-dev"));
      breakIt(raw);
      expectIssueAt(raw, path, message);
    });
  });

  it("derives prod defaults: private endpoint, stable channel, deletion protection; explicit settings win", () => {
    const result = validateStackConfig(gcpRawConfig("gcp-dev"));
    if (!result.ok) throw new Error("gcp-dev is invalid");
    const cluster = result.config.targets[0]!.cluster;
    if (cluster.kind !== "gcp") throw new Error("expected a gcp target");
    expect(resolveGcpSettings(cluster, "prod")).toEqual({
      privateEndpoint: true,
      releaseChannel: "STABLE",
      deletionProtection: true,
    });
    expect(resolveGcpSettings(cluster, "dev")).toEqual({
      privateEndpoint: false,
      releaseChannel: "REGULAR",
      deletionProtection: false,
    });
    expect(resolveGcpSettings({ ...cluster, privateEndpoint: false, releaseChannel: "RAPID" }, "prod")).toMatchObject({
      privateEndpoint: false,
      releaseChannel: "RAPID",
    });
  });
});

describe("checks that need the whole platform", () => {
  it.each([
    [
      "TLS at the edge",
      (r: Raw) => {
        r.edge.tls = { mode: "edge", certificate: "projects/p/certificates/c" };
      },
      "im-platform:edge.tls.mode",
      /cannot terminate TLS/,
    ],
    [
      "pod range too small once the VIP pools are counted",
      (r: Raw) => {
        r.target.network.podsCidr = "10.16.0.0/20";
        r.tenants.push({
          id: "hooli",
          tier: "vip",
          dedicatedNodePool: true,
          quota: { cpu: "24", memory: "48Gi", pods: 150 },
        });
      },
      "im-platform:target.network.podsCidr",
      /may grow to 26;.*counting the dedicated VIP pools/,
    ],
  ])("%s fails config validation, before any resource exists", (_title, breakIt, path, message) => {
    const raw = deepClone(gcpRawConfig("gcp-dev"));
    breakIt(raw);
    const result = validateStackConfig(raw);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.find((issue) => issue.path === path)?.message).toMatch(message);
  });
});

describe("range maths", () => {
  const cidrs = (third: number, prefix: number) => `10.${third}.0.0/${prefix}`;

  it.each([
    [14, 1024],
    [16, 256],
    [21, 8],
    [24, 1],
    [25, 0],
  ])("a /%i pod range serves %i nodes", (prefix, nodes) => {
    expect(nodesForPodRange(prefix)).toBe(nodes);
  });

  it.each([
    [20, 4092],
    [22, 1020],
    [28, 12],
    [29, 4],
  ])("a /%i node range holds %i nodes", (prefix, nodes) => {
    expect(nodesForPrimaryRange(prefix)).toBe(nodes);
  });

  it("reports a capacity problem exactly when the pools outgrow the pod range", () => {
    for (let prefix = 9; prefix <= 21; prefix++) {
      for (const maxNodes of [1, 7, 8, 9, 64, 65, 1000, 4096, 4097]) {
        const issues = checkClusterRanges(
          {
            nodesCidr: "10.0.0.0/8",
            podsCidr: "100.64.0.0/" + String(prefix),
            servicesCidr: "172.20.0.0/16",
            masterCidr: "172.16.0.0/28",
          },
          maxNodes,
        );
        const podIssue = issues.some((issue) => issue.field === "podsCidr");
        expect(podIssue, `/${prefix} with ${maxNodes} nodes`).toBe(2 ** (24 - prefix) < maxNodes);
      }
    }
  });

  it("finds every overlap between disjoint-or-nested ranges, and none between disjoint ones", () => {
    for (let a = 0; a < 8; a++) {
      for (let b = 0; b < 8; b++) {
        const issues = checkClusterRanges(
          {
            nodesCidr: cidrs(a, 24),
            podsCidr: `10.${b}.0.0/16`,
            servicesCidr: "172.20.0.0/20",
            masterCidr: "172.16.0.0/28",
          },
          1,
        );
        expect(
          issues.some((issue) => /overlaps/.test(issue.message)),
          `${a} vs ${b}`,
        ).toBe(a === b);
      }
    }
  });
});
