import * as compute from "@pulumi/gcp/compute";
import type * as pulumi from "@pulumi/pulumi";
import type { GcpTargetConfig } from "./schema";

export const PODS_RANGE_NAME = "pods";
export const SERVICES_RANGE_NAME = "services";

export interface GcpNetwork {
  readonly network: compute.Network;
  readonly subnet: compute.Subnetwork;
  readonly nat: compute.RouterNat;
}

/**
 * Custom-mode VPC with one subnet in the cluster's region: nodes on the primary range, pods
 * and Services on secondary ranges (VPC-native). Private nodes reach the internet (image
 * pulls, APNs/FCM pushes) through Cloud NAT only.
 */
export function createNetwork(name: string, cluster: GcpTargetConfig, opts: pulumi.CustomResourceOptions): GcpNetwork {
  const { project, region } = cluster;
  const network = new compute.Network(
    `${name}-vpc`,
    {
      project,
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
      description: "im-platform cluster network",
    },
    opts,
  );
  const subnet = new compute.Subnetwork(
    `${name}-nodes`,
    {
      project,
      region,
      network: network.id,
      ipCidrRange: cluster.network.nodesCidr,
      secondaryIpRanges: [
        { rangeName: PODS_RANGE_NAME, ipCidrRange: cluster.network.podsCidr },
        { rangeName: SERVICES_RANGE_NAME, ipCidrRange: cluster.network.servicesCidr },
      ],
      privateIpGoogleAccess: true,
      logConfig: {
        aggregationInterval: "INTERVAL_5_SEC",
        flowSampling: cluster.network.flowLogSampling,
        metadata: "INCLUDE_ALL_METADATA",
      },
    },
    opts,
  );
  const router = new compute.Router(`${name}-router`, { project, region, network: network.id }, opts);
  const nat = new compute.RouterNat(
    `${name}-nat`,
    {
      project,
      region,
      router: router.name,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: [{ name: subnet.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
      // Push workers hold many connections to APNs/FCM; dynamic allocation keeps ports from running out.
      enableDynamicPortAllocation: true,
      enableEndpointIndependentMapping: false,
      minPortsPerVm: 256,
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    },
    opts,
  );
  return { network, subnet, nat };
}
