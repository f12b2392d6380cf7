/** EC2 instance type names ("m7i.xlarge", "c6gn.2xlarge"). */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** Graviton (arm64) families carry a "g" after the generation digit: m7g, c6gn, r7gd, t4g. */
export function isArm64(instanceType: string): boolean {
  const family = instanceType.split(".")[0] ?? "";
  return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) || family === "a1";
}

/** The EKS-optimised Amazon Linux 2023 image of the pool's architecture. */
export function amiTypeFor(instanceTypes: readonly string[]): "AL2023_ARM_64_STANDARD" | "AL2023_x86_64_STANDARD" {
  return instanceTypes.some(isArm64) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
}

/** A node group runs one image, so its instance types must share an architecture. */
export function mixesArchitectures(instanceTypes: readonly string[]): boolean {
  return new Set(instanceTypes.map(isArm64)).size > 1;
}
