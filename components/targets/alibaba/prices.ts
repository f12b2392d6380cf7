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
 * ECS pay-as-you-go prices (USD per instance-hour, Linux) of the instance types the sample stacks
 * use and their neighbours, as listed on Alibaba Cloud's international price page for Singapore.
 * They were recorded without the price calculator at hand and could not be checked offline:
 * treat them as estimates, and set `prices.machineHourly` for your region and account's rates.
 */
export const ECS_PRICES: MachinePriceTable = {
  source: {
    what: "ECS pay-as-you-go, ap-southeast-1 (estimates, not verified offline)",
    url: "https://www.alibabacloud.com/product/ecs/pricing",
    asOf: "2026-12-07",
  },
  fallbackRegion: "ap-southeast-1",
  regions: {
    "ap-southeast-1": {
      "ecs.g7.large": 0.098,
      "ecs.g7.xlarge": 0.196,
      "ecs.g7.2xlarge": 0.392,
      "ecs.g7.4xlarge": 0.784,
      "ecs.c7.xlarge": 0.168,
      "ecs.c7.2xlarge": 0.336,
    },
  },
};

/** The ACK Pro (ack.pro.small) cluster management fee, per cluster-hour; an estimate, not verified offline. */
export const ACK_PRO_CONTROL_PLANE: PriceSource & { readonly hourly: number } = {
  what: "ACK managed Pro cluster management fee (estimate, not verified offline)",
  url: "https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/product-overview/cluster-management-fee",
  asOf: "2026-12-07",
  hourly: 0.09,
};

/**
 * Instance types with the pods Terway's shared-ENI mode gives each node: (ENIs - 1) x private
 * addresses per ENI. The ENI figures are the ECS instance family's published quotas, recorded
 * without the console at hand.
 */
export const ECS_MACHINES: Readonly<Record<string, MachineSpec>> = {
  "ecs.g7.large": { vcpu: 2, memoryGiB: 8, maxPods: 12 },
  "ecs.g7.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 45 },
  "ecs.g7.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 45 },
  "ecs.g7.4xlarge": { vcpu: 16, memoryGiB: 64, maxPods: 210 },
  "ecs.c7.xlarge": { vcpu: 4, memoryGiB: 8, maxPods: 45 },
  "ecs.c7.2xlarge": { vcpu: 8, memoryGiB: 16, maxPods: 45 },
};

/**
 * An ACK node's allocatable: CPU reserved in the usual tiers, memory in tiers like the other
 * managed services' (ACK's own formula is close; the figures are for sizing, not billing).
 */
export function ackAllocatable(spec: MachineSpec) {
  const memoryBytes = tieredShare(spec.memoryGiB, [
    [4, 0.25],
    [8, 0.2],
    [16, 0.1],
    [128, 0.06],
    [Infinity, 0.02],
  ]);
  return allocatableOf(spec, { cpu: standardCpuReservation(spec.vcpu), memoryBytes: memoryBytes * GIB });
}
