import { beforeAll, describe, expect, it } from "vitest";
import { DEDICATED_TAINT_KEY, labelKeys } from "../../../components/core/labels";
import { ALIBABA_TYPES as A, EDGE_RULE_PREFIX } from "../../../components/targets/alibaba/conventions";
import { NLB_CLASS } from "../../../components/targets/alibaba/edge-profile";
import { fromSynth } from "../../../scripts/check/load";
import { runPacks } from "../../../scripts/check/run";
import { ALL_PACKS } from "../../../policies/rules/packs";
import { synthesize, type SynthResult } from "../../../scripts/synth/synthesize";
import { deepClone, meta, ofType, T, toStackConfig } from "../../helpers/stack";
import { alibabaRawConfig, idOf, ofKind, only } from "./helpers";

let dev: SynthResult;
let prod: SynthResult;
let clb: SynthResult;

const ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-";

beforeAll(async () => {
  dev = await synthesize(toStackConfig(alibabaRawConfig("alibaba-dev")), "alibaba-dev");
  prod = await synthesize(toStackConfig(alibabaRawConfig("alibaba-prod")), "alibaba-prod");
  const raw = deepClone(alibabaRawConfig("alibaba-dev"));
  raw.target.loadBalancer = { type: "clb" };
  raw.edge.sessionAffinity = "clientIP";
  clb = await synthesize(toStackConfig(raw), "alibaba-dev");
});

const gatewayEdge = (result: SynthResult) =>
  ofType(result.resources, T.service).find(
    (s) => meta(s).name === "msggateway-edge" && (s.inputs as any).spec.type === "LoadBalancer",
  )!;

describe("network", () => {
  it("has a node and a pod vSwitch per zone, NAT egress through an EIP for both, and VPC flow logs", () => {
    const switches = ofKind(prod.resources, A.vswitch);
    expect(switches.map((s) => [s.zoneId, s.cidrBlock, s.tags.role]).sort()).toEqual(
      [
        ["cn-hangzhou-h", "10.32.0.0/20", "nodes"],
        ["cn-hangzhou-j", "10.32.16.0/20", "nodes"],
        ["cn-hangzhou-k", "10.32.32.0/20", "nodes"],
        ["cn-hangzhou-h", "10.36.0.0/16", "pods"],
        ["cn-hangzhou-j", "10.37.0.0/16", "pods"],
        ["cn-hangzhou-k", "10.38.0.0/16", "pods"],
      ].sort(),
    );
    expect(only(prod.resources, A.natGateway)).toMatchObject({ natType: "Enhanced", networkType: "internet" });
    expect(only(prod.resources, A.eipAssociation)).toMatchObject({ instanceType: "Nat" });
    const snat = ofKind(prod.resources, A.snatEntry);
    expect(snat).toHaveLength(6);
    for (const entry of snat) expect(entry.snatIp).toBe("203.0.113.20");
    expect(only(prod.resources, A.flowLog)).toMatchObject({ resourceType: "VPC", trafficType: "All" });
    expect(only(prod.resources, A.logStore)).toMatchObject({ retentionPeriod: 180 });
  });
});

describe("security groups", () => {
  it("admit clients only to the edge's ports, from the allowed ranges, and open no management port", () => {
    const rules = ofKind(dev.resources, A.securityGroupRule);
    for (const rule of rules) {
      expect(rule.description.length).toBeGreaterThan(10);
      if (rule.policy !== "accept") continue;
      expect(rule.cidrIp).not.toBe("0.0.0.0/0");
      const [from, to] = rule.portRange.split("/").map(Number);
      if (from > 0) expect(22 >= from && 22 <= to && !/^10\./.test(rule.cidrIp)).toBe(false);
    }
    const clientRules = rules.filter((rule) => rule.description.startsWith(EDGE_RULE_PREFIX));
    expect([...new Set(clientRules.map((rule) => rule.cidrIp))].sort()).toEqual(["198.51.100.0/24", "203.0.113.0/24"]);
    for (const rule of clientRules) expect(rule.portRange).toMatch(/^(\d+)\/\1$/);
    const controlPlane = rules.filter((rule) => rule.description.startsWith("The control plane"));
    expect(controlPlane.find((rule) => rule.portRange === "10250/10250")?.cidrIp).toBe("10.0.0.0/22");
    // Host-network pods resolve through cluster DNS from the node vSwitches.
    const dns = rules.filter((rule) => rule.portRange === "53/53").map((rule) => [rule.ipProtocol, rule.cidrIp]);
    expect(dns.sort()).toEqual(
      [
        ["tcp", "10.0.0.0/22"],
        ["tcp", "10.0.4.0/22"],
        ["udp", "10.0.0.0/22"],
        ["udp", "10.0.4.0/22"],
      ].sort(),
    );
  });

  it("make the NLB's group a whitelist: a drop of every other source sits under the listener rules", () => {
    const rules = ofKind(dev.resources, A.securityGroupRule);
    const drops = rules.filter((rule) => rule.policy === "drop");
    expect(drops).toEqual([
      expect.objectContaining({ cidrIp: "0.0.0.0/0", portRange: "1/65535", priority: 100, ipProtocol: "tcp" }),
    ]);
    for (const rule of rules.filter((r) => r.policy === "accept")) expect(rule.priority).toBe(1);
  });

  it("admit the world to the edge listener ports only when clients are public", () => {
    const open = ofKind(prod.resources, A.securityGroupRule).filter(
      (rule) => rule.cidrIp === "0.0.0.0/0" && rule.policy === "accept",
    );
    expect(open.length).toBeGreaterThan(0);
    for (const rule of open) {
      expect(rule.description.startsWith(EDGE_RULE_PREFIX)).toBe(true);
      expect(rule.portRange).toMatch(/^(\d+)\/\1$/);
    }
  });
});

describe("keys", () => {
  it("rotate automatically; prod has one per VIP tenant that asks, in its KMS instance", () => {
    const devKeys = ofKind(dev.resources, A.kmsKey);
    // The sample runs managed data, which has a key of its own.
    expect(devKeys.map((key) => key.tags.purpose).sort()).toEqual(["data", "disks", "secrets"]);
    for (const key of devKeys) expect(key).toMatchObject({ automaticRotation: "Enabled", rotationInterval: "365d" });
    const prodKeys = ofKind(prod.resources, A.kmsKey);
    expect(
      prodKeys
        .map((key) => key.tags.tenant)
        .filter(Boolean)
        .sort(),
    ).toEqual(["initech", "umbrella"]);
    for (const key of prodKeys)
      expect(key).toMatchObject({
        rotationInterval: "90d",
        dkmsInstanceId: "kst-hzz65f176a0ogplgq2tmj",
        deletionProtection: "Enabled",
      });
  });

  it("encrypt each tenant's volumes with its own key through a storage class of its own", () => {
    const keyIds = new Map(
      prod.resources
        .filter((r) => r.type === A.kmsKey)
        .map((r) => [(r.inputs as any).tags.purpose + ((r.inputs as any).tags.tenant ?? ""), idOf(r)]),
    );
    const classes = Object.fromEntries(
      ofType(prod.resources, "kubernetes:storage.k8s.io/v1:StorageClass").map((c) => [meta(c).name, c.inputs as any]),
    );
    expect(classes["im-kms-initech"]).toMatchObject({
      provisioner: "diskplugin.csi.alibabacloud.com",
      parameters: { encrypted: "true", kmsKeyId: keyIds.get("tenantinitech") },
    });
    expect(classes["im-kms"]?.parameters.kmsKeyId).toBe(keyIds.get("disks"));
  });
});

describe("cluster", () => {
  it("is ACK Pro with encrypted secrets, RRSA, Terway network policy, logs and a maintenance window", () => {
    const cluster = only(dev.resources, A.cluster);
    const secretsKey = dev.resources.find((r) => r.type === A.kmsKey && (r.inputs as any).tags.purpose === "secrets")!;
    expect(cluster).toMatchObject({
      clusterSpec: "ack.pro.small",
      encryptionProviderKey: idOf(secretsKey),
      disableEncryption: false,
      enableRrsa: true,
      newNatGateway: false,
      auditLogConfig: { enabled: true, slsProjectName: "im-alibaba-dev-main-logs" },
      controlPlaneLogComponents: expect.arrayContaining(["apiserver", "kcm", "scheduler"]),
      maintenanceWindow: { enable: true, weeklyPeriod: "Thursday", duration: "3h" },
      operationPolicy: { clusterAutoUpgrade: { enabled: true, channel: "patch" } },
    });
    const terway = cluster.addons.find((addon: any) => addon.name === "terway-eniip");
    expect(JSON.parse(terway.config)).toMatchObject({ NetworkPolicy: "true" });
  });

  it("dev keeps an internet endpoint and no deletion protection; prod neither", () => {
    expect(only(dev.resources, A.cluster)).toMatchObject({ slbInternetEnabled: true, deletionProtection: false });
    expect(only(prod.resources, A.cluster)).toMatchObject({
      slbInternetEnabled: false,
      deletionProtection: true,
      version: "1.33.1-aliyun.1",
      maintenanceWindow: { weeklyPeriod: "Tuesday,Thursday", duration: "4h" },
    });
    const acl = ofKind(prod.resources, A.acl).find((a) => a.name.endsWith("api-server"));
    expect(acl.entryLists.map((entry: any) => entry.entry)).toEqual(["10.60.0.0/24", "10.61.0.0/24"]);
  });
});

describe("kubeconfig", () => {
  /** The provider's kubeconfig input, a secret in the engine's wire form ({ <sig>, value }). */
  const kubeconfigOf = (result: SynthResult): string => {
    const input = result.resources.find((r) => r.type === "pulumi:providers:kubernetes")?.inputs.kubeconfig;
    return typeof input === "object" && input !== null ? String((input as { value?: unknown }).value) : String(input);
  };

  it("reaches a private API server on its internal endpoint, a public one as ACK hands it out", () => {
    expect(kubeconfigOf(prod)).toContain("https://10.0.0.10:6443");
    expect(kubeconfigOf(prod)).not.toContain("203.0.113.30");
    expect(kubeconfigOf(dev)).toContain("https://203.0.113.30:6443");
  });
});

describe("node pools", () => {
  it("autoscale with encrypted disks; only the shared pool bids for spot; VIP pools carry their tenancy taint", () => {
    const pools: Record<string, any> = Object.fromEntries(
      ofKind(prod.resources, A.nodePool).map((pool) => [pool.nodePoolName, pool]),
    );
    expect(Object.keys(pools).sort()).toEqual(["shared", "system", "vip-initech"]);
    for (const pool of Object.values(pools)) {
      expect(pool).toMatchObject({
        systemDiskEncrypted: true,
        management: { autoRepair: true },
        scalingConfig: { enable: true },
      });
      expect(pool.systemDiskKmsKey).toBeTruthy();
    }
    expect(pools["vip-initech"]).toMatchObject({ scalingConfig: { minSize: 3, maxSize: 12 }, spotStrategy: "NoSpot" });
    expect(pools["vip-initech"].taints).toEqual([{ key: DEDICATED_TAINT_KEY, value: "initech", effect: "NoSchedule" }]);
    expect(pools["vip-initech"].labels).toContainEqual({ key: labelKeys.pool, value: "vip-initech" });
    expect(pools["system"].taints).toEqual([{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]);
    const initechKey = prod.resources.find((r) => r.type === A.kmsKey && (r.inputs as any).tags.tenant === "initech")!;
    expect(pools["vip-initech"].systemDiskKmsKey).toBe(idOf(initechKey));
    const devShared = ofKind(dev.resources, A.nodePool).find((pool) => pool.nodePoolName === "shared");
    expect(devShared).toMatchObject({
      spotStrategy: "SpotAsPriceGo",
      instanceTypes: ["ecs.g7.xlarge", "ecs.c7.xlarge"],
    });
    for (const pool of ofKind(dev.resources, A.nodePool).filter((p) => p.nodePoolName !== "shared"))
      expect(pool.spotStrategy).toBe("NoSpot");
  });
});

describe("edge", () => {
  it("is a zone-mapped NLB with the plan's idle timeout, a drain matching the pod's, client IPs kept", () => {
    const service = gatewayEdge(dev);
    const annotations = meta(service).annotations!;
    expect((service.inputs as any).spec).toMatchObject({
      loadBalancerClass: NLB_CLASS,
      externalTrafficPolicy: "Local",
    });
    // Heartbeat 30 s: 2 x 30 + 10.
    expect(annotations[`${ANNOTATION}idle-timeout`]).toBe("70");
    // preStop (15 s) plus the 60 s drain.
    expect(annotations[`${ANNOTATION}connection-drain-timeout`]).toBe("75");
    expect(annotations[`${ANNOTATION}preserve-client-ip`]).toBe("on");
    expect(annotations["service.beta.kubernetes.io/backend-type"]).toBe("eni");
    const switches = dev.resources.filter((r) => r.type === A.vswitch && (r.inputs as any).tags.role === "nodes");
    expect(annotations[`${ANNOTATION}zone-maps`]!.split(",").sort()).toEqual(
      switches.map((s) => `${(s.inputs as any).zoneId}:${idOf(s)}`).sort(),
    );
    const edgeGroup = dev.resources.find(
      (r) => r.type === A.securityGroup && (r.inputs as any).securityGroupName.endsWith("-edge"),
    )!;
    expect(annotations[`${ANNOTATION}security-group-ids`]).toBe(idOf(edgeGroup));
  });

  it("ends TLS at the NLB with the certificate id in prod", () => {
    const annotations = meta(gatewayEdge(prod)).annotations!;
    expect(annotations).toMatchObject({
      [`${ANNOTATION}protocol-port`]: "tcpssl:443",
      [`${ANNOTATION}cert-id`]: "12345678-cn-hangzhou",
      [`${ANNOTATION}connection-drain-timeout`]: "135",
    });
  });

  it("as a CLB: TCP timers, the client ranges' whitelist, and persistence for clientIP affinity", () => {
    const service = gatewayEdge(clb);
    const annotations = meta(service).annotations!;
    expect((service.inputs as any).spec.loadBalancerClass).toBeUndefined();
    const acl = ofKind(clb.resources, A.acl).find((a) => a.name.endsWith("-edge"));
    expect(acl.entryLists.map((entry: any) => entry.entry)).toEqual(["198.51.100.0/24", "203.0.113.0/24"]);
    const aclId = idOf(clb.resources.find((r) => r.type === A.acl && (r.inputs as any).name.endsWith("-edge"))!);
    expect(annotations).toMatchObject({
      [`${ANNOTATION}established-timeout`]: "70",
      [`${ANNOTATION}connection-drain`]: "on",
      [`${ANNOTATION}acl-status`]: "on",
      [`${ANNOTATION}acl-id`]: aclId,
      [`${ANNOTATION}acl-type`]: "white",
      [`${ANNOTATION}persistence-timeout`]: "3600",
    });
    expect(annotations[`${ANNOTATION}zone-maps`]).toBeUndefined();
  });
});

describe("the security pack", () => {
  it("finds no violation in either sample stack", () => {
    for (const result of [dev, prod, clb]) {
      const findings = runPacks(fromSynth(result.resources), ALL_PACKS).filter(
        (finding) => finding.level === "mandatory",
      );
      expect(findings).toEqual([]);
    }
  });
});
