import { describe, expect, it } from "vitest";
import type { EdgeConfig } from "../../../components/config/types";
import { validateStackConfig } from "../../../components/stack/validate";
import {
  effectiveIdleTimeout,
  PROPAGATION_SECONDS,
  planEdgeTimings,
  SHUTDOWN_BUFFER_SECONDS,
} from "../../../components/core/edge-timing";
import {
  azureEdgeProfile,
  idleTimeoutMinutes,
  LB_MAX_IDLE_SECONDS,
  probeTiming,
} from "../../../components/targets/azure/edge-profile";
import { GATEWAY_STOP_OVERHEAD_SECONDS, longestPodGraceSeconds } from "../../../components/targets/azure/fit";
import { azureEdgeWarnings } from "../../../components/targets/azure/warnings";
import { checkAzureRanges, nodesForPodRange, nodesForSubnet } from "../../../components/targets/azure/ranges";
import { agentPoolName, AGENT_POOL_NAME, poolNodes, surgeNodes } from "../../../components/targets/azure/plan";
import { resolveAzureSettings } from "../../../components/targets/azure/settings";
import { deepClone } from "../../helpers/stack";
import { azureRawConfig, type Raw } from "./helpers";
import { expectIssueAt } from "../../helpers/config";

type Case = [string, (raw: Raw) => void, string, RegExp];

/** Each case breaks the valid azure-dev config one way; the message must name the path and the fix. */
const badDevConfigs: Case[] = [
  [
    "missing subscription",
    (r) => {
      delete r.target.subscriptionId;
    },
    "im-platform:target.subscriptionId",
    /required/,
  ],
  [
    "subscription not a GUID",
    (r) => {
      r.target.subscriptionId = "my-subscription";
    },
    "im-platform:target.subscriptionId",
    /not an Azure subscription id; use the GUID form/,
  ],
  [
    "tenant not a GUID",
    (r) => {
      r.target.tenantId = "contoso.onmicrosoft.com";
    },
    "im-platform:target.tenantId",
    /not a Microsoft Entra tenant id/,
  ],
  [
    "a zone Azure does not have",
    (r) => {
      r.target.zones = ["1", "4"];
    },
    "im-platform:target.zones[1]",
    /allowed: "1", "2", "3"/,
  ],
  [
    "a zone listed twice",
    (r) => {
      r.target.zones = ["1", "1"];
    },
    "im-platform:target.zones[1]",
    /duplicates zones\[0\]/,
  ],
  [
    "typo in a key",
    (r) => {
      r.target.apiServer.authorisedIpRanges = ["198.51.100.0/24"];
    },
    "im-platform:target.apiServer.authorisedIpRanges",
    /did you mean "authorizedIpRanges"/,
  ],
  [
    "Kubernetes too old for the preStop sleep",
    (r) => {
      r.target.kubernetesVersion = "1.29";
    },
    "im-platform:target.kubernetesVersion",
    /older than 1.30/,
  ],
  [
    "node subnet outside the VNet",
    (r) => {
      r.target.network.nodesCidr = "10.99.0.0/22";
    },
    "im-platform:target.network.nodesCidr",
    /not inside network.vnetCidr \(10.50.0.0\/16\)/,
  ],
  [
    "edge subnet overlapping the nodes",
    (r) => {
      r.target.network.edgeCidr = "10.50.2.0/24";
    },
    "im-platform:target.network.edgeCidr",
    /overlaps network.nodesCidr \(10.50.0.0\/22\)/,
  ],
  [
    "pod range inside the VNet",
    (r) => {
      r.target.network.podCidr = "10.50.128.0/17";
    },
    "im-platform:target.network.podCidr",
    /overlaps network.vnetCidr/,
  ],
  [
    "Service range overlapping the pods",
    (r) => {
      r.target.network.serviceCidr = "10.244.0.0/20";
      r.target.network.dnsServiceIp = "10.244.0.10";
    },
    "im-platform:target.network.serviceCidr",
    /overlaps network.podCidr/,
  ],
  [
    "API server subnet smaller than a /28",
    (r) => {
      r.target.network.apiServerCidr = "10.50.5.32/29";
    },
    "im-platform:target.network.apiServerCidr",
    /between \/8 and \/28/,
  ],
  [
    "DNS address outside the Service range",
    (r) => {
      r.target.network.dnsServiceIp = "172.30.0.10";
    },
    "im-platform:target.network.dnsServiceIp",
    /not inside network.serviceCidr/,
  ],
  [
    "DNS address taken by the kubernetes Service",
    (r) => {
      r.target.network.dnsServiceIp = "172.20.0.1";
    },
    "im-platform:target.network.dnsServiceIp",
    /kubernetes Service's address/,
  ],
  [
    "DNS address not an address",
    (r) => {
      r.target.network.dnsServiceIp = "172.20.0.300";
    },
    "im-platform:target.network.dnsServiceIp",
    /not an IPv4 address/,
  ],
  [
    "CIDR with host bits",
    (r) => {
      r.target.network.nodesCidr = "10.50.1.0/22";
    },
    "im-platform:target.network.nodesCidr",
    /did you mean "10.50.0.0\/22"/,
  ],
  [
    "IPv6 Service range",
    (r) => {
      r.target.network.serviceCidr = "fd00::/108";
    },
    "im-platform:target.network.serviceCidr",
    /IPv4/,
  ],
  [
    "node subnet too small for the pools",
    (r) => {
      r.target.network.nodesCidr = "10.50.0.0/29";
    },
    "im-platform:target.network.nodesCidr",
    /holds 3 node addresses but the node pools may grow to 10/,
  ],
  [
    "pod range too small for the pools",
    (r) => {
      r.target.network.podCidr = "10.244.0.0/22";
    },
    "im-platform:target.network.podCidr",
    /pod ranges for 4 nodes .* may grow to 10; use a \/20 or larger/,
  ],
  [
    "world-open API server",
    (r) => {
      r.target.apiServer.authorizedIpRanges = ["0.0.0.0/0"];
    },
    "im-platform:target.apiServer.authorizedIpRanges[0]",
    /whole internet/,
  ],
  [
    "over-broad API server range",
    (r) => {
      r.target.apiServer.authorizedIpRanges = ["64.0.0.0/3"];
    },
    "im-platform:target.apiServer.authorizedIpRanges[0]",
    /over-broad/,
  ],
  [
    "public API server without ranges",
    (r) => {
      r.target.apiServer.authorizedIpRanges = [];
    },
    "im-platform:target.apiServer.authorizedIpRanges",
    /is required while the API server is public/,
  ],
  [
    "authorized ranges on a private cluster",
    (r) => {
      r.target.apiServer.privateCluster = true;
    },
    "im-platform:target.apiServer.authorizedIpRanges",
    /applies to a public API server only/,
  ],
  [
    "spot on the VIP pools",
    (r) => {
      r.target.nodePools.dedicated = { spot: true };
    },
    "im-platform:target.nodePools.dedicated.spot",
    /never run on spot VMs/,
  ],
  [
    "spot for one VIP tenant",
    (r) => {
      r.target.nodePools.dedicatedOverrides = { initech: { spot: true } };
    },
    "im-platform:target.nodePools.dedicatedOverrides.initech.spot",
    /never run on spot VMs/,
  ],
  [
    "pool min above max",
    (r) => {
      r.target.nodePools.shared.min = 8;
    },
    "im-platform:target.nodePools.shared.min",
    /greater than max \(6\)/,
  ],
  [
    "no system node",
    (r) => {
      r.target.nodePools.system.min = 0;
    },
    "im-platform:target.nodePools.system.min",
    /at least 1/,
  ],
  [
    "bad VM size",
    (r) => {
      r.target.nodePools.system.vmSize = "big";
    },
    "im-platform:target.nodePools.system.vmSize",
    /not an Azure VM size/,
  ],
  [
    "no surge",
    (r) => {
      r.target.nodePools.shared.maxSurge = "0";
    },
    "im-platform:target.nodePools.shared.maxSurge",
    /node count .* or a percentage/,
  ],
  [
    "no admin group",
    (r) => {
      r.target.adminGroupObjectIds = [];
    },
    "im-platform:target.adminGroupObjectIds",
    /at least one Entra group/,
  ],
  [
    "yearly rotation exceeded",
    (r) => {
      r.target.keyVault.rotationDays = 400;
    },
    "im-platform:target.keyVault.rotationDays",
    /365/,
  ],
  [
    "soft delete beyond Azure's limit",
    (r) => {
      r.target.keyVault.softDeleteRetentionDays = 120;
    },
    "im-platform:target.keyVault.softDeleteRetentionDays",
    /90/,
  ],
  [
    "vault name with a double dash",
    (r) => {
      r.target.keyVault.name = "kv--platform";
    },
    "im-platform:target.keyVault.name",
    /single '-'/,
  ],
  [
    "Application Gateway subnet smaller than a /24",
    (r) => {
      r.target.applicationGateway = { enabled: true };
      r.target.network.appGatewayCidr = "10.50.6.0/25";
    },
    "im-platform:target.network.appGatewayCidr",
    /between \/8 and \/24/,
  ],
  [
    "TLS at the L4 edge",
    (r) => {
      r.edge.tls = { mode: "edge", certificate: "https://kv.vault.azure.net/certificates/edge" };
    },
    "im-platform:edge.tls.mode",
    /L4 and cannot terminate TLS/,
  ],
  [
    "idle timeout beyond 100 minutes",
    (r) => {
      r.edge.idleTimeoutSeconds = 6060;
    },
    "im-platform:edge.idleTimeoutSeconds",
    /exceeds the azure load balancer maximum of 6000 s/,
  ],
  [
    "internal edge with public clients",
    (r) => {
      r.target.loadBalancer = { internal: true };
      r.edge.publicClients = true;
      r.edge.allowedSourceCidrs = ["0.0.0.0/0"];
    },
    "im-platform:target.loadBalancer.internal",
    /no public address/,
  ],
  [
    "DNS label on an internal edge",
    (r) => {
      r.target.loadBalancer = { internal: true, dnsLabelPrefix: "im-dev" };
    },
    "im-platform:target.loadBalancer.dnsLabelPrefix",
    /internal load balancer has none/,
  ],
  [
    "autoscaler cutting the gateways' drain",
    (r) => {
      r.target.autoscaler = { maxGracefulTerminationSeconds: 60 };
    },
    "im-platform:target.autoscaler.maxGracefulTerminationSeconds",
    /shorter than the longest pod grace period \(80 s/,
  ],
  [
    "override for a tenant without a pool",
    (r) => {
      r.target.nodePools.dedicatedOverrides = { initech: { max: 4 } };
    },
    "im-platform:target.nodePools.dedicatedOverrides.initech",
    /names no VIP tenant with dedicatedNodePool: true/,
  ],
  [
    "node subnet too small once the VIP pools are counted",
    (r) => {
      r.target.network.nodesCidr = "10.50.0.0/28";
      r.tenants[1].dedicatedNodePool = true;
    },
    "im-platform:target.network.nodesCidr",
    /may grow to 21 .*counting the dedicated VIP pools/,
  ],
];

const badProdConfigs: Case[] = [
  [
    "public API server",
    (r) => {
      r.target.apiServer = { privateCluster: false, authorizedIpRanges: ["10.60.0.0/24"] };
    },
    "im-platform:target.apiServer.privateCluster",
    /refused in prod/,
  ],
  [
    "Free tier",
    (r) => {
      r.target.skuTier = "Free";
    },
    "im-platform:target.skuTier",
    /refused in prod/,
  ],
  [
    "no upgrades",
    (r) => {
      r.target.upgradeChannel = "none";
    },
    "im-platform:target.upgradeChannel",
    /refused in prod/,
  ],
  [
    "one zone",
    (r) => {
      r.target.zones = ["1"];
    },
    "im-platform:target.zones",
    /prod needs at least 2/,
  ],
  [
    "TLS at the edge even with the gateway enabled",
    (r) => {
      r.edge.tls = { mode: "edge", certificate: "https://kv.vault.azure.net/certificates/edge" };
    },
    "im-platform:edge.tls.mode",
    /TLS ends in the pod/,
  ],
];

describe("Azure target config", () => {
  it("accepts both sample stacks", () => {
    for (const stack of ["azure-dev", "azure-prod"] as const) {
      const result = validateStackConfig(azureRawConfig(stack));
      expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
    }
  });

  it("applies the defaults to a minimal target", () => {
    const raw = azureRawConfig("azure-dev");
    raw.target = {
      kind: "azure",
      subscriptionId: "00000000-0000-0000-0000-000000000000",
      tenantId: "11111111-1111-1111-1111-111111111111",
      adminGroupObjectIds: ["22222222-2222-2222-2222-222222222222"],
      apiServer: { authorizedIpRanges: ["198.51.100.0/24"] },
    };
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.config.targets[0]?.cluster).toMatchObject({
      location: "westeurope",
      zones: ["1", "2", "3"],
      kubernetesVersion: "1.32",
      networkPolicy: "cilium",
      network: {
        vnetCidr: "10.50.0.0/16",
        nodesCidr: "10.50.0.0/20",
        podCidr: "10.244.0.0/16",
        serviceCidr: "172.20.0.0/16",
        dnsServiceIp: "172.20.0.10",
      },
      keyVault: { sku: "standard", rotationDays: 90, softDeleteRetentionDays: 90 },
      nodePools: {
        system: { min: 2, max: 4, maxSurge: "1" },
        shared: { spot: false, min: 2, max: 20 },
        dedicated: { min: 1, max: 10 },
      },
      autoscaler: { scaleDownUnneededMinutes: 10, expander: "least-waste", maxGracefulTerminationSeconds: 600 },
      applicationGateway: { enabled: false, wafMode: "Prevention" },
      kubeconfigLogin: "azurecli",
    });
  });

  describe.each(badDevConfigs)("%s", (_title, breakIt, path, message) => {
    it(`is reported at ${path}, before any resource exists`, () => {
      const raw = deepClone(azureRawConfig("azure-dev"));
      breakIt(raw);
      expectIssueAt(raw, path, message);
    });
  });

  describe.each(badProdConfigs)("prod: %s", (_title, breakIt, path, message) => {
    it(`is reported at ${path}`, () => {
      const raw = deepClone(azureRawConfig("azure-prod"));
      breakIt(raw);
      expectIssueAt(raw, path, message);
    });
  });

  it("checks the Application Gateway subnet only when the gateway is enabled", () => {
    const raw = deepClone(azureRawConfig("azure-dev"));
    raw.target.network.appGatewayCidr = "10.50.0.0/25";
    expect(validateStackConfig(raw).ok).toBe(true);
    raw.target.applicationGateway = { enabled: true };
    expectIssueAt(raw, "im-platform:target.network.appGatewayCidr", /between \/8 and \/24/);
  });

  it("derives the environment's defaults; explicit settings win", () => {
    const result = validateStackConfig(azureRawConfig("azure-prod"));
    if (!result.ok) throw new Error("azure-prod is invalid");
    const cluster = result.config.targets[0]!.cluster;
    if (cluster.kind !== "azure") throw new Error("expected an azure target");
    expect(resolveAzureSettings(cluster, "prod")).toMatchObject({
      privateCluster: true,
      upgradeChannel: "stable",
      skuTier: "Standard",
      prometheusPublicQuery: false,
      data: {
        redis: { sku: "Balanced_B1", highAvailability: true, persistence: "aof" },
        kafka: { sku: "Premium", zoneRedundant: true },
        mongodb: { tier: "M30", highAvailability: true },
        deleteLocks: true,
      },
    });
    expect(resolveAzureSettings(cluster, "dev")).toMatchObject({
      privateCluster: false,
      upgradeChannel: "patch",
      skuTier: "Free",
      prometheusPublicQuery: true,
      data: {
        redis: { sku: "Balanced_B0", highAvailability: false, persistence: "none" },
        kafka: { sku: "Standard", zoneRedundant: false },
        mongodb: { tier: "M10", highAvailability: false },
        deleteLocks: false,
      },
    });
    expect(resolveAzureSettings({ ...cluster, upgradeChannel: "rapid", skuTier: "Premium" }, "prod")).toMatchObject({
      upgradeChannel: "rapid",
      skuTier: "Premium",
    });
  });

  it("holds the autoscaler to the gateways' drain: preStop and buffer on top of edge.drainSeconds", () => {
    const result = validateStackConfig(azureRawConfig("azure-prod"));
    if (!result.ok) throw new Error("azure-prod is invalid");
    expect(longestPodGraceSeconds(result.config)).toBe(120 + 20);
  });
});

describe("range maths", () => {
  it.each([
    [20, 4091],
    [22, 1019],
    [28, 11],
    [29, 3],
  ])("a /%i subnet holds %i nodes", (prefix, nodes) => {
    expect(nodesForSubnet(prefix)).toBe(nodes);
  });

  it.each([
    [14, 1024],
    [16, 256],
    [22, 4],
    [24, 1],
  ])("a /%i overlay pod range serves %i nodes", (prefix, nodes) => {
    expect(nodesForPodRange(prefix)).toBe(nodes);
  });

  const ranges = (overrides: Partial<Parameters<typeof checkAzureRanges>[0]>) => ({
    vnetCidr: "10.50.0.0/16",
    nodesCidr: "10.50.0.0/20",
    edgeCidr: "10.50.16.0/24",
    endpointsCidr: "10.50.17.0/27",
    apiServerCidr: "10.50.17.32/28",
    appGatewayCidr: "10.50.18.0/24",
    dataCidr: "10.50.20.0/23",
    podCidr: "10.244.0.0/16",
    serviceCidr: "172.20.0.0/16",
    dnsServiceIp: "172.20.0.10",
    ...overrides,
  });

  it("reports a pod-range capacity problem exactly when the pools outgrow a /24 per node", () => {
    for (let prefix = 8; prefix <= 24; prefix++) {
      for (const maxNodes of [1, 3, 4, 5, 255, 256, 257, 4000]) {
        const issues = checkAzureRanges(
          ranges({
            vnetCidr: "10.50.0.0/16",
            nodesCidr: "10.50.0.0/16",
            edgeCidr: "10.50.0.0/16",
            podCidr: `100.64.0.0/${prefix}`,
          }),
          maxNodes,
          false,
        );
        expect(
          issues.some((issue) => issue.field === "podCidr" && /holds pod ranges/.test(issue.message)),
          `/${prefix} with ${maxNodes}`,
        ).toBe(2 ** (24 - prefix) < maxNodes);
      }
    }
  });

  it("finds a subnet overlap exactly when two subnets share addresses", () => {
    for (let a = 0; a < 8; a++) {
      for (let b = 0; b < 8; b++) {
        const issues = checkAzureRanges(
          ranges({ nodesCidr: `10.50.${a * 2}.0/23`, edgeCidr: `10.50.${b * 2}.0/24` }),
          1,
          false,
        );
        expect(
          issues.some((issue) => issue.field === "edgeCidr" && /overlaps/.test(issue.message)),
          `${a} vs ${b}`,
        ).toBe(a === b);
      }
    }
  });

  it("counts upgrade surge on top of each pool's maximum", () => {
    expect([surgeNodes("1", 20), surgeNodes("33%", 20), surgeNodes("100%", 3), surgeNodes("10%", 1)]).toEqual([
      1, 7, 3, 1,
    ]);
    expect(poolNodes({ max: 6, maxSurge: "1" })).toBe(7);
  });
});

describe("AKS pool names", () => {
  it("keeps short plain tenant ids readable and maps every other id to a valid, distinct name", () => {
    expect(agentPoolName({ name: "vip-initech", tenant: "initech" })).toBe("vipinitech");
    expect(agentPoolName({ name: "shared" })).toBe("shared");
    const ids = [
      "initech",
      "a-b",
      "ab",
      "ab-c",
      "abc",
      "very-long-tenant-id1",
      "very-long-tenant-id2",
      "x1",
      "x-1",
      "umbrellacorp",
      "umbrella-corp",
    ];
    const names = ids.map((tenant) => agentPoolName({ name: `vip-${tenant}`, tenant }));
    for (const name of names) expect(name).toMatch(AGENT_POOL_NAME);
    expect(new Set(names).size).toBe(ids.length);
  });
});

describe("edge timing maths", () => {
  it.each([
    [70, 4],
    [240, 4],
    [241, 5],
    [300, 5],
    [3610, 61],
    [6000, 100],
  ])("an idle timeout of %i s is %i whole minutes", (seconds, minutes) => {
    expect(idleTimeoutMinutes(seconds)).toBe(minutes);
  });

  it("never idles a connection out before its heartbeat, for any heartbeat the edge schema accepts", () => {
    for (let heartbeat = 5; heartbeat <= 3600; heartbeat += 5) {
      const idle = effectiveIdleTimeout({ clientHeartbeatSeconds: heartbeat } as EdgeConfig, LB_MAX_IDLE_SECONDS);
      const minutes = idleTimeoutMinutes(idle);
      expect(minutes * 60, `heartbeat ${heartbeat}`).toBeGreaterThan(heartbeat);
      expect(minutes).toBeGreaterThanOrEqual(4);
      expect(minutes).toBeLessThanOrEqual(100);
    }
  });

  it("takes a node out of rotation before the preStop wait ends, within Azure's probe limits", () => {
    const { healthCheckIntervalSeconds, preStopSeconds } = planEdgeTimings(
      { clientHeartbeatSeconds: 30, drainSeconds: 60 } as EdgeConfig,
      LB_MAX_IDLE_SECONDS,
    );
    const probe = probeTiming(healthCheckIntervalSeconds);
    expect(probe.intervalSeconds * probe.failures).toBeLessThanOrEqual(preStopSeconds);
    for (let interval = 1; interval <= 300; interval++) {
      const timing = probeTiming(interval);
      expect(timing.intervalSeconds).toBeGreaterThanOrEqual(5);
      expect(timing.intervalSeconds * timing.failures).toBeLessThanOrEqual(120);
    }
  });

  it("counts the platform's own stop overhead for gateways", () => {
    expect(GATEWAY_STOP_OVERHEAD_SECONDS).toBe(PROPAGATION_SECONDS + SHUTDOWN_BUFFER_SECONDS);
  });
});

describe("warnings for risky but allowed choices", () => {
  const warningsFor = (stack: "azure-dev" | "azure-prod", change: (raw: Raw) => void = () => undefined): string[] => {
    const raw = deepClone(azureRawConfig(stack));
    change(raw);
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const target = result.config.targets[0]!.cluster;
    if (target.kind !== "azure") throw new Error("expected an azure target");
    return azureEdgeWarnings(target, result.config, result.config.targets[0]!.plan);
  };

  it("names the setting that puts a WAF in front of the API, or the step still missing", () => {
    expect(warningsFor("azure-dev")).toEqual([
      expect.stringMatching(/no WAF guards; set target.applicationGateway.enabled/),
    ]);
    expect(warningsFor("azure-prod")).toEqual([
      expect.stringMatching(/applicationGateway is enabled, but the public API still has an L4 load balancer/),
    ]);
    expect(
      warningsFor("azure-dev", (r) => {
        r.services.push({ name: "api", exposure: "internal" });
      }),
    ).toEqual([]);
  });

  it("says when a configured idle timeout is rounded to whole minutes, and only then", () => {
    expect(
      warningsFor("azure-prod", (r) => {
        r.edge.idleTimeoutSeconds = 250;
        r.target.applicationGateway.enabled = false;
        r.services = [{ name: "api", exposure: "internal" }];
      }),
    ).toEqual([expect.stringMatching(/250 s becomes 5 min/)]);
    expect(warningsFor("azure-prod").some((warning) => /becomes/.test(warning))).toBe(false);
  });
});

describe("where the Azure edge reaches pods from", () => {
  const options = { internal: false, edgeSubnetName: "edge", publicIpPrefix: "im" };

  it("is the clients alone for the L4 balancer, which keeps their address and probes the node", () => {
    expect(azureEdgeProfile(options).loadBalancerSourceCidrs).toEqual({ gateway: [], api: [] });
  });

  it("adds the Application Gateway for Containers subnet to the API, whose proxies connect from there", () => {
    expect(azureEdgeProfile({ ...options, appGatewayCidr: "10.60.18.0/24" }).loadBalancerSourceCidrs).toEqual({
      gateway: [],
      api: ["10.60.18.0/24"],
    });
  });
});
