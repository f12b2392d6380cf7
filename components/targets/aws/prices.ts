import {
  allocatableOf,
  MIB,
  standardCpuReservation,
  type MachinePriceTable,
  type MachineSpec,
  type PriceSource,
} from "../capacity";

/**
 * EC2 on-demand Linux prices (USD per instance-hour) of the instance types the sample stacks use
 * and their neighbours, from the table Karpenter generates from the AWS Price List API
 * (aws/karpenter-provider-aws, pkg/providers/pricing/zz_generated.pricing_aws.go, "generated at
 * 2026-07-20T13:44:30Z for us-east-1"). It lists us-east-1 only: other regions (eu-west-1 is
 * usually a few percent dearer) are priced at this list, and the comparison says so.
 */
export const EC2_PRICES: MachinePriceTable = {
  source: {
    what: "EC2 on-demand Linux, us-east-1 (Karpenter's generated table)",
    url: "https://github.com/aws/karpenter-provider-aws/blob/main/pkg/providers/pricing/zz_generated.pricing_aws.go",
    asOf: "2026-07-20",
  },
  fallbackRegion: "us-east-1",
  regions: {
    "us-east-1": {
      "t3.large": 0.0832,
      "t3.xlarge": 0.1664,
      "m6i.large": 0.096,
      "m6i.xlarge": 0.192,
      "m6i.2xlarge": 0.384,
      "m7i.large": 0.1008,
      "m7i.xlarge": 0.2016,
      "m7i.2xlarge": 0.4032,
      "m7i.4xlarge": 0.8064,
      "c7i.xlarge": 0.1785,
      "c7i.2xlarge": 0.357,
      "c7i.4xlarge": 0.714,
    },
  },
};

/** The EKS control plane: USD 0.10 per cluster-hour in standard support (0.60 in extended support). */
export const EKS_CONTROL_PLANE: PriceSource & { readonly hourly: number } = {
  what: "EKS cluster, standard support",
  url: "https://aws.amazon.com/eks/pricing/",
  asOf: "2026-12-04",
  hourly: 0.1,
};

/**
 * vCPUs, memory and the pods the EKS AMI admits (one IP per pod from the ENIs:
 * awslabs/amazon-eks-ami, templates/shared/runtime/eni-max-pods.txt) of the table's instance types.
 */
export const EC2_MACHINES: Readonly<Record<string, MachineSpec>> = {
  "t3.large": { vcpu: 2, memoryGiB: 8, maxPods: 35 },
  "t3.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m6i.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m6i.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m6i.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m7i.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m7i.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m7i.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m7i.4xlarge": { vcpu: 16, memoryGiB: 64, maxPods: 234 },
  "c7i.xlarge": { vcpu: 4, memoryGiB: 8, maxPods: 58 },
  "c7i.2xlarge": { vcpu: 8, memoryGiB: 16, maxPods: 58 },
  "c7i.4xlarge": { vcpu: 16, memoryGiB: 32, maxPods: 234 },
};

/** An EKS node's allocatable: the AMI reserves 11 MiB per admissible pod plus 255 MiB of memory, and CPU in tiers. */
export function eksAllocatable(spec: MachineSpec) {
  return allocatableOf(spec, {
    cpu: standardCpuReservation(spec.vcpu),
    memoryBytes: (11 * spec.maxPods + 255) * MIB,
  });
}
