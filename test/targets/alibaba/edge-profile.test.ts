import { describe, expect, it } from "vitest";
import type { EdgeListener } from "../../../components/targets/cluster-target";
import {
  alibabaEdgeProfile,
  CLB_SYSTEM_RANGE,
  EDGE_MAX_IDLE_SECONDS,
  NLB_CLASS,
  type AlibabaEdgeOptions,
} from "../../../components/targets/alibaba/edge-profile";
import { alibabaEdgeWarnings } from "../../../components/targets/alibaba/warnings";
import { alibabaTargetSchema } from "../../../components/targets/alibaba/schema";
import { validateStackConfig } from "../../../components/stack/validate";
import { deepClone } from "../../helpers/stack";
import { parse } from "yaml";
import { withServer } from "../../../components/targets/alibaba/kubeconfig";
import { alibabaRawConfig } from "./helpers";

const ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-";

const listener = (overrides: Partial<EdgeListener> = {}): EdgeListener => ({
  role: "gateway",
  idleTimeoutSeconds: 70,
  deregistrationDelaySeconds: 75,
  healthCheckIntervalSeconds: 10,
  sessionAffinity: "none",
  tls: { mode: "pod", minVersion: "1.2" },
  ports: [10001],
  cell: "shared",
  ...overrides,
});

const options = (overrides: Partial<AlibabaEdgeOptions> = {}): AlibabaEdgeOptions => ({
  type: "nlb",
  addressType: "internet",
  zoneMaps: "cn-hangzhou-h:vsw-a,cn-hangzhou-j:vsw-b",
  securityGroupId: "sg-edge",
  nodeCidrs: ["10.0.0.0/22", "10.0.4.0/22"],
  ...overrides,
});

describe("the Alibaba edge profile", () => {
  it("holds every timer inside the load balancer's accepted range", () => {
    const nlb = alibabaEdgeProfile(options());
    const long = nlb.annotations(listener({ deregistrationDelaySeconds: 1200, healthCheckIntervalSeconds: 2 }));
    expect(long[`${ANNOTATION}connection-drain-timeout`]).toBe("900");
    expect(long[`${ANNOTATION}health-check-interval`]).toBe("5");
    const clb = alibabaEdgeProfile(options({ type: "clb" }));
    const short = clb.annotations(listener({ deregistrationDelaySeconds: 3, idleTimeoutSeconds: 5 }));
    expect(short[`${ANNOTATION}connection-drain-timeout`]).toBe("10");
    expect(short[`${ANNOTATION}established-timeout`]).toBe("10");
    expect(EDGE_MAX_IDLE_SECONDS).toBe(900);
  });

  it("pins a client by source-IP hashing on an NLB, and takes the TLS 1.3 policy where asked", () => {
    const annotations = alibabaEdgeProfile(options()).annotations(
      listener({
        sessionAffinity: "clientIP",
        tls: { mode: "edge", certificate: "123-cn-hangzhou", minVersion: "1.3" },
      }),
    );
    expect(annotations).toMatchObject({
      [`${ANNOTATION}scheduler`]: "Sch",
      [`${ANNOTATION}protocol-port`]: "tcpssl:443",
      [`${ANNOTATION}tls-cipher-policy`]: "tls_cipher_policy_1_2_strict_with_1_3",
    });
  });

  it("admits the balancer's own sources: the zones' vSwitches for an NLB, CLB's system range for a CLB", () => {
    const nlb = alibabaEdgeProfile(options());
    expect(nlb.loadBalancerClass).toBe(NLB_CLASS);
    expect(nlb.loadBalancerSourceCidrs.gateway).toEqual(["10.0.0.0/22", "10.0.4.0/22"]);
    const clb = alibabaEdgeProfile(options({ type: "clb", aclId: "acl-1" }));
    expect(clb.loadBalancerClass).toBeUndefined();
    expect(clb.loadBalancerSourceCidrs.gateway).toEqual([CLB_SYSTEM_RANGE]);
    expect(clb.allocateNodePorts).toBe(false);
    expect(clb.annotations(listener())[`${ANNOTATION}acl-id`]).toBe("acl-1");
    expect(
      alibabaEdgeProfile(options({ type: "clb" })).annotations(listener())[`${ANNOTATION}acl-status`],
    ).toBeUndefined();
  });
});

describe("Alibaba edge warnings", () => {
  const planned = (raw: Record<string, any>) => {
    const result = validateStackConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result;
  };

  it("say when the gateway's drain outlasts the balancer's, naming the setting", () => {
    const raw = deepClone(alibabaRawConfig("alibaba-dev"));
    raw.edge.drainSeconds = 1000;
    const result = planned(raw);
    const cluster = alibabaTargetSchema.parse(raw.target);
    const warnings = alibabaEdgeWarnings(cluster, result.config, result.config.targets[0]!.plan);
    expect(warnings.join("\n")).toMatch(/drain \(1015 s\).*edge\.drainSeconds/);
    const calm = planned(alibabaRawConfig("alibaba-dev"));
    expect(alibabaEdgeWarnings(cluster, calm.config, calm.config.targets[0]!.plan)).toEqual([]);
  });
});

describe("the deploying kubeconfig", () => {
  it("points every cluster entry at the given server and keeps the rest", () => {
    const original = [
      "apiVersion: v1",
      "clusters:",
      "  - name: a",
      "    cluster: { server: https://203.0.113.30:6443, certificate-authority-data: Y2E= }",
      "users:",
      "  - name: u",
      "    user: { client-certificate-data: Y2VydA== }",
    ].join("\n");
    const rewritten = parse(withServer(original, "https://10.0.0.10:6443"));
    expect(rewritten.clusters[0].cluster).toEqual({
      server: "https://10.0.0.10:6443",
      "certificate-authority-data": "Y2E=",
    });
    expect(rewritten.users[0].user["client-certificate-data"]).toBe("Y2VydA==");
  });
});
