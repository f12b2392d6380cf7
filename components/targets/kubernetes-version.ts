/**
 * Kubernetes 1.30 is the first with the preStop sleep action the gateways rely on, and with
 * ValidatingAdmissionPolicy v1, which holds each cell's pods to its priority classes.
 */
export const MIN_KUBERNETES_MINOR = 30;

/** The minor of "1.32", "1.32.4" or "v1.32.1". */
export function minorVersion(version: string): number {
  return Number(version.replace(/^v/, "").split(".")[1]);
}

/** Why a cluster version cannot run the platform, if it cannot. */
export function kubernetesVersionProblem(version: string): string | undefined {
  return minorVersion(version) < MIN_KUBERNETES_MINOR
    ? `is older than 1.${MIN_KUBERNETES_MINOR}, the first with the preStop sleep the gateways use; use 1.${MIN_KUBERNETES_MINOR} or newer`
    : undefined;
}
