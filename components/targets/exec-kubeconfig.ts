/** The credential plugin a kubeconfig's user runs to get a short-lived token. */
export interface ExecCredential {
  readonly command: string;
  readonly args?: readonly string[];
  /** Hands the plugin the cluster's entry (GKE's plugin reads the endpoint from it). */
  readonly provideClusterInfo?: boolean;
  /** "Never": the plugin may not prompt, as in CI. */
  readonly interactiveMode?: "Never" | "IfAvailable" | "Always";
  readonly installHint?: string;
}

/**
 * A kubeconfig for one cluster whose user signs in through an exec credential plugin with the
 * deploying identity, so no long-lived credential is stored in state.
 */
export function execKubeconfig(name: string, server: string, caCertificate: string, exec: ExecCredential): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server, "certificate-authority-data": caCertificate } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [{ name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", ...exec } } }],
  });
}
