import { describe, expect, it } from "vitest";
import { securityPack } from "../../policies/rules/security";
import { gcpSecurityRules } from "../../components/targets/gcp/rules";
import { GCP_TYPES } from "../../components/targets/gcp/conventions";
import type { Props } from "../../policies/rules/types";
import { gcpDataCases } from "./gcp-data-cases";
import { messagesOf, patched, type RuleCase } from "./helpers";

const KEY = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/gke-secrets";
const NODES = "im-main-nodes@p.iam.gserviceaccount.com";

const nodeConfig = (): Props => ({
  serviceAccount: NODES,
  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  workloadMetadataConfig: { mode: "GKE_METADATA" },
});

/** A cluster that every GCP rule accepts. */
const cluster = (): Props => ({
  databaseEncryption: { state: "ENCRYPTED", keyName: KEY },
  privateClusterConfig: {
    enablePrivateNodes: true,
    enablePrivateEndpoint: false,
    masterIpv4CidrBlock: "172.16.0.0/28",
  },
  masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "198.51.100.0/24" }] },
  datapathProvider: "ADVANCED_DATAPATH",
  enableIntranodeVisibility: true,
  enableShieldedNodes: true,
  enableLegacyAbac: false,
  masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
  workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
  loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] },
  monitoringConfig: { enableComponents: ["SYSTEM_COMPONENTS"] },
  nodeConfig: nodeConfig(),
});
const nodePool = (): Props => ({ nodeConfig: nodeConfig() });
const firewall = (): Props => ({
  direction: "INGRESS",
  sourceRanges: ["35.191.0.0/16"],
  allows: [{ protocol: "tcp", ports: ["10256", "30000-32767"] }],
});
const key = (): Props => ({ purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s" });
const subnet = (): Props => ({ ipCidrRange: "10.10.0.0/20", logConfig: { flowSampling: 0.5 } });

const recordSet = (): Props => ({
  name: "acme-ws.im.example.com.",
  managedZone: "im-example-com",
  type: "A",
  ttl: 30,
  routingPolicy: {
    healthCheck: "projects/p/global/healthChecks/traffic-acme-gateway-1a2b3c4d",
    primaryBackup: {
      primary: { externalEndpoints: ["203.0.113.10"] },
      backupGeos: [{ location: "europe-west1", healthCheckedTargets: { externalEndpoints: ["198.51.100.20"] } }],
    },
  },
});

const compliant: Array<[string, () => Props]> = [
  [GCP_TYPES.cluster, cluster],
  [GCP_TYPES.nodePool, nodePool],
  [GCP_TYPES.firewall, firewall],
  [GCP_TYPES.cryptoKey, key],
  [GCP_TYPES.subnetwork, subnet],
  ["gcp:dns/recordSet:RecordSet", recordSet],
];

const cases: RuleCase[] = [
  {
    policy: "gcp-dns-traffic-health-checked",
    title: "external endpoints without a health check",
    type: "gcp:dns/recordSet:RecordSet",
    props: patched(recordSet, {
      routingPolicy: { wrrs: [{ weight: 1, healthCheckedTargets: { externalEndpoints: ["203.0.113.10"] } }] },
    }),
    expected: /external endpoints but no healthCheck/,
  },
  {
    policy: "gcp-dns-traffic-health-checked",
    title: "a weighted item answering plain rrdatas",
    type: "gcp:dns/recordSet:RecordSet",
    props: patched(recordSet, {
      routingPolicy: { healthCheck: "hc", wrrs: [{ weight: 1, rrdatas: ["203.0.113.10"] }] },
    }),
    expected: /wrrs\[0\] answers with rrdatas no health check watches/,
  },
  {
    policy: "gke-secrets-cmek",
    title: "secrets not encrypted",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { databaseEncryption: { state: "DECRYPTED" } }),
    expected: /must be ENCRYPTED/,
  },
  {
    policy: "gke-secrets-cmek",
    title: "key is not a KMS key",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { databaseEncryption: { state: "ENCRYPTED", keyName: "" } }),
    expected: /not a Cloud KMS key/,
  },
  {
    policy: "gke-private-nodes",
    title: "public nodes",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { privateClusterConfig: { enablePrivateNodes: false } }),
    expected: /enablePrivateNodes must be true/,
  },
  {
    policy: "gke-private-nodes",
    title: "a pool opting out",
    type: GCP_TYPES.nodePool,
    props: patched(nodePool, { networkConfig: { enablePrivateNodes: false } }),
    expected: /public addresses/,
  },
  {
    policy: "gke-control-plane-access",
    title: "world-open authorized network",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/0" }] } }),
    expected: /whole internet/,
  },
  {
    policy: "gke-control-plane-access",
    title: "public endpoint without authorized networks",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { masterAuthorizedNetworksConfig: undefined }),
    expected: /lists no networks/,
  },
  {
    policy: "gke-network-policy",
    title: "legacy datapath without network policy",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { datapathProvider: "LEGACY_DATAPATH" }),
    expected: /not enforced/,
  },
  {
    policy: "gke-shielded-nodes",
    title: "shielded nodes off",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { enableShieldedNodes: false }),
    expected: /enableShieldedNodes must be true/,
  },
  {
    policy: "gke-shielded-nodes",
    title: "a pool without secure boot",
    type: GCP_TYPES.nodePool,
    props: { nodeConfig: { ...nodeConfig(), shieldedInstanceConfig: { enableSecureBoot: false } } },
    expected: /enableSecureBoot must be true/,
  },
  {
    policy: "gke-node-service-account",
    title: "no service account",
    type: GCP_TYPES.nodePool,
    props: { nodeConfig: { ...nodeConfig(), serviceAccount: undefined } },
    expected: /Compute Engine default/,
  },
  {
    policy: "gke-node-service-account",
    title: "the default compute account",
    type: GCP_TYPES.cluster,
    props: patched(cluster, {
      nodeConfig: { ...nodeConfig(), serviceAccount: "1234-compute@developer.gserviceaccount.com" },
    }),
    expected: /is the Compute Engine default/,
  },
  {
    policy: "gcp-no-world-open-firewall",
    title: "world-open ingress",
    type: GCP_TYPES.firewall,
    props: patched(firewall, { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["443"] }] }),
    expected: /whole internet/,
  },
  {
    policy: "gcp-no-world-open-firewall",
    title: "SSH from a public range",
    type: GCP_TYPES.firewall,
    props: patched(firewall, { sourceRanges: ["198.51.100.0/24"], allows: [{ protocol: "tcp", ports: ["20-25"] }] }),
    expected: /opens port 22 to 198.51.100.0\/24/,
  },
  {
    policy: "gcp-no-world-open-firewall",
    title: "RDP through an all-protocol rule",
    type: GCP_TYPES.firewall,
    props: patched(firewall, { sourceRanges: ["203.0.113.0/24"], allows: [{ protocol: "all" }] }),
    expected: /opens port 3389/,
  },
  {
    policy: "kms-key-rotation",
    title: "no rotation",
    type: GCP_TYPES.cryptoKey,
    props: { purpose: "ENCRYPT_DECRYPT" },
    expected: /never rotates/,
  },
  {
    policy: "kms-key-rotation",
    title: "yearly rotation",
    type: GCP_TYPES.cryptoKey,
    props: { rotationPeriod: "31536000s" },
    expected: /365 days/,
  },
  {
    policy: "gke-logging-monitoring",
    title: "logging off",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { loggingService: "none" }),
    expected: /logging is off/,
  },
  {
    policy: "gke-logging-monitoring",
    title: "no system metrics",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { monitoringConfig: { enableComponents: [] } }),
    expected: /monitoringConfig.enableComponents must include SYSTEM_COMPONENTS/,
  },
  {
    policy: "gke-no-legacy-auth",
    title: "legacy ABAC",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { enableLegacyAbac: true }),
    expected: /enableLegacyAbac must be false/,
  },
  {
    policy: "gke-no-legacy-auth",
    title: "client certificates",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } }),
    expected: /issueClientCertificate must be false/,
  },
  {
    policy: "gke-no-legacy-auth",
    title: "basic auth",
    type: GCP_TYPES.cluster,
    props: patched(cluster, {
      masterAuth: { username: "admin", password: "x", clientCertificateConfig: { issueClientCertificate: false } },
    }),
    expected: /basic-auth/,
  },
  {
    policy: "gke-workload-identity",
    title: "no workload pool",
    type: GCP_TYPES.cluster,
    props: patched(cluster, { workloadIdentityConfig: undefined }),
    expected: /workloadPool must be set/,
  },
  {
    policy: "gke-workload-identity",
    title: "node metadata exposed",
    type: GCP_TYPES.nodePool,
    props: { nodeConfig: { ...nodeConfig(), workloadMetadataConfig: { mode: "GCE_METADATA" } } },
    expected: /GKE_METADATA/,
  },
  {
    policy: "gke-intranode-visibility",
    title: "same-node pod traffic hidden from the VPC",
    type: GCP_TYPES.cluster,
    props: { ...cluster(), enableIntranodeVisibility: false },
    expected: /bypasses the VPC's flow logs/,
  },
  {
    policy: "gcp-subnet-flow-logs",
    title: "no flow logs",
    type: GCP_TYPES.subnetwork,
    props: { ipCidrRange: "10.10.0.0/20" },
    expected: /flow logs are off/,
  },
];

const asResource = (type: string, props: Props) => [{ type, name: "subject", props }];

describe("GCP security rules", () => {
  it("join the security pack with ids, kebab-case names and a violating case each", () => {
    for (const rule of gcpSecurityRules) {
      expect(securityPack.rules).toContain(rule);
      expect(rule.id).toMatch(/^IMS3\d{2}$/);
      expect(rule.description.startsWith(`${rule.id}: `)).toBe(true);
      expect(
        [...cases, ...gcpDataCases].some((c) => c.policy === rule.name),
        rule.name,
      ).toBe(true);
    }
  });

  it.each(compliant)("a compliant %s passes every GCP rule", (type, props) => {
    for (const rule of gcpSecurityRules)
      expect(messagesOf(rule.name, asResource(type, props())), rule.name).toEqual([]);
  });

  it("accept a private endpoint without authorized networks, SSH from inside the VPC and from IAP, and denies from anywhere", () => {
    expect(
      messagesOf(
        "gke-control-plane-access",
        asResource(
          GCP_TYPES.cluster,
          patched(cluster, {
            masterAuthorizedNetworksConfig: undefined,
            privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
          }),
        ),
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        "gcp-no-world-open-firewall",
        asResource(
          GCP_TYPES.firewall,
          patched(firewall, {
            sourceRanges: ["10.10.0.0/20", "35.235.240.0/20"],
            allows: [{ protocol: "tcp", ports: ["22"] }],
          }),
        ),
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        "gcp-no-world-open-firewall",
        asResource(
          GCP_TYPES.firewall,
          patched(firewall, { sourceRanges: ["0.0.0.0/0"], allows: undefined, denies: [{ protocol: "all" }] }),
        ),
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        "gke-network-policy",
        asResource(
          GCP_TYPES.cluster,
          patched(cluster, {
            datapathProvider: undefined,
            networkPolicy: { enabled: true },
            addonsConfig: { networkPolicyConfig: { disabled: false } },
          }),
        ),
      ),
    ).toEqual([]);
  });

  it("ignore resources of other types", () => {
    for (const rule of gcpSecurityRules)
      expect(messagesOf(rule.name, asResource("kubernetes:core/v1:ConfigMap", { databaseEncryption: {} }))).toEqual([]);
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
