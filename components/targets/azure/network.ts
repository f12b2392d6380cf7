import * as network from "@pulumi/azure-native/network";
import type * as pulumi from "@pulumi/pulumi";
import type { SecurityGroups } from "./firewall";
import type { AzureScope } from "./scope";
import type { AzureTargetConfig } from "./schema";

/** Subnet names, which Services name too (an internal load balancer's frontend subnet). */
export const SUBNETS = {
  nodes: "nodes",
  edge: "edge",
  endpoints: "endpoints",
  apiServer: "api-server",
  appGateway: "app-gateway",
  data: "data",
} as const;

export interface AzureNetwork {
  readonly vnet: network.VirtualNetwork;
  readonly nodes: network.Subnet;
  readonly edge: network.Subnet;
  readonly endpoints: network.Subnet;
  readonly apiServer: network.Subnet;
  readonly appGateway?: network.Subnet;
  /** Private endpoints of the managed data services, when `data.mode` is managed. */
  readonly data?: network.Subnet;
  readonly nat: network.NatGateway;
  /** The static address every pod's internet traffic leaves from (allow-list it at APNs/FCM proxies and partners). */
  readonly egressIp: network.PublicIPAddress;
}

export interface AzureNetworkArgs {
  readonly vnetName: string;
  readonly network: AzureTargetConfig["network"];
  readonly securityGroups: SecurityGroups;
  readonly appGateway: boolean;
}

/**
 * The cluster's VNet: a node subnet whose only way out is a NAT gateway with a static public IP
 * (AKS outbound type userAssignedNATGateway), subnets for internal edge frontends, private
 * endpoints, the API server (VNet integration) and, when enabled, Application Gateway for
 * Containers, and the managed data services' private endpoints. Subnets are created one after another: Azure serialises changes to a VNet's
 * subnets and fails concurrent ones. No subnet has default outbound access.
 */
export function createNetwork(
  name: string,
  scope: AzureScope,
  args: AzureNetworkArgs,
  opts: pulumi.CustomResourceOptions,
): AzureNetwork {
  const base = { resourceGroupName: scope.resourceGroupName, location: scope.location, tags: scope.tags };
  const egressIp = new network.PublicIPAddress(
    `${name}-egress-ip`,
    {
      ...base,
      publicIpAddressName: `${args.vnetName}-egress`,
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
    },
    opts,
  );
  const nat = new network.NatGateway(
    `${name}-nat`,
    {
      ...base,
      natGatewayName: `${args.vnetName}-nat`,
      sku: { name: "Standard" },
      publicIpAddresses: [{ id: egressIp.id }],
      // Push connections to APNs/FCM sit idle between notifications; the NAT must not forget them first.
      idleTimeoutInMinutes: args.network.natIdleTimeoutMinutes,
    },
    opts,
  );
  const vnet = new network.VirtualNetwork(
    `${name}-vnet`,
    {
      ...base,
      virtualNetworkName: args.vnetName,
      addressSpace: { addressPrefixes: [args.network.vnetCidr] },
    },
    opts,
  );

  let previous: pulumi.Resource = vnet;
  const subnet = (
    key: keyof typeof SUBNETS,
    extra: Omit<network.SubnetArgs, "resourceGroupName" | "virtualNetworkName">,
  ) => {
    const created = new network.Subnet(
      `${name}-subnet-${SUBNETS[key]}`,
      {
        resourceGroupName: scope.resourceGroupName,
        virtualNetworkName: vnet.name,
        subnetName: SUBNETS[key],
        defaultOutboundAccess: false,
        ...extra,
      },
      { ...opts, dependsOn: [previous] },
    );
    previous = created;
    return created;
  };
  const nodes = subnet("nodes", {
    addressPrefix: args.network.nodesCidr,
    natGateway: { id: nat.id },
    networkSecurityGroup: { id: args.securityGroups.nodes.id },
  });
  const edge = subnet("edge", {
    addressPrefix: args.network.edgeCidr,
    networkSecurityGroup: { id: args.securityGroups.edge.id },
  });
  const endpoints = subnet("endpoints", {
    addressPrefix: args.network.endpointsCidr,
    networkSecurityGroup: { id: args.securityGroups.endpoints.id },
    // Private endpoints ignore NSGs unless the subnet asks for them.
    privateEndpointNetworkPolicies: "Enabled",
  });
  // Delegated subnets belong to their service, which manages their traffic (no NSG of the kit's).
  const apiServer = subnet("apiServer", {
    addressPrefix: args.network.apiServerCidr,
    delegations: [{ name: "aks-api-server", serviceName: "Microsoft.ContainerService/managedClusters" }],
  });
  const appGateway = args.appGateway
    ? subnet("appGateway", {
        addressPrefix: args.network.appGatewayCidr,
        delegations: [
          { name: "app-gateway-for-containers", serviceName: "Microsoft.ServiceNetworking/trafficControllers" },
        ],
      })
    : undefined;
  const dataGroup = args.securityGroups.data;
  const data = dataGroup
    ? subnet("data", {
        addressPrefix: args.network.dataCidr,
        networkSecurityGroup: { id: dataGroup.id },
        privateEndpointNetworkPolicies: "Enabled",
      })
    : undefined;
  return { vnet, nodes, edge, endpoints, apiServer, appGateway, data, nat, egressIp };
}
