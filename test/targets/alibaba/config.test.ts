import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../../components/stack/validate";
import { checkVpcRanges, usableAddresses } from "../../../components/targets/alibaba/ranges";
import { resolveAlibabaSettings } from "../../../components/targets/alibaba/settings";
import { alibabaTargetSchema } from "../../../components/targets/alibaba/schema";
import { deepClone } from "../../helpers/stack";
import { expectIssueAt } from "../../helpers/config";
import { alibabaRawConfig, type Raw } from "./helpers";

/** Each case breaks the valid alibaba-dev config one way; the message must name the path and the fix. */
const badConfigs: Array<[string, (raw: Raw) => void, string, RegExp]> = [
  [
    "region malformed",
    (r) => (r.target.region = "Hangzhou"),
    "im-platform:target.region",
    /not an Alibaba Cloud region/,
  ],
  ["one zone", (r) => (r.target.zones = ["cn-hangzhou-h"]), "im-platform:target.zones", /at least two zones/],
  [
    "zone of another region",
    (r) => (r.target.zones = ["cn-hangzhou-h", "cn-shanghai-b"]),
    "im-platform:target.zones[1]",
    /not in region cn-hangzhou/,
  ],
  [
    "zone twice",
    (r) => (r.target.zones = ["cn-hangzhou-h", "cn-hangzhou-h"]),
    "im-platform:target.zones[1]",
    /listed twice/,
  ],
  [
    "fewer node vSwitches than zones",
    (r) => (r.target.network.nodeCidrs = ["10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"]),
    "im-platform:target.network.nodeCidrs",
    /3 ranges for 2 zones/,
  ],
  [
    "vSwitch outside the VPC",
    (r) => (r.target.network.podCidrs = ["10.0.64.0/19", "10.1.0.0/19"]),
    "im-platform:target.network.podCidrs[1]",
    /not inside network.vpcCidr/,
  ],
  [
    "overlapping vSwitches",
    (r) => (r.target.network.podCidrs = ["10.0.64.0/19", "10.0.4.0/22"]),
    "im-platform:target.network.podCidrs[1]",
    /overlaps network.nodeCidrs\[1\]/,
  ],
  [
    "vSwitch too small",
    (r) => (r.target.network.nodeCidrs = ["10.0.0.0/30", "10.0.4.0/22"]),
    "im-platform:target.network.nodeCidrs[0]",
    /between \/16 and \/29/,
  ],
  [
    "Service range inside the VPC",
    (r) => (r.target.network.serviceCidr = "10.0.200.0/24"),
    "im-platform:target.network.serviceCidr",
    /outside the VPC/,
  ],
  [
    "API server open to everyone",
    (r) => (r.target.apiServer.accessCidrs = ["0.0.0.0/0"]),
    "im-platform:target.apiServer.accessCidrs[0]",
    /whole internet/,
  ],
  [
    "no API server ranges",
    (r) => (r.target.apiServer.accessCidrs = []),
    "im-platform:target.apiServer.accessCidrs",
    /at least one network/,
  ],
  [
    "instance type malformed",
    (r) => (r.target.nodePools.shared.instanceTypes = ["g7.xlarge"]),
    "im-platform:target.nodePools.shared.instanceTypes[0]",
    /not an ECS instance type/,
  ],
  [
    "min above max",
    (r) => (r.target.nodePools.shared.minNodes = 9),
    "im-platform:target.nodePools.shared.minNodes",
    /greater than maxNodes \(8\)/,
  ],
  [
    "short rotation without a KMS instance",
    (r) => (r.target.kms = { rotationDays: 30 }),
    "im-platform:target.kms.rotationDays",
    /default keys rotate every 365 days only; set kms.instanceId/,
  ],
  [
    "TLS at a CLB",
    (r) => {
      r.target.loadBalancer = { type: "clb" };
      r.edge.tls = { mode: "edge", certificate: "123-cn-hangzhou" };
    },
    "im-platform:edge.tls.mode",
    /CLB's TCP listeners cannot terminate TLS/,
  ],
  [
    "heartbeat beyond the balancers' idle limit",
    (r) => (r.edge.clientHeartbeatSeconds = 1200),
    "im-platform:edge.clientHeartbeatSeconds",
    /900 s/,
  ],
  [
    "unknown field",
    (r) => (r.target.vswitchIds = ["vsw-1"]),
    "im-platform:target.vswitchIds",
    /unknown key "vswitchIds"/,
  ],
];

describe("Alibaba target config", () => {
  it("accepts both sample stacks", () => {
    for (const stack of ["alibaba-dev", "alibaba-prod"] as const) {
      const result = validateStackConfig(alibabaRawConfig(stack));
      expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
    }
  });

  it("fills the defaults of a minimal section", () => {
    const raw = alibabaRawConfig("alibaba-dev");
    raw.target = {
      kind: "alibaba",
      zones: ["cn-hangzhou-h", "cn-hangzhou-j"],
      network: { nodeCidrs: ["10.0.0.0/20", "10.0.16.0/20"], podCidrs: ["10.1.0.0/16", "10.2.0.0/16"] },
      apiServer: { accessCidrs: ["198.51.100.0/24"] },
    };
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.config.targets[0]?.cluster).toMatchObject({
      region: "cn-hangzhou",
      clusterSpec: "ack.pro.small",
      network: { vpcCidr: "10.0.0.0/8", serviceCidr: "172.21.0.0/20" },
      kms: { rotationDays: 365, pendingWindowDays: 30 },
      loadBalancer: { type: "nlb", addressType: "internet" },
      nodePools: { shared: { spot: false, minNodes: 2, maxNodes: 20, instanceTypes: ["ecs.g7.xlarge"] } },
    });
  });

  it.each(badConfigs)("rejects %s, naming the field", (_title, mutate, path, message) => {
    const raw = deepClone(alibabaRawConfig("alibaba-dev"));
    mutate(raw);
    expectIssueAt(raw, path, message);
  });

  it("requires three zones in prod, counting from the environment", () => {
    const raw = deepClone(alibabaRawConfig("alibaba-prod"));
    raw.target.zones = raw.target.zones.slice(0, 2);
    raw.target.network.nodeCidrs = raw.target.network.nodeCidrs.slice(0, 2);
    raw.target.network.podCidrs = raw.target.network.podCidrs.slice(0, 2);
    expectIssueAt(raw, "im-platform:target.zones", /prod spreads over at least 3/);
  });

  it("counts the dedicated VIP pools against the node vSwitches", () => {
    const raw = deepClone(alibabaRawConfig("alibaba-prod"));
    raw.target.network.nodeCidrs = ["10.32.0.0/28", "10.32.16.0/28", "10.32.32.0/28"];
    // 3 x 12 addresses hold system and shared (36) but not the VIP pool on top (48).
    expectIssueAt(raw, "im-platform:target.network.nodeCidrs", /counting the dedicated VIP pools/);
  });
});

describe("pod vSwitches", () => {
  it("must hold every pool's pods at its maximum, as many per node as its ENIs allow", () => {
    const raw = deepClone(alibabaRawConfig("alibaba-dev"));
    // System 3 x 12 pods and shared 8 x 45 pods need 396 addresses; two /25s hold 248.
    raw.target.network.podCidrs = ["10.0.64.0/25", "10.0.96.0/25"];
    expectIssueAt(raw, "im-platform:target.network.podCidrs", /hold 248 pod addresses .* may run 396 pods/);
    raw.target.network.podCidrs = ["10.0.64.0/23", "10.0.96.0/23"];
    expect(validateStackConfig(raw).ok).toBe(true);
  });
});

describe("Alibaba settings", () => {
  const parsed = (raw: Raw) => alibabaTargetSchema.parse(raw.target);

  it("keeps prod's API server private and protected, and dev's open to its ranges", () => {
    const prod = resolveAlibabaSettings(parsed(alibabaRawConfig("alibaba-prod")), "prod");
    expect(prod).toEqual({ privateEndpoint: true, deletionProtection: true, upgradeChannel: "stable", minZones: 3 });
    const dev = resolveAlibabaSettings(parsed(alibabaRawConfig("alibaba-dev")), "dev");
    expect(dev).toEqual({ privateEndpoint: false, deletionProtection: false, upgradeChannel: "patch", minZones: 2 });
  });

  it("lets the config override the environment's defaults", () => {
    const raw = deepClone(alibabaRawConfig("alibaba-dev"));
    raw.target.apiServer.privateEndpoint = true;
    raw.target.deletionProtection = true;
    expect(resolveAlibabaSettings(parsed(raw), "dev")).toMatchObject({
      privateEndpoint: true,
      deletionProtection: true,
    });
  });
});

describe("VPC ranges", () => {
  const base = {
    vpcCidr: "10.0.0.0/16",
    nodeCidrs: ["10.0.0.0/24", "10.0.1.0/24"],
    podCidrs: ["10.0.64.0/19", "10.0.96.0/19"],
    serviceCidr: "172.21.0.0/20",
  };

  it("holds as many nodes as the node vSwitches have addresses, less those the VPC keeps", () => {
    expect(usableAddresses(24)).toBe(252);
    expect(checkVpcRanges(base, 504)).toEqual([]);
    expect(checkVpcRanges(base, 505).map((issue) => issue.path)).toEqual([["nodeCidrs"]]);
  });

  it("reports each vSwitch outside the VPC once", () => {
    const issues = checkVpcRanges({ ...base, nodeCidrs: ["10.9.0.0/24", "10.0.1.0/24"] }, 1);
    expect(issues.filter((issue) => /not inside/.test(issue.message)).map((issue) => issue.path)).toEqual([
      ["nodeCidrs", 0],
    ]);
  });
});
