import * as privatedns from "@pulumi/azure-native/privatedns";
import type * as pulumi from "@pulumi/pulumi";
import type { AzureScope } from "../scope";

/**
 * Private DNS zones of the data services' private endpoints
 * (learn.microsoft.com/azure/private-link/private-endpoint-dns): each endpoint's zone group
 * writes its A records there, and the VNet resolves the services' public names to them.
 */
export const DATA_DNS_ZONES = {
  redis: "privatelink.redis.azure.net",
  kafka: "privatelink.servicebus.windows.net",
  mongodb: "privatelink.mongocluster.cosmos.azure.com",
} as const;

export type DataZoneKind = keyof typeof DATA_DNS_ZONES;
export type DataZones = Readonly<Record<DataZoneKind, privatedns.PrivateZone>>;

/** One zone per service, linked to the cluster's VNet; a resource group holds a zone name once, so the target makes them, not each data set. */
export function createDataZones(
  name: string,
  scope: AzureScope,
  args: { readonly vnetId: pulumi.Input<string>; readonly vnetName: string },
  opts: pulumi.CustomResourceOptions,
): DataZones {
  const base = { resourceGroupName: scope.resourceGroupName, location: "global", tags: scope.tags };
  const zone = (kind: DataZoneKind) => {
    const created = new privatedns.PrivateZone(
      `${name}-data-dns-${kind}`,
      { ...base, privateZoneName: DATA_DNS_ZONES[kind] },
      opts,
    );
    new privatedns.VirtualNetworkLink(
      `${name}-data-dns-${kind}-link`,
      {
        ...base,
        privateZoneName: created.name,
        virtualNetworkLinkName: `${args.vnetName}-${kind}`,
        virtualNetwork: { id: args.vnetId },
        registrationEnabled: false,
      },
      opts,
    );
    return created;
  };
  return { redis: zone("redis"), kafka: zone("kafka"), mongodb: zone("mongodb") };
}
