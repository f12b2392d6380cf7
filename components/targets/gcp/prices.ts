import {
  allocatableOf,
  GIB,
  standardCpuReservation,
  tieredShare,
  type MachinePriceTable,
  type MachineSpec,
  type PriceSource,
} from "../capacity";

/**
 * Compute Engine on-demand prices (USD per VM-hour) of the machine types the sample stacks use
 * and their neighbours, from the Cluster Autoscaler's GCE price model (kubernetes/autoscaler,
 * cluster-autoscaler/cloudprovider/gce/gce_price_info.go, last changed 2026-06-23). The file names
 * no region; its figures are Google's us-central1 list, so other regions (europe-west1 is a little
 * dearer) are priced at it, and the comparison says so.
 */
export const GCE_PRICES: MachinePriceTable = {
  source: {
    what: "Compute Engine on-demand, us-central1 (Cluster Autoscaler's GCE price model)",
    url: "https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/gce/gce_price_info.go",
    asOf: "2026-06-23",
  },
  fallbackRegion: "us-central1",
  regions: {
    "us-central1": {
      "e2-standard-2": 0.06701,
      "e2-standard-4": 0.13402,
      "e2-standard-8": 0.26805,
      "e2-standard-16": 0.53609,
      "n2-standard-4": 0.1942,
      "n2-standard-8": 0.3885,
      "n2-standard-16": 0.7769,
    },
  },
};

/** The GKE cluster management fee: USD 0.10 per cluster-hour (the free-tier credit covers one zonal cluster, not these regional ones). */
export const GKE_CONTROL_PLANE: PriceSource & { readonly hourly: number } = {
  what: "GKE cluster management fee",
  url: "https://cloud.google.com/kubernetes-engine/pricing",
  asOf: "2026-12-04",
  hourly: 0.1,
};

/** GKE's default of 110 pods per node (a /24 of the pod range each). */
const GKE_MAX_PODS = 110;

export const GCE_MACHINES: Readonly<Record<string, MachineSpec>> = {
  "e2-standard-2": { vcpu: 2, memoryGiB: 8, maxPods: GKE_MAX_PODS },
  "e2-standard-4": { vcpu: 4, memoryGiB: 16, maxPods: GKE_MAX_PODS },
  "e2-standard-8": { vcpu: 8, memoryGiB: 32, maxPods: GKE_MAX_PODS },
  "e2-standard-16": { vcpu: 16, memoryGiB: 64, maxPods: GKE_MAX_PODS },
  "n2-standard-4": { vcpu: 4, memoryGiB: 16, maxPods: GKE_MAX_PODS },
  "n2-standard-8": { vcpu: 8, memoryGiB: 32, maxPods: GKE_MAX_PODS },
  "n2-standard-16": { vcpu: 16, memoryGiB: 64, maxPods: GKE_MAX_PODS },
};

/** A GKE node's allocatable: memory reserved in tiers (25% of the first 4 GiB down to 2% above 128 GiB), CPU in tiers. */
export function gkeAllocatable(spec: MachineSpec) {
  const memoryBytes = tieredShare(spec.memoryGiB, [
    [4, 0.25],
    [8, 0.2],
    [16, 0.1],
    [128, 0.06],
    [Infinity, 0.02],
  ]);
  return allocatableOf(spec, { cpu: standardCpuReservation(spec.vcpu), memoryBytes: memoryBytes * GIB });
}
