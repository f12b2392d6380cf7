import { beforeAll, describe, expect, it } from "vitest";
import { DEDICATED_TAINT_KEY, labelKeys } from "../../../components/core/labels";
import { fromSynth } from "../../../scripts/check/load";
import { runPacks } from "../../../scripts/check/run";
import { ALL_PACKS } from "../../../policies/rules/packs";
import { synthesize, type SynthResult } from "../../../scripts/synth/synthesize";
import { deepClone, meta, ofType, T, toStackConfig } from "../../helpers/stack";
import { GCP, gcpRawConfig, named, only } from "./helpers";

let dev: SynthResult;
let prod: SynthResult;
let l4Api: SynthResult;

beforeAll(async () => {
  dev = await synthesize(toStackConfig(gcpRawConfig("gcp-dev")), "gcp-dev");
  prod = await synthesize(toStackConfig(gcpRawConfig("gcp-prod")), "gcp-prod");
  const raw = deepClone(gcpRawConfig("gcp-dev"));
  raw.edge.api = { exposure: "loadBalancer" };
  l4Api = await synthesize(toStackConfig(raw), "gcp-dev");
});

const inputs = (result: SynthResult, type: string): any => only(result.resources, type).inputs;

describe("network", () => {
  it("is a custom-mode VPC with a VPC-native subnet, flow logs, and NAT for the private nodes", () => {
    expect(inputs(dev, GCP.network)).toMatchObject({ autoCreateSubnetworks: false, project: "im-platform-dev" });
    expect(inputs(dev, GCP.subnet)).toMatchObject({
      region: "europe-west1",
      ipCidrRange: "10.10.0.0/22",
      secondaryIpRanges: [
        { rangeName: "pods", ipCidrRange: "10.16.0.0/16" },
        { rangeName: "services", ipCidrRange: "10.20.0.0/22" },
      ],
      privateIpGoogleAccess: true,
      logConfig: { flowSampling: 0.5 },
    });
    expect(inputs(dev, GCP.nat)).toMatchObject({
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      logConfig: { enable: true },
    });
    expect(inputs(dev, GCP.cluster).ipAllocationPolicy).toEqual({
      clusterSecondaryRangeName: "pods",
      servicesSecondaryRangeName: "services",
    });
  });

  it("firewall rules target the node service account, admit no internet source, and deny the rest", () => {
    const rules = dev.resources.filter((r) => r.type === GCP.firewall).map((r) => r.inputs as any);
    expect(rules).toHaveLength(4);
    for (const rule of rules)
      expect(rule.targetServiceAccounts).toEqual(["im-main-nodes@im-platform-dev.iam.gserviceaccount.com"]);
    const allows = rules.filter((rule) => rule.allows);
    for (const rule of allows) expect(rule.sourceRanges).not.toContain("0.0.0.0/0");
    const healthChecks = named(dev.resources, GCP.firewall, "main-cluster-allow-health-checks").inputs as any;
    expect(healthChecks.sourceRanges).toEqual(expect.arrayContaining(["35.191.0.0/16", "130.211.0.0/22"]));
    // The gateway's WebSocket port and the API's HTTP port, reached by container-native health checks.
    expect(healthChecks.allows[0].ports).toEqual(expect.arrayContaining(["10001", "10002", "10256"]));
    expect(named(dev.resources, GCP.firewall, "main-cluster-allow-control-plane").inputs.sourceRanges).toEqual([
      "172.16.0.0/28",
    ]);
    expect(named(dev.resources, GCP.firewall, "main-cluster-deny-other-ingress").inputs).toMatchObject({
      denies: [{ protocol: "all" }],
      priority: 65000,
    });
  });
});

describe("keys", () => {
  it("rotate, and the GKE and Compute Engine service agents may use them", () => {
    const keys = dev.resources.filter((r) => r.type === GCP.key).map((r) => r.inputs as any);
    expect(keys.map((key) => key.name).sort()).toEqual(["gke-secrets", "node-disks"]);
    for (const key of keys) expect(key.rotationPeriod).toBe(`${90 * 86400}s`);
    const grants = dev.resources.filter((r) => r.type === GCP.keyGrant).map((r) => r.inputs as any);
    expect(grants.map((grant) => [grant.cryptoKeyId.split("/").pop(), grant.member, grant.role]).sort()).toEqual([
      [
        "gke-secrets",
        "serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com",
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      ],
      [
        "node-disks",
        "serviceAccount:service-123456789012@compute-system.iam.gserviceaccount.com",
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      ],
    ]);
  });

  it("prod: HSM keys rotated monthly, and a key and storage class of its own for each VIP asking for one", () => {
    const keys = prod.resources.filter((r) => r.type === GCP.key).map((r) => r.inputs as any);
    expect(keys.map((key) => key.name).sort()).toEqual([
      "gke-secrets",
      "node-disks",
      "tenant-initech",
      "tenant-umbrella",
    ]);
    for (const key of keys)
      expect(key).toMatchObject({ rotationPeriod: `${30 * 86400}s`, versionTemplate: { protectionLevel: "HSM" } });
    const classes = prod.resources.filter((r) => r.type === GCP.storageClass);
    const byName = Object.fromEntries(
      classes.map((c) => [meta(c).name, (c.inputs as any).parameters["disk-encryption-kms-key"]]),
    );
    expect(byName["im-cmek-initech"]).toMatch(/\/cryptoKeys\/tenant-initech$/);
    expect(byName["im-cmek-umbrella"]).toMatch(/\/cryptoKeys\/tenant-umbrella$/);
    expect(byName["im-cmek"]).toMatch(/\/cryptoKeys\/node-disks$/);
  });
});

describe("cluster", () => {
  it("is private, VPC-native, Dataplane V2, Workload Identity, shielded, CMEK secrets, no legacy auth, logged", () => {
    const cluster = inputs(dev, GCP.cluster);
    expect(cluster).toMatchObject({
      location: "europe-west1",
      nodeLocations: ["europe-west1-b", "europe-west1-c"],
      removeDefaultNodePool: true,
      datapathProvider: "ADVANCED_DATAPATH",
      workloadIdentityConfig: { workloadPool: "im-platform-dev.svc.id.goog" },
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      privateClusterConfig: { enablePrivateNodes: true, masterIpv4CidrBlock: "172.16.0.0/28" },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: [{ cidrBlock: "198.51.100.0/24" }, { cidrBlock: "203.0.113.64/27" }],
      },
      loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] },
      monitoringConfig: {
        enableComponents: ["SYSTEM_COMPONENTS", "POD", "DEPLOYMENT", "STATEFULSET", "DAEMONSET", "HPA", "STORAGE"],
        managedPrometheus: { enabled: true },
      },
      nodeConfig: { serviceAccount: "im-main-nodes@im-platform-dev.iam.gserviceaccount.com" },
    });
    expect(cluster.databaseEncryption.state).toBe("ENCRYPTED");
    expect(cluster.databaseEncryption.keyName).toMatch(
      /^projects\/im-platform-dev\/locations\/europe-west1\/keyRings\/.+\/cryptoKeys\/gke-secrets$/,
    );
  });

  it.each([
    [
      "dev",
      () => dev,
      { enablePrivateEndpoint: false, channel: "REGULAR", deletionProtection: false, server: "https://203.0.113.10" },
    ],
    [
      "prod",
      () => prod,
      { enablePrivateEndpoint: true, channel: "STABLE", deletionProtection: true, server: "https://172.16.0.2" },
    ],
  ])("%s: endpoint, release channel and deletion protection", (_env, result, expected) => {
    const cluster = inputs(result(), GCP.cluster);
    expect(cluster.privateClusterConfig.enablePrivateEndpoint).toBe(expected.enablePrivateEndpoint);
    expect(cluster.releaseChannel).toEqual({ channel: expected.channel });
    expect(cluster.deletionProtection).toBe(expected.deletionProtection);
    // The Kubernetes provider talks to the endpoint the deploying machine can reach.
    const provider = only(result().resources, "pulumi:providers:kubernetes").inputs as any;
    const kubeconfig = JSON.parse(provider.kubeconfig.value ?? provider.kubeconfig);
    expect(kubeconfig.clusters[0].cluster.server).toBe(expected.server);
    expect(kubeconfig.users[0].user.exec.command).toBe("gke-gcloud-auth-plugin");
  });

  it("runs its nodes as a dedicated service account with only node roles", () => {
    expect(inputs(dev, GCP.account)).toMatchObject({ accountId: "im-main-nodes" });
    const roles = dev.resources
      .filter((r) => r.type === GCP.projectGrant)
      .map((r) => (r.inputs as any).role)
      .sort();
    expect(roles).toEqual(["roles/artifactregistry.reader", "roles/container.defaultNodeServiceAccount"]);
  });
});

describe("node pools", () => {
  const pools = (result: SynthResult): Record<string, any> =>
    Object.fromEntries(
      result.resources.filter((r) => r.type === GCP.nodePool).map((r) => [(r.inputs as any).name, r.inputs as any]),
    );

  it("dev: system and shared pools, autoscaled, repaired, upgraded one node at a time; shared on spot", () => {
    const byName = pools(dev);
    expect(Object.keys(byName).sort()).toEqual(["shared", "system"]);
    expect(byName.shared).toMatchObject({
      autoscaling: { minNodeCount: 1, maxNodeCount: 6 },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: {
        spot: true,
        machineType: "e2-standard-4",
        labels: { [labelKeys.pool]: "shared" },
        taints: [],
        workloadMetadataConfig: { mode: "GKE_METADATA" },
      },
    });
    expect(byName.system.nodeConfig.spot).toBe(false);
    for (const pool of Object.values(byName)) {
      expect(pool.nodeConfig.shieldedInstanceConfig).toEqual({
        enableSecureBoot: true,
        enableIntegrityMonitoring: true,
      });
      expect(pool.nodeConfig.bootDiskKmsKey).toMatch(/\/cryptoKeys\/node-disks$/);
    }
  });

  it("prod: a tainted pool per VIP with a dedicated pool, never spot, its disks under the tenant's key", () => {
    const byName = pools(prod);
    expect(Object.keys(byName).sort()).toEqual(["shared", "system", "vip-initech"]);
    expect(byName["vip-initech"]).toMatchObject({
      autoscaling: { minNodeCount: 1, maxNodeCount: 10 },
      nodeConfig: {
        spot: false,
        machineType: "n2-standard-8",
        labels: { [labelKeys.pool]: "vip-initech" },
        taints: [{ key: DEDICATED_TAINT_KEY, value: "initech", effect: "NO_SCHEDULE" }],
      },
    });
    expect(byName["vip-initech"].nodeConfig.bootDiskKmsKey).toMatch(/\/cryptoKeys\/tenant-initech$/);
    expect(byName.shared.nodeConfig.spot).toBe(false);
  });

  it("the tenancy layer places the VIP cell on exactly that pool, and the shared cell on the shared pool", () => {
    const spec = (namespace: string, workload = "msggateway") =>
      (
        [...ofType(prod.resources, T.deployment, namespace), ...ofType(prod.resources, T.statefulSet, namespace)].find(
          (d) => meta(d).name === workload,
        )!.inputs.spec as any
      ).template.spec;
    expect(spec("im-t-initech").nodeSelector).toEqual({ [labelKeys.pool]: "vip-initech" });
    expect(spec("im-t-initech").tolerations).toEqual([
      { key: DEDICATED_TAINT_KEY, operator: "Equal", value: "initech", effect: "NoSchedule" },
    ]);
    expect(spec("im-t-acme", "openim-server").nodeSelector).toEqual({ [labelKeys.pool]: "shared" });
    expect(spec("im-t-umbrella").nodeSelector).toEqual({ [labelKeys.pool]: "shared" });
  });
});

describe("the IM edge", () => {
  const edgeService = (result: SynthResult, namespace: string, name: string) =>
    ofType(result.resources, T.service, namespace).find((s) => meta(s).name === name)!;

  it("the gateway is a passthrough Network Load Balancer keeping the client IP, with the platform's drain", () => {
    const gateway = edgeService(prod, "im-t-initech", "msggateway-edge");
    expect(meta(gateway).annotations).toMatchObject({
      "cloud.google.com/l4-rbs": "enabled",
      "im-platform.io/drain-seconds": String(15 + 120),
    });
    expect(gateway.inputs.spec).toMatchObject({ type: "LoadBalancer", externalTrafficPolicy: "Local" });
    // The pod outlives the drain: established flows stay on it until it closes them.
    const pod = (
      ofType(prod.resources, T.deployment, "im-t-initech").find((d) => meta(d).name === "msggateway")!.inputs
        .spec as any
    ).template.spec;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(15 + 120);
  });

  it("the API goes through the GKE ingress with a BackendConfig per cell: timeout over the heartbeat, drain = pod grace, Cloud Armor", () => {
    const configs = prod.resources.filter((r) => r.type === GCP.backendConfig);
    expect(configs.map((c) => meta(c).namespace).sort()).toEqual([
      "im-t-acme",
      "im-t-globex",
      "im-t-initech",
      "im-t-umbrella",
    ]);
    const armor = inputs(prod, GCP.armor);
    // The pod behind each cell's API: the api service, or the compact server that carries it.
    const apiPodGrace = (namespace: string): number => {
      const workloads = [
        ...ofType(prod.resources, T.deployment, namespace),
        ...ofType(prod.resources, T.statefulSet, namespace),
      ];
      const pod =
        workloads.find((w) => meta(w).name === "api") ?? workloads.find((w) => meta(w).name === "openim-server");
      return (pod!.inputs.spec as any).template.spec.terminationGracePeriodSeconds as number;
    };
    for (const config of configs) {
      // It belongs to the cell, so it waits for the cell's namespace.
      expect(config.parent).toMatch(/^main-tenancy-.*-services$/);
      const spec = config.inputs.spec as any;
      expect(spec.timeoutSec).toBeGreaterThan(30);
      expect(spec.connectionDraining.drainingTimeoutSec).toBe(apiPodGrace(meta(config).namespace!));
      expect(spec.securityPolicy.name).toBe(armor.name ?? "main-cluster-api-armor");
    }
    const apiService = edgeService(prod, "im-t-initech", "api");
    expect(meta(apiService).annotations).toEqual({
      "cloud.google.com/backend-config": JSON.stringify({ default: "im-api-edge" }),
      "cloud.google.com/neg": JSON.stringify({ ingress: true }),
    });
  });

  it.each([
    ["public prod edge", () => prod, ["*"], "allow"],
    ["dev edge limited to client ranges", () => dev, ["198.51.100.0/24", "203.0.113.0/24"], "deny(403)"],
  ])(
    "Cloud Armor, %s: WAF first, clients throttled per IP, then the default",
    (_title, result, clientRanges, fallback) => {
      const rules = inputs(result(), GCP.armor).rules as any[];
      const waf = rules.filter((rule) => /evaluatePreconfiguredWaf/.test(rule.match.expr?.expression ?? ""));
      expect(waf.map((rule) => rule.action)).toEqual(["deny(403)", "deny(403)"]);
      const throttle = rules.find((rule) => rule.action === "throttle");
      expect(throttle.match.config.srcIpRanges).toEqual(clientRanges);
      expect(throttle.rateLimitOptions).toMatchObject({ enforceOnKey: "IP", exceedAction: "deny(429)" });
      expect(Math.max(...waf.map((rule) => rule.priority))).toBeLessThan(throttle.priority);
      expect(rules.find((rule) => rule.priority === 2147483647).action).toBe(fallback);
    },
  );

  it("an API on its own load balancer gets no BackendConfig or Cloud Armor, and a passthrough edge", () => {
    expect(l4Api.resources.filter((r) => r.type === GCP.backendConfig || r.type === GCP.armor)).toEqual([]);
    expect(meta(edgeService(l4Api, "im-t-initech", "api-edge")).annotations).toMatchObject({
      "cloud.google.com/l4-rbs": "enabled",
    });
    expect(meta(edgeService(l4Api, "im-t-initech", "api")).annotations).toBeUndefined();
  });
});

describe("the target as the platform sees it", () => {
  it("every GCP and in-cluster object of the target is parented to it", () => {
    const targetChildren = prod.resources.filter(
      (r) => r.type.startsWith("gcp:") || r.type === GCP.storageClass || r.type === "pulumi:providers:kubernetes",
    );
    for (const resource of targetChildren) expect(resource.parent, resource.name).toBe("main-cluster");
    for (const resource of targetChildren) expect(resource.name.startsWith("main-cluster-"), resource.name).toBe(true);
  });

  it.each([
    ["gcp-dev", () => dev],
    ["gcp-prod", () => prod],
  ])("%s passes both policy packs", (_stack, result) => {
    const findings = runPacks(fromSynth(result().resources), ALL_PACKS);
    expect(findings.filter((finding) => finding.level === "mandatory")).toEqual([]);
  });
});

describe("the edge's NetworkPolicy", () => {
  const sources = (result: SynthResult, service: string): string[] => {
    const policy = ofType(result.resources, T.netpol, "im-t-initech").find(
      (p) => meta(p).name === `allow-edge-${service}`,
    )!;
    return ((policy.inputs as any).spec.ingress[0].from as Array<{ ipBlock: { cidr: string } }>).map(
      (peer) => peer.ipBlock.cidr,
    );
  };

  it("admits Google's front ends to an API behind the ingress (container-native: proxies and health checks reach the pods)", () => {
    expect(sources(dev, "api")).toEqual(["198.51.100.0/24", "203.0.113.0/24", "35.191.0.0/16", "130.211.0.0/22"]);
  });

  it("admits only the clients to passthrough listeners, which keep the client's address and health-check the node", () => {
    expect(sources(dev, "msggateway")).toEqual(["198.51.100.0/24", "203.0.113.0/24"]);
    expect(sources(l4Api, "api")).toEqual(["198.51.100.0/24", "203.0.113.0/24"]);
  });
});
