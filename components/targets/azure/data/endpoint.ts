import * as network from "@pulumi/azure-native/network";
import type * as privatedns from "@pulumi/azure-native/privatedns";
import type * as pulumi from "@pulumi/pulumi";
import type { AzureScope } from "../scope";

export interface DataEndpoint {
  readonly endpoint: network.PrivateEndpoint;
  readonly dns: network.PrivateDnsZoneGroup;
}

/** A private endpoint of one data service in the data subnet, its A records in the service's private zone. */
export function createDataEndpoint(
  name: string,
  scope: AzureScope,
  args: {
    readonly endpointName: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    readonly serviceId: pulumi.Input<string>;
    /** The service's private-link sub-resource ("redisEnterprise", "namespace", "MongoCluster"). */
    readonly groupId: string;
    readonly zone: privatedns.PrivateZone;
  },
  opts: pulumi.CustomResourceOptions,
): DataEndpoint {
  const endpoint = new network.PrivateEndpoint(
    `${name}-endpoint`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      tags: scope.tags,
      privateEndpointName: args.endpointName,
      subnet: { id: args.subnetId },
      privateLinkServiceConnections: [
        { name: args.groupId, privateLinkServiceId: args.serviceId, groupIds: [args.groupId] },
      ],
    },
    opts,
  );
  const dns = new network.PrivateDnsZoneGroup(
    `${name}-endpoint-dns`,
    {
      resourceGroupName: scope.resourceGroupName,
      privateEndpointName: endpoint.name,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.zone.id }],
    },
    opts,
  );
  return { endpoint, dns };
}
