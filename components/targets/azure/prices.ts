import { allocatableOf, GIB, MIB, type MachinePriceTable, type MachineSpec, type PriceSource } from "../capacity";
import type { AzureSettings } from "./settings";

/**
 * Azure pay-as-you-go Linux VM prices (USD per VM-hour) of the sizes the sample stacks use, from
 * the table Karpenter for AKS generates from the Azure Retail Prices API (Azure/karpenter-provider-azure,
 * pkg/providers/pricing/zz_generated.pricing.go, "generated at 2026-06-18T03:43:41Z"), for the
 * sample stacks' region (westeurope) and eastus.
 */
export const AZURE_VM_PRICES: MachinePriceTable = {
  source: {
    what: "Azure VMs pay-as-you-go Linux (Karpenter for AKS's generated table)",
    url: "https://github.com/Azure/karpenter-provider-azure/blob/main/pkg/providers/pricing/zz_generated.pricing.go",
    asOf: "2026-06-18",
  },
  fallbackRegion: "eastus",
  regions: {
    westeurope: {
      Standard_D2ds_v5: 0.136,
      Standard_D4ds_v5: 0.272,
      Standard_D8ds_v5: 0.544,
      Standard_D16ds_v5: 1.088,
      Standard_D32ds_v5: 2.176,
      Standard_D2s_v5: 0.115,
      Standard_D4s_v5: 0.23,
      Standard_D8s_v5: 0.46,
      Standard_D16s_v5: 0.92,
    },
    eastus: {
      Standard_D2ds_v5: 0.113,
      Standard_D4ds_v5: 0.226,
      Standard_D8ds_v5: 0.452,
      Standard_D16ds_v5: 0.904,
      Standard_D32ds_v5: 1.808,
      Standard_D2s_v5: 0.096,
      Standard_D4s_v5: 0.192,
      Standard_D8s_v5: 0.384,
      Standard_D16s_v5: 0.768,
    },
  },
};

/** The AKS cluster management fee by pricing tier: Free has none; Standard USD 0.10, Premium USD 0.60 per cluster-hour. */
export const AKS_CONTROL_PLANE: PriceSource & { readonly hourly: Readonly<Record<AzureSettings["skuTier"], number>> } =
  {
    what: "AKS cluster management (Free, Standard, Premium tiers)",
    url: "https://azure.microsoft.com/en-us/pricing/details/kubernetes-service/",
    asOf: "2026-12-04",
    hourly: { Free: 0, Standard: 0.1, Premium: 0.6 },
  };

/** Azure CNI Overlay's default of 250 pods per node. */
const AKS_MAX_PODS = 250;

const vm = (vcpu: number): MachineSpec => ({ vcpu, memoryGiB: vcpu * 4, maxPods: AKS_MAX_PODS });

export const AZURE_MACHINES: Readonly<Record<string, MachineSpec>> = {
  Standard_D2ds_v5: vm(2),
  Standard_D4ds_v5: vm(4),
  Standard_D8ds_v5: vm(8),
  Standard_D16ds_v5: vm(16),
  Standard_D32ds_v5: vm(32),
  Standard_D2s_v5: vm(2),
  Standard_D4s_v5: vm(4),
  Standard_D8s_v5: vm(8),
  Standard_D16s_v5: vm(16),
};

/** CPU AKS (1.29 and later) reserves by the node's core count. */
const AKS_CPU_RESERVED: ReadonlyArray<readonly [cores: number, reserved: number]> = [
  [1, 0.06],
  [2, 0.1],
  [4, 0.14],
  [8, 0.18],
  [16, 0.26],
  [32, 0.42],
  [64, 0.74],
];

/**
 * An AKS node's allocatable (1.29 and later): memory reserves 20 MB per admissible pod plus 50 MB,
 * at most a quarter of the node's; CPU by core count.
 */
export function aksAllocatable(spec: MachineSpec) {
  const cpu = AKS_CPU_RESERVED.find(([cores]) => spec.vcpu <= cores)?.[1] ?? 0.74;
  const memoryBytes = Math.min((20 * spec.maxPods + 50) * MIB, (spec.memoryGiB * GIB) / 4);
  return allocatableOf(spec, { cpu, memoryBytes });
}
