import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export interface ClusterProviderArgs {
  /** Kubeconfig contents or a path; undefined means the ambient KUBECONFIG / current context. */
  readonly kubeconfig?: pulumi.Input<string>;
  readonly context?: string;
}

/**
 * The Kubernetes provider every target hands the platform, with the settings they all share:
 * server-side apply, and ConfigMaps updated in place. A cell's directory ConfigMap changes when a
 * tenant moves between tiers; the provider's default would replace it, deleting the file under
 * the running pods that mount it.
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
    },
    opts,
  );
}
