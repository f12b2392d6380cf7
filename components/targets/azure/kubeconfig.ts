import * as containerservice from "@pulumi/azure-native/containerservice";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { execKubeconfig } from "../exec-kubeconfig";

/** The Entra application every AKS API server accepts tokens for. */
export const AKS_SERVER_APP_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

export interface AksKubeconfigParts {
  readonly clusterName: string;
  /** FQDN the deploying machine can reach: the private one when the API server is private. */
  readonly fqdn: string;
  readonly caCertificate: string;
  readonly login: "azurecli" | "workloadidentity";
}

/**
 * The cluster CA from AKS's user kubeconfig (the ManagedCluster resource does not carry it).
 * With local accounts off that kubeconfig holds no credential, only the endpoint and the CA.
 */
export function caFromUserKubeconfig(base64Kubeconfig: string): string {
  const document = parse(Buffer.from(base64Kubeconfig, "base64").toString("utf8")) as {
    clusters?: Array<{ cluster?: { "certificate-authority-data"?: string } }>;
  } | null;
  return document?.clusters?.[0]?.cluster?.["certificate-authority-data"] ?? "";
}

/**
 * A kubeconfig that signs in with Entra ID through kubelogin (the Azure CLI's login, or a
 * federated workload identity in CI), so no long-lived credential is stored in state.
 */
export function aksKubeconfig(parts: AksKubeconfigParts): string {
  return execKubeconfig(`aks-${parts.clusterName}`, `https://${parts.fqdn}:443`, parts.caCertificate, {
    command: "kubelogin",
    args: ["get-token", "--login", parts.login, "--server-id", AKS_SERVER_APP_ID],
    interactiveMode: "Never",
    installHint: "Install kubelogin: az aks install-cli (or https://azure.github.io/kubelogin)",
  });
}

export interface ClusterKubeconfigArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Connect to the private FQDN (the API server has no public one). */
  readonly privateCluster: boolean;
  readonly login: AksKubeconfigParts["login"];
}

/** The kit's kubeconfig for a cluster, as a secret: endpoint from the cluster, CA from its user credentials. */
export function clusterKubeconfig(
  aks: containerservice.ManagedCluster,
  args: ClusterKubeconfigArgs,
  opts: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  const credentials = containerservice.listManagedClusterUserCredentialsOutput(
    { resourceGroupName: args.resourceGroupName, resourceName: aks.name },
    opts,
  );
  const caCertificate = credentials.kubeconfigs.apply((kubeconfigs) =>
    caFromUserKubeconfig(kubeconfigs[0]?.value ?? ""),
  );
  const fqdn = args.privateCluster ? aks.privateFQDN : aks.fqdn;
  return pulumi.secret(
    pulumi
      .all([aks.name, fqdn, caCertificate])
      .apply(([clusterName, host, ca]) =>
        aksKubeconfig({ clusterName, fqdn: host, caCertificate: ca, login: args.login }),
      ),
  );
}
