import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStackConfig } from "../../../components/stack/load";
import { DEDICATED_TAINT_KEY, labelKeys } from "../../../components/core/labels";
import { buildPlatform } from "../../../components/program";
import { CONTROL_PLANE_LOG_CATEGORIES } from "../../../components/targets/azure/conventions";
import { ROLES } from "../../../components/targets/azure/roles";
import { ALL_PACKS } from "../../../policies/rules/packs";
import { fromSynth } from "../../../scripts/check/load";
import { runPacks } from "../../../scripts/check/run";
import { synthesize, type SynthResult } from "../../../scripts/synth/synthesize";
import { deepClone, meta, ofType, T, toStackConfig } from "../../helpers/stack";
import { all, AZ, azureRawConfig, named, only, type Raw } from "./helpers";

type Any = Record<string, any>;

let dev: SynthResult;
let prod: SynthResult;
let internal: SynthResult;
/** Resource options the program gave, by "type::name" (synth records inputs only). */
const options = new Map<string, pulumi.ResourceOptions>();

beforeAll(async () => {
  dev = await synthesize(toStackConfig(azureRawConfig("azure-dev")), "azure-dev");
  prod = await synthesize(toStackConfig(azureRawConfig("azure-prod")), "azure-prod", () => {
    pulumi.runtime.registerStackTransformation((args) => {
      options.set(`${args.type}::${args.name}`, args.opts);
      return undefined;
    });
    return buildPlatform(loadStackConfig());
  });
  const raw: Raw = deepClone(azureRawConfig("azure-dev"));
  raw.target.loadBalancer = { internal: true };
  raw.edge.allowedSourceCidrs = ["10.70.0.0/16"];
  internal = await synthesize(toStackConfig(raw), "azure-dev");
}, 120_000);

const inputs = (result: SynthResult, type: string): Any => only(result.resources, type).inputs;
const cluster = (result: SynthResult): Any => inputs(result, AZ.cluster);
const armId = (group: string, path: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${group}/providers/${path}`;

describe("network", () => {
  it("is a VNet whose node subnet leaves through a NAT gateway with a static IP, each subnet behind its NSG", () => {
    expect(inputs(dev, AZ.virtualNetwork)).toMatchObject({
      addressSpace: { addressPrefixes: ["10.50.0.0/16"] },
      location: "westeurope",
    });
    const subnets: Any = Object.fromEntries(
      all(dev.resources, AZ.subnet).map((s) => [s.inputs.subnetName as string, s.inputs as Any]),
    );
    // "data" holds the managed data services' private endpoints (the sample runs managed data).
    expect(Object.keys(subnets).sort()).toEqual(["api-server", "data", "edge", "endpoints", "nodes"]);
    expect(subnets.nodes).toMatchObject({
      addressPrefix: "10.50.0.0/22",
      natGateway: { id: expect.stringMatching(/\/natGateways\//) },
    });
    for (const subnet of Object.values(subnets)) expect(subnet.defaultOutboundAccess).toBe(false);
    for (const name of ["nodes", "edge", "endpoints"])
      expect(subnets[name].networkSecurityGroup.id).toMatch(
        new RegExp(`/networkSecurityGroups/im-azure-dev-main-${name}$`),
      );
    expect(subnets["api-server"]).toMatchObject({
      addressPrefix: "10.50.5.32/28",
      delegations: [{ serviceName: "Microsoft.ContainerService/managedClusters" }],
    });
    expect(subnets.endpoints.privateEndpointNetworkPolicies).toBe("Enabled");
    const nat = inputs(dev, AZ.natGateway);
    expect(nat).toMatchObject({ sku: { name: "Standard" }, idleTimeoutInMinutes: 10 });
    expect(nat.publicIpAddresses[0].id).toMatch(/\/publicIPAddresses\/im-azure-dev-main-vnet-egress$/);
    expect(inputs(dev, AZ.publicIp)).toMatchObject({ publicIPAllocationMethod: "Static", sku: { name: "Standard" } });
  });

  it("prod adds the delegated Application Gateway subnet", () => {
    const subnet = all(prod.resources, AZ.subnet).find((s) => s.inputs.subnetName === "app-gateway")!.inputs as Any;
    expect(subnet).toMatchObject({
      addressPrefix: "10.60.18.0/24",
      delegations: [{ serviceName: "Microsoft.ServiceNetworking/trafficControllers" }],
    });
  });
});

describe("NSGs", () => {
  const rules = (result: SynthResult, suffix: string): Any[] =>
    named(result.resources, AZ.nsg, `main-cluster-nsg-${suffix}`).inputs.securityRules as Any[];
  const byName = (list: Any[], name: string) => list.find((rule) => rule.name === name)!;
  const ports = (rule: Any): string[] => rule.destinationPortRanges ?? [rule.destinationPortRange];
  const sources = (rule: Any): string[] => rule.sourceAddressPrefixes ?? [rule.sourceAddressPrefix];

  it.each([
    ["dev", () => dev, ["198.51.100.0/24", "203.0.113.0/24"]],
    ["prod", () => prod, ["Internet"]],
  ])("%s: clients reach the edge listener ports only, from the edge's client ranges", (_env, result, clients) => {
    for (const nsg of ["nodes", "edge"]) {
      const edge = byName(rules(result(), nsg), "allow-edge-listener-clients");
      expect(edge).toMatchObject({ direction: "Inbound", access: "Allow", protocol: "Tcp", priority: 100 });
      expect(sources(edge)).toEqual(clients);
      // The gateway's WebSocket port and the API's HTTP port, both served on 443 with TLS in the pod.
      expect(ports(edge)).toEqual(["443"]);
    }
  });

  it("admits probes, the cluster's own ranges and the API server, then denies the rest; every rule explains itself", () => {
    const nodes = rules(prod, "nodes");
    expect(byName(nodes, "allow-azure-load-balancer-probes")).toMatchObject({
      sourceAddressPrefix: "AzureLoadBalancer",
      destinationPortRanges: ["30000-32767", "443"],
    });
    expect(sources(byName(nodes, "allow-cluster-internal"))).toEqual(["10.60.0.0/20", "10.248.0.0/14"]);
    expect(byName(nodes, "allow-api-server-to-nodes").sourceAddressPrefix).toBe("10.60.17.32/28");
    expect(byName(nodes, "allow-app-gateway-to-api")).toMatchObject({
      sourceAddressPrefix: "10.60.18.0/24",
      destinationPortRange: "10002",
    });
    expect(byName(nodes, "deny-all-inbound")).toMatchObject({
      access: "Deny",
      priority: 4096,
      sourceAddressPrefix: "*",
      destinationPortRange: "*",
    });
    expect(byName(rules(prod, "endpoints"), "allow-cluster-to-endpoints")).toMatchObject({
      destinationAddressPrefix: "10.60.17.0/27",
      destinationPortRange: "443",
    });
    expect(rules(dev, "nodes").map((rule) => rule.name)).not.toContain("allow-app-gateway-to-api");
    for (const result of [dev, prod]) {
      for (const nsg of all(result.resources, AZ.nsg)) {
        for (const rule of nsg.inputs.securityRules as Any[]) {
          expect(rule.description, rule.name).toMatch(/\w{8,}/);
          expect((rule.description as string).length).toBeLessThanOrEqual(140);
          const management = ports(rule).some((port) => port === "*" || port === "22" || port === "3389");
          if (rule.access === "Allow" && management)
            expect(
              sources(rule).every((source) => /^10\./.test(source)),
              rule.name,
            ).toBe(true);
        }
      }
    }
  });
});

describe("keys", () => {
  it("a private Key Vault in RBAC mode with purge protection and soft delete, reached through a private endpoint", () => {
    const vault = inputs(prod, AZ.vault);
    expect(vault.properties).toMatchObject({
      tenantId: "11111111-1111-1111-1111-111111111111",
      sku: { family: "A", name: "premium" },
      enableRbacAuthorization: true,
      enablePurgeProtection: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    });
    expect(vault.vaultName).toMatch(/^[a-z][a-z0-9-]{2,23}$/);
    const endpoint = named(prod.resources, AZ.privateEndpoint, "main-cluster-vault-endpoint").inputs as Any;
    expect(endpoint.privateLinkServiceConnections[0]).toMatchObject({
      groupIds: ["vault"],
      privateLinkServiceId: expect.stringMatching(/\/vaults\//),
    });
    expect(endpoint.subnet.id).toMatch(/\/subnets\/endpoints$/);
    expect(named(prod.resources, AZ.privateZone, "main-cluster-vault-dns").inputs.privateZoneName).toBe(
      "privatelink.vaultcore.azure.net",
    );
    expect((named(prod.resources, AZ.zoneLink, "main-cluster-vault-dns-link").inputs as Any).virtualNetwork.id).toMatch(
      /\/virtualNetworks\/im-azure-prod-main-vnet$/,
    );
  });

  it.each([
    ["dev", () => dev, 90, "RSA", ["data", "disks", "etcd"]],
    ["prod", () => prod, 60, "RSA-HSM", ["data", "disks", "etcd", "tenant-initech", "tenant-umbrella"]],
  ])("%s: keys rotate %i days in, 30 days before their versions expire", (_env, result, days, kty, names) => {
    const keys = all(result().resources, AZ.key).map((key) => key.inputs as Any);
    expect(keys.map((key) => key.keyName).sort()).toEqual(names);
    for (const key of keys) {
      expect(key.properties.kty).toBe(kty);
      expect(key.properties.rotationPolicy).toEqual({
        attributes: { expiryTime: `P${days + 30}D` },
        lifetimeActions: [
          { action: { type: "rotate" }, trigger: { timeBeforeExpiry: "P30D" } },
          { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P7D" } },
        ],
      });
    }
  });

  it("each disk key gets a disk encryption set that follows its newest version and may use that key alone", () => {
    const sets = all(prod.resources, AZ.diskEncryptionSet).map((set) => set.inputs as Any);
    expect(sets.map((set) => set.diskEncryptionSetName).sort()).toEqual([
      "im-azure-prod-main-disks",
      "im-azure-prod-main-initech",
      "im-azure-prod-main-umbrella",
    ]);
    const grants = all(prod.resources, AZ.roleAssignment).map((grant) => grant.inputs as Any);
    for (const set of sets) {
      expect(set).toMatchObject({
        identity: { type: "SystemAssigned" },
        rotationToLatestKeyVersionEnabled: true,
        encryptionType: "EncryptionAtRestWithCustomerKey",
      });
      const keyName = set.diskEncryptionSetName
        .replace("im-azure-prod-main-", "")
        .replace(/^(initech|umbrella)$/, "tenant-$1");
      expect(set.activeKey.keyUrl).toMatch(new RegExp(`/keys/${keyName}/[0-9a-f]{32}$`));
      const grant = grants.find(
        (candidate) =>
          candidate.roleDefinitionId.endsWith(ROLES.keyVaultCryptoServiceEncryptionUser) &&
          candidate.scope.endsWith(`/keys/${keyName}`),
      );
      expect(grant, keyName).toMatchObject({ principalType: "ServicePrincipal" });
    }
  });

  it("the control plane's identity may use the etcd key, manage the VNet and read the encryption sets, nothing wider", () => {
    const identity = armId(
      "im-azure-prod-main",
      "Microsoft.ManagedIdentity/userAssignedIdentities/im-azure-prod-main-control-plane",
    );
    expect(cluster(prod).identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [identity] });
    const grants = all(prod.resources, AZ.roleAssignment)
      .filter((grant) => grant.name.startsWith("main-cluster-identity-"))
      .map((grant) => grant.inputs as Any);
    const roleOf = (id: string) => Object.entries(ROLES).find(([, guid]) => id.endsWith(guid))?.[0];
    expect(
      grants.map((grant) => [roleOf(grant.roleDefinitionId), grant.scope.split("/").slice(-2).join("/")]).sort(),
    ).toEqual([
      ["keyVaultContributor", `vaults/${inputs(prod, AZ.vault).vaultName}`],
      ["keyVaultCryptoUser", "keys/etcd"],
      ["networkContributor", "virtualNetworks/im-azure-prod-main-vnet"],
      ["reader", "diskEncryptionSets/im-azure-prod-main-disks"],
      ["reader", "diskEncryptionSets/im-azure-prod-main-initech"],
      ["reader", "diskEncryptionSets/im-azure-prod-main-umbrella"],
    ]);
    for (const grant of grants)
      expect(grant.roleDefinitionId).toMatch(
        /^\/subscriptions\/00000000-0000-0000-0000-000000000000\/providers\/Microsoft.Authorization\/roleDefinitions\//,
      );
  });

  it("the platform's and each VIP's StorageClass encrypt with their own set; tenantKeys carries the VIP keys", () => {
    const classes = Object.fromEntries(
      prod.resources
        .filter((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass")
        .map((c) => [meta(c).name, c.inputs as Any]),
    );
    expect(Object.keys(classes).sort()).toEqual(["im-cmk", "im-cmk-initech", "im-cmk-umbrella"]);
    for (const [name, set] of [
      ["im-cmk", "disks"],
      ["im-cmk-initech", "initech"],
      ["im-cmk-umbrella", "umbrella"],
    ] as const) {
      expect(classes[name]).toMatchObject({
        provisioner: "disk.csi.azure.com",
        volumeBindingMode: "WaitForFirstConsumer",
        parameters: { networkAccessPolicy: "DenyAll" },
      });
      expect(classes[name].parameters.diskEncryptionSetID).toBe(
        armId("im-azure-prod-main", `Microsoft.Compute/diskEncryptionSets/im-azure-prod-main-${set}`),
      );
    }
  });
});

describe("cluster", () => {
  it("encrypts etcd with the etcd key through the private vault, and node disks with the encryption set", () => {
    const aks = cluster(prod);
    const etcd = all(prod.resources, AZ.key).find((key) => key.inputs.keyName === "etcd")!;
    expect(aks.securityProfile.azureKeyVaultKms).toEqual({
      enabled: true,
      keyVaultNetworkAccess: "Private",
      keyId: expect.stringMatching(
        new RegExp(`^https://${inputs(prod, AZ.vault).vaultName}\\.vault\\.synth\\.invalid/keys/etcd/[0-9a-f]{32}$`),
      ),
      keyVaultResourceId: armId("im-azure-prod-main", `Microsoft.KeyVault/vaults/${inputs(prod, AZ.vault).vaultName}`),
    });
    expect(etcd.inputs.keyName).toBe("etcd");
    expect(aks.diskEncryptionSetID).toBe(
      armId("im-azure-prod-main", "Microsoft.Compute/diskEncryptionSets/im-azure-prod-main-disks"),
    );
  });

  it("signs users in through Entra ID with Azure RBAC, has no local accounts, and enforces network policy", () => {
    for (const result of [dev, prod]) {
      const aks = cluster(result);
      expect(aks).toMatchObject({
        enableRBAC: true,
        disableLocalAccounts: true,
        aadProfile: { managed: true, enableAzureRBAC: true, tenantID: "11111111-1111-1111-1111-111111111111" },
        networkProfile: {
          networkPlugin: "azure",
          networkPluginMode: "overlay",
          networkPolicy: "cilium",
          networkDataplane: "cilium",
          outboundType: "userAssignedNATGateway",
        },
        securityProfile: { workloadIdentity: { enabled: true } },
        oidcIssuerProfile: { enabled: true },
        apiServerAccessProfile: {
          enableVnetIntegration: true,
          subnetId: expect.stringMatching(/\/subnets\/api-server$/),
        },
      });
    }
    expect(cluster(prod).networkProfile).toMatchObject({
      podCidr: "10.248.0.0/14",
      serviceCidr: "172.21.0.0/16",
      dnsServiceIP: "172.21.0.10",
    });
    expect(cluster(prod).aadProfile.adminGroupObjectIDs).toEqual([
      "33333333-3333-3333-3333-333333333333",
      "44444444-4444-4444-4444-444444444444",
    ]);
  });

  it.each([
    [
      "dev",
      () => dev,
      {
        privateCluster: false,
        ranges: ["198.51.100.0/24", "203.0.113.64/27"],
        tier: "Free",
        channel: "patch",
        server: "https://im-azure-dev-main.hcp.synth.invalid:443",
        login: "azurecli",
      },
    ],
    [
      "prod",
      () => prod,
      {
        privateCluster: true,
        ranges: undefined,
        tier: "Standard",
        channel: "stable",
        server: "https://im-azure-prod-main.privatelink.synth.invalid:443",
        login: "workloadidentity",
      },
    ],
  ])(
    "%s: API server exposure, tier, upgrade channel, and the kubeconfig the program uses",
    (_env, result, expected) => {
      const aks = cluster(result());
      expect(aks.apiServerAccessProfile.enablePrivateCluster).toBe(expected.privateCluster);
      expect(aks.apiServerAccessProfile.authorizedIPRanges).toEqual(expected.ranges);
      expect(aks.sku).toEqual({ name: "Base", tier: expected.tier });
      expect(aks.autoUpgradeProfile).toEqual({ upgradeChannel: expected.channel, nodeOSUpgradeChannel: "NodeImage" });
      const provider = only(result().resources, "pulumi:providers:kubernetes").inputs as Any;
      const kubeconfig = JSON.parse(provider.kubeconfig.value ?? provider.kubeconfig);
      expect(kubeconfig.clusters[0].cluster).toEqual({
        server: expected.server,
        "certificate-authority-data": "c3ludGgtYWtzLWNh",
      });
      expect(kubeconfig.users[0].user.exec).toMatchObject({
        command: "kubelogin",
        args: ["get-token", "--login", expected.login, "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"],
      });
      // The Azure provider may only touch the configured subscription and tenant.
      expect(only(result().resources, "pulumi:providers:azure-native").inputs).toMatchObject({
        subscriptionId: "00000000-0000-0000-0000-000000000000",
        tenantId: "11111111-1111-1111-1111-111111111111",
      });
    },
  );

  it("sends every control-plane log category to the workspace; Container Insights only where asked", () => {
    for (const result of [dev, prod]) {
      const setting = inputs(result, AZ.diagnosticSetting);
      expect(setting.logs.map((log: Any) => log.category)).toEqual([...CONTROL_PLANE_LOG_CATEGORIES]);
      expect(setting.resourceUri).toMatch(/\/managedClusters\/im-azure-(dev|prod)-main$/);
      expect(setting.workspaceId).toBe(
        cluster(result).addonProfiles?.omsagent?.config?.logAnalyticsWorkspaceResourceID ?? setting.workspaceId,
      );
      expect(setting.workspaceId).toMatch(/\/workspaces\/im-azure-(dev|prod)-main-logs$/);
    }
    expect(cluster(prod).addonProfiles.omsagent).toMatchObject({ enabled: true, config: { useAADAuth: "true" } });
    expect(cluster(dev).addonProfiles).toBeUndefined();
    expect(inputs(prod, AZ.workspace)).toMatchObject({ retentionInDays: 365, features: { disableLocalAuth: true } });
  });

  it("tunes the autoscaler for long-lived connections", () => {
    expect(cluster(prod).autoScalerProfile).toMatchObject({
      balanceSimilarNodeGroups: "true",
      expander: "least-waste",
      scaleDownUnneededTime: "20m",
      scaleDownDelayAfterAdd: "10m",
      skipNodesWithLocalStorage: "false",
      maxGracefulTerminationSec: "600",
    });
  });
});

describe("node pools", () => {
  const userPools = (result: SynthResult): Any =>
    Object.fromEntries(
      all(result.resources, AZ.agentPool).map((pool) => [pool.inputs.agentPoolName as string, pool.inputs as Any]),
    );

  it("the system pool is inline, mode System, tainted CriticalAddonsOnly, autoscaled across the zones on managed disks", () => {
    expect(cluster(prod).agentPoolProfiles).toEqual([
      expect.objectContaining({
        name: "system",
        mode: "System",
        vmSize: "Standard_D4ds_v5",
        enableAutoScaling: true,
        minCount: 3,
        maxCount: 5,
        count: 3,
        availabilityZones: ["1", "2", "3"],
        osDiskType: "Managed",
        enableNodePublicIP: false,
        nodeLabels: { [labelKeys.pool]: "system" },
        nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
        upgradeSettings: { maxSurge: "1", maxUnavailable: "0" },
      }),
    ]);
  });

  it("dev: the shared pool on spot VMs, evicted by deletion, with the spot taint AKS requires", () => {
    const pools = userPools(dev);
    expect(Object.keys(pools)).toEqual(["shared"]);
    expect(pools.shared).toMatchObject({
      mode: "User",
      minCount: 1,
      maxCount: 6,
      count: 1,
      availabilityZones: ["1", "2"],
      scaleSetPriority: "Spot",
      scaleSetEvictionPolicy: "Delete",
      spotMaxPrice: -1,
      nodeLabels: { [labelKeys.pool]: "shared" },
      nodeTaints: ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"],
      vnetSubnetID: expect.stringMatching(/\/subnets\/nodes$/),
    });
  });

  it("prod: a tainted on-demand pool for the VIP with a dedicated pool, sized by its override", () => {
    const pools = userPools(prod);
    expect(Object.keys(pools).sort()).toEqual(["shared", "vipinitech"]);
    expect(pools.vipinitech).toMatchObject({
      vmSize: "Standard_D16ds_v5",
      minCount: 2,
      maxCount: 20,
      nodeLabels: { [labelKeys.pool]: "vip-initech" },
      nodeTaints: [`${DEDICATED_TAINT_KEY}=initech:NoSchedule`],
    });
    for (const pool of Object.values(pools)) expect(pool.scaleSetPriority).toBeUndefined();
    expect(pools.shared.nodeTaints).toEqual([]);
  });

  it("leave the node count to the autoscaler, so a new min neither fights it nor replaces a pool", () => {
    for (const pool of all(prod.resources, AZ.agentPool))
      expect(options.get(`${AZ.agentPool}::${pool.name}`)?.ignoreChanges).toEqual(["count"]);
    // The stable channel moves minor versions, so the configured version is only the creation version.
    expect(options.get(`${AZ.cluster}::main-cluster-aks`)?.ignoreChanges).toEqual([
      "agentPoolProfiles[0].count",
      "kubernetesVersion",
    ]);
  });

  it("the tenancy layer places cells onto their pools, tolerating the spot taint on the shared pool", () => {
    const podSpec = (result: SynthResult, namespace: string, workload = "msggateway") =>
      (
        [
          ...ofType(result.resources, T.deployment, namespace),
          ...ofType(result.resources, T.statefulSet, namespace),
        ].find((d) => meta(d).name === workload)!.inputs.spec as Any
      ).template.spec;
    expect(podSpec(prod, "im-t-initech")).toMatchObject({
      nodeSelector: { [labelKeys.pool]: "vip-initech" },
      tolerations: [{ key: DEDICATED_TAINT_KEY, operator: "Equal", value: "initech", effect: "NoSchedule" }],
    });
    expect(podSpec(dev, "im-t-acme", "openim-server")).toMatchObject({
      nodeSelector: { [labelKeys.pool]: "shared" },
      tolerations: [
        { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" },
      ],
    });
  });
});

describe("the IM edge", () => {
  const edgeService = (result: SynthResult, namespace: string, name: string) =>
    ofType(result.resources, T.service, namespace).find((s) => meta(s).name === name)!;
  const annotation = (key: string) => `service.beta.kubernetes.io/${key}`;

  it.each([
    ["dev", () => dev, "4"],
    ["prod", () => prod, "5"],
  ])(
    "%s: an L4 load balancer keeping the client IP, with the idle timeout in whole minutes and fast probes",
    (_env, result, minutes) => {
      const gateway = edgeService(result(), "im-t-initech", "msggateway-edge");
      expect(meta(gateway).annotations).toMatchObject({
        [annotation("azure-load-balancer-tcp-idle-timeout")]: minutes,
        [annotation("azure-load-balancer-health-probe-interval")]: "5",
        [annotation("azure-load-balancer-health-probe-num-of-probe")]: "2",
        [annotation("port_443_health-probe_protocol")]: "http",
        [annotation("port_443_health-probe_request-path")]: "/healthz",
        [annotation("azure-pip-name")]: expect.stringMatching(/^im-azure-(dev|prod)-main-initech-gateway$/),
      });
      expect(meta(gateway).annotations).not.toHaveProperty(annotation("azure-load-balancer-disable-tcp-reset"));
      expect(gateway.inputs.spec).toMatchObject({
        type: "LoadBalancer",
        externalTrafficPolicy: "Local",
        allocateLoadBalancerNodePorts: false,
      });
    },
  );

  it("dev keeps the load balancer to the client ranges; prod names each cell's address", () => {
    expect((edgeService(dev, "im-t-initech", "msggateway-edge").inputs.spec as Any).loadBalancerSourceRanges).toEqual([
      "198.51.100.0/24",
      "203.0.113.0/24",
    ]);
    expect(meta(edgeService(prod, "im-t-initech", "msggateway-edge")).annotations).toMatchObject({
      [annotation("azure-dns-label-name")]: "im-prod-initech-gateway",
    });
    expect(meta(edgeService(dev, "im-t-initech", "msggateway-edge")).annotations).not.toHaveProperty(
      annotation("azure-dns-label-name"),
    );
  });

  it("an internal edge puts its frontends in the edge subnet and asks for no public IP", () => {
    const annotations = meta(edgeService(internal, "im-t-initech", "msggateway-edge")).annotations ?? {};
    expect(annotations).toMatchObject({
      [annotation("azure-load-balancer-internal")]: "true",
      [annotation("azure-load-balancer-internal-subnet")]: "edge",
    });
    expect(annotations).not.toHaveProperty(annotation("azure-pip-name"));
  });

  it("cells admit no NodePorts: the load balancer reaches pods without them", () => {
    const objectQuotas = ofType(prod.resources, T.quota).filter(
      (quota) => (quota.inputs.spec as Any).scopeSelector === undefined,
    );
    expect(objectQuotas.length).toBeGreaterThan(0);
    for (const quota of objectQuotas) expect((quota.inputs.spec as Any).hard["services.nodeports"]).toBe("0");
  });

  it("prod: Application Gateway for Containers with a prevention-mode WAF and the ALB controller's workload identity", () => {
    expect(inputs(prod, AZ.wafPolicy)).toMatchObject({
      policySettings: { state: "Enabled", mode: "Prevention" },
      managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
    });
    expect(inputs(prod, AZ.trafficControllerAssociation)).toMatchObject({
      associationType: "subnets",
      subnet: { id: expect.stringMatching(/\/subnets\/app-gateway$/) },
    });
    expect(inputs(prod, AZ.trafficControllerSecurityPolicy).wafPolicy.id).toMatch(
      /\/ApplicationGatewayWebApplicationFirewallPolicies\/imazureprodmainapiwaf$/,
    );
    expect(
      named(prod.resources, AZ.federatedCredential, "main-cluster-alb-controller-federation").inputs,
    ).toMatchObject({
      subject: "system:serviceaccount:azure-alb-system:alb-controller-sa",
      audiences: ["api://AzureADTokenExchange"],
      issuer: expect.stringMatching(/^https:\/\/oidc\.synth\.invalid\//),
    });
    for (const type of [AZ.wafPolicy, AZ.trafficController, AZ.federatedCredential])
      expect(all(dev.resources, type)).toEqual([]);
  });
});

describe("the target as the platform sees it", () => {
  it("every Azure and in-cluster object of the target is parented to it and named after it", () => {
    // Prometheus rule groups are the monitoring add-on's, loaded through the target's collector: the platform's and each cell's own.
    const children = prod.resources.filter(
      (r) =>
        (r.type.startsWith("azure-native:") && r.type !== AZ.prometheusRuleGroup) ||
        r.type.startsWith("pulumi:providers:") ||
        r.type === "kubernetes:storage.k8s.io/v1:StorageClass",
    );
    expect(children.length).toBeGreaterThan(40);
    for (const resource of children) {
      expect(resource.parent, resource.name).toBe("main-cluster");
      expect(resource.name.startsWith("main-cluster-"), resource.name).toBe(true);
    }
  });

  it.each([
    ["azure-dev", () => dev],
    ["azure-prod", () => prod],
  ])("%s passes both policy packs", (_stack, result) => {
    const findings = runPacks(fromSynth(result().resources), ALL_PACKS);
    expect(findings.filter((finding) => finding.level === "mandatory")).toEqual([]);
  });
});
