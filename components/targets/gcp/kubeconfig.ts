import { execKubeconfig } from "../exec-kubeconfig";

/** What a kubeconfig for a GKE cluster needs. */
export interface KubeconfigParts {
  readonly clusterName: string;
  /** Host (IP) of the endpoint the deploying machine can reach: the private one when the public one is off. */
  readonly endpoint: string;
  readonly caCertificate: string;
}

/**
 * A kubeconfig that authenticates with the deploying identity through gke-gcloud-auth-plugin,
 * so no long-lived credential is stored in state.
 */
export function gkeKubeconfig(parts: KubeconfigParts): string {
  return execKubeconfig(`gke-${parts.clusterName}`, `https://${parts.endpoint}`, parts.caCertificate, {
    command: "gke-gcloud-auth-plugin",
    provideClusterInfo: true,
    installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
  });
}
