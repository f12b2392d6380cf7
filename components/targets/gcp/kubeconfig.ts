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
  const name = `gke-${parts.clusterName}`;
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: `https://${parts.endpoint}`, "certificate-authority-data": parts.caCertificate } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [{
      name,
      user: {
        exec: {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "gke-gcloud-auth-plugin",
          provideClusterInfo: true,
          installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
        },
      },
    }],
  });
}
