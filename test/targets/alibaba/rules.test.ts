import { describe, expect, it } from "vitest";
import { ALIBABA_TYPES as A, EDGE_RULE_PREFIX, ENVIRONMENT_TAG } from "../../../components/targets/alibaba/conventions";
import { alibabaSecurityRules } from "../../../components/targets/alibaba/rules";
import { intervalDays } from "../../../components/targets/alibaba/rules/kms";
import type { Props } from "../../../policies/rules/types";
import { messagesOf, patched, type RuleCase } from "../../policies/helpers";
import { dataCases, dataCompliant, devData } from "./data-rule-cases";

const TERWAY = { name: "terway-eniip", config: JSON.stringify({ NetworkPolicy: "true" }) };

/** Resources every Alibaba rule accepts. */
const cluster = (): Props => ({
  encryptionProviderKey: "key-secrets",
  disableEncryption: false,
  slbInternetEnabled: false,
  auditLogConfig: { enabled: true, slsProjectName: "im-logs" },
  controlPlaneLogComponents: ["apiserver", "kcm", "scheduler", "ccm"],
  controlPlaneLogTtl: "30",
  addons: [TERWAY, { name: "csi-plugin" }],
  tags: { [ENVIRONMENT_TAG]: "prod" },
});
const key = (): Props => ({ keyUsage: "ENCRYPT/DECRYPT", automaticRotation: "Enabled", rotationInterval: "90d" });
const rule = (): Props => ({
  type: "ingress",
  ipProtocol: "tcp",
  portRange: "10250/10250",
  cidrIp: "10.0.0.0/22",
  policy: "accept",
  description: "The control plane's ENIs to kubelets",
});
const edgeRule = (): Props => ({
  ...rule(),
  portRange: "443/443",
  cidrIp: "0.0.0.0/0",
  description: `${EDGE_RULE_PREFIX}: clients to listener port 443`,
});
const nodePool = (): Props => ({ systemDiskEncrypted: true, systemDiskKmsKey: "key-disks" });

const asResource = (type: string, props: Props) => [{ type, name: "r", props }];

const compliant: Array<[string, () => Props]> = [
  [A.cluster, cluster],
  [A.kmsKey, key],
  [A.securityGroupRule, rule],
  [A.securityGroupRule, edgeRule],
  [A.nodePool, nodePool],
  ...dataCompliant,
];

const cases: RuleCase[] = [
  {
    policy: "ack-secrets-encryption",
    title: "no KMS key",
    type: A.cluster,
    props: patched(cluster, { encryptionProviderKey: undefined }),
    expected: /encryptionProviderKey is unset/,
  },
  {
    policy: "ack-secrets-encryption",
    title: "encryption switched off",
    type: A.cluster,
    props: patched(cluster, { disableEncryption: true }),
    expected: /stored unencrypted/,
  },
  {
    policy: "ack-private-endpoint",
    title: "prod with an internet endpoint",
    type: A.cluster,
    props: patched(cluster, { slbInternetEnabled: true }),
    expected: /internet endpoint/,
  },
  {
    policy: "ack-private-endpoint",
    title: "an untagged cluster is held to prod's bar",
    type: A.cluster,
    props: patched(cluster, { slbInternetEnabled: undefined, tags: {} }),
    expected: /internet endpoint/,
  },
  {
    policy: "alibaba-kms-key-rotation",
    title: "rotation off",
    type: A.kmsKey,
    props: patched(key, { automaticRotation: "Disabled" }),
    expected: /never rotates/,
  },
  {
    policy: "alibaba-kms-key-rotation",
    title: "rotation beyond a year",
    type: A.kmsKey,
    props: patched(key, { rotationInterval: "400d" }),
    expected: /400 days/,
  },
  {
    policy: "alibaba-no-world-open-security-group",
    title: "the world to every port",
    type: A.securityGroupRule,
    props: patched(rule, { cidrIp: "0.0.0.0/0", portRange: "1/65535" }),
    expected: /whole internet/,
  },
  {
    policy: "alibaba-no-world-open-security-group",
    title: "an edge-described rule over a port range",
    type: A.securityGroupRule,
    props: patched(edgeRule, { portRange: "443/8443" }),
    expected: /not a single-port edge listener rule/,
  },
  {
    policy: "alibaba-no-world-open-security-group",
    title: "SSH from a public range",
    type: A.securityGroupRule,
    props: patched(rule, { cidrIp: "198.51.100.0/24", portRange: "22/22" }),
    expected: /management port/,
  },
  {
    policy: "ack-disk-encryption",
    title: "plain system disks",
    type: A.nodePool,
    props: patched(nodePool, { systemDiskEncrypted: false }),
    expected: /system disks are plain/,
  },
  {
    policy: "ack-disk-encryption",
    title: "encrypted with the service key",
    type: A.nodePool,
    props: patched(nodePool, { systemDiskKmsKey: undefined }),
    expected: /default service key/,
  },
  {
    policy: "ack-disk-encryption",
    title: "a plain data disk",
    type: A.nodePool,
    props: patched(nodePool, { dataDisks: [{ category: "cloud_essd" }] }),
    expected: /dataDisks\[0\] is not encrypted/,
  },
  {
    policy: "ack-logging",
    title: "no audit log",
    type: A.cluster,
    props: patched(cluster, { auditLogConfig: { enabled: false } }),
    expected: /no audit log/,
  },
  {
    policy: "ack-logging",
    title: "no scheduler logs",
    type: A.cluster,
    props: patched(cluster, { controlPlaneLogComponents: ["apiserver", "kcm"] }),
    expected: /lacks scheduler/,
  },
  {
    policy: "ack-network-policy",
    title: "Terway without its policy engine",
    type: A.cluster,
    props: patched(cluster, { addons: [{ name: "terway-eniip", config: JSON.stringify({ NetworkPolicy: "false" }) }] }),
    expected: /not enforced/,
  },
  ...dataCases,
];

describe("Alibaba security rules", () => {
  it("are numbered IMS4xx with kebab-case names and a violating case each", () => {
    for (const def of alibabaSecurityRules) {
      expect(def.id).toMatch(/^IMS4\d{2}$/);
      expect(def.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(def.description.startsWith(`${def.id}: `)).toBe(true);
      expect(cases.some((c) => c.policy === def.name)).toBe(true);
    }
  });

  it.each(compliant)("accept a compliant %s", (type, props) => {
    for (const def of alibabaSecurityRules) expect(messagesOf(def.name, asResource(type, props()))).toEqual([]);
  });

  it("let a cluster tagged dev keep an internet endpoint", () => {
    const dev = patched(cluster, { slbInternetEnabled: true, tags: { [ENVIRONMENT_TAG]: "dev" } });
    expect(messagesOf("ack-private-endpoint", asResource(A.cluster, dev))).toEqual([]);
  });

  it.each(devData)("let a dev-tagged %s sit in one zone, unprotected", (type, props) => {
    expect(messagesOf("alibaba-data-resilience", asResource(type, props))).toEqual([]);
  });

  it("read rotation periods in any unit", () => {
    expect(intervalDays("7776000s")).toBe(90);
    expect(intervalDays("8760h")).toBe(365);
    expect(intervalDays("90 days")).toBeUndefined();
  });

  it("ignore resources of other types", () => {
    for (const def of alibabaSecurityRules)
      expect(messagesOf(def.name, asResource("kubernetes:core/v1:ConfigMap", { cidrIp: "0.0.0.0/0" }))).toEqual([]);
  });

  describe.each(cases)("$policy: $title", ({ policy, type, props, expected }) => {
    it("is reported", () => {
      const messages = messagesOf(policy, asResource(type, props));
      expect(
        messages.some((message) => expected.test(message)),
        messages.join("\n"),
      ).toBe(true);
    });
  });
});
