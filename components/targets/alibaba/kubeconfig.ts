import * as cs from "@pulumi/alicloud/cs";
import * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";

/** How long the client certificate in the deploying kubeconfig lives: one deployment's worth. */
export const CREDENTIAL_MINUTES = 120;

/**
 * The kubeconfig with every cluster entry pointed at `server`. The provider asks ACK for the
 * internet endpoint's kubeconfig; a cluster without one is reached on its internal endpoint.
 */
export function withServer(kubeconfig: string, server: string): string {
  const config = parse(kubeconfig) as { clusters?: Array<{ cluster?: Record<string, unknown> }> };
  for (const entry of config.clusters ?? []) if (entry.cluster) entry.cluster.server = server;
  return stringify(config);
}

/**
 * A kubeconfig with a short-lived client certificate, fetched for each deployment with the
 * deploying identity's RAM permissions, so no lasting credential is kept in state; on the
 * internal endpoint when the API server has no internet one.
 */
export function ackKubeconfig(
  cluster: cs.ManagedKubernetes,
  privateEndpoint: boolean,
  opts: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  const fetched = cs.getClusterCredentialOutput(
    { clusterId: cluster.id, temporaryDurationMinutes: CREDENTIAL_MINUTES },
    opts,
  ).kubeConfig;
  const kubeconfig = privateEndpoint
    ? pulumi
        .all([fetched, cluster.connections])
        .apply(([config, connections]) =>
          connections.apiServerIntranet ? withServer(config, connections.apiServerIntranet) : config,
        )
    : fetched;
  return pulumi.secret(kubeconfig);
}
