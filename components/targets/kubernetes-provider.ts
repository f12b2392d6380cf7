import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export interface ClusterProviderArgs {
  /** Kubeconfig contents or a path; undefined means the ambient KUBECONFIG / current context. */
  readonly kubeconfig?: pulumi.Input<string>;
  readonly context?: string;
}

/**
 * The Kubernetes provider every target hands the platform, with the settings they all share:
 * server-side apply; ConfigMaps updated in place (a cell's directory ConfigMap changes when a
 * tenant moves between tiers; the provider's default would replace it, deleting the file under
 * the running pods that mount it); and the stack's declared fields winning a field conflict, so a
 * deploy puts back a field changed outside Pulumi (kubectl edit or scale) instead of stopping.
 * Fields the kit leaves to controllers (an autoscaled replica count) are never sent, so never forced.
 */
export function clusterProvider(
  name: string,
  args: ClusterProviderArgs,
  opts: pulumi.CustomResourceOptions,
): k8s.Provider {
  return new k8s.Provider(
    name,
    {
      kubeconfig: args.kubeconfig,
      context: args.context,
      enableServerSideApply: true,
      enableConfigMapMutable: true,
      enablePatchForce: true,
    },
    opts,
  );
}
