import type * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import type * as pulumi from "@pulumi/pulumi";
import { grantRole, type Role } from "./roles";
import type { AzureScope } from "./scope";

export interface ClusterIdentityScopes {
  readonly vnetId: pulumi.Input<string>;
  readonly vaultId: pulumi.Input<string>;
  readonly etcdKeyId: pulumi.Input<string>;
  /** Disk encryption sets by a short name ("disks", a tenant id). */
  readonly encryptionSetIds: Readonly<Record<string, pulumi.Input<string>>>;
}

export interface ClusterIdentity {
  readonly identity: managedidentity.UserAssignedIdentity;
  /** The cluster must wait for these: KMS and the node disks need them at creation. */
  readonly grants: authorization.RoleAssignment[];
}

/**
 * The control plane's own identity and what it may do: use the etcd key (KMS), keep its private
 * path to the vault, manage the VNet's load balancers, IPs and subnets, and read the disk
 * encryption sets its disks use. KMS needs a user-assigned identity: a system-assigned one exists
 * only once the cluster does, too late to be granted the key.
 */
export function createClusterIdentity(
  name: string,
  clusterName: string,
  scope: AzureScope,
  scopes: ClusterIdentityScopes,
  opts: pulumi.CustomResourceOptions,
): ClusterIdentity {
  const identity = new managedidentity.UserAssignedIdentity(
    `${name}-identity`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      resourceName: `${clusterName}-control-plane`,
      tags: scope.tags,
    },
    opts,
  );
  const grant = (suffix: string, role: Role, target: pulumi.Input<string>, description: string) =>
    grantRole(
      `${name}-identity-${suffix}`,
      scope.subscriptionId,
      { principalId: identity.principalId, role, scope: target, description },
      opts,
    );
  const grants = [
    grant(
      "network",
      "networkContributor",
      scopes.vnetId,
      "AKS control plane: subnets, NAT, load balancers and their IPs in the cluster VNet",
    ),
    grant("etcd-key", "keyVaultCryptoUser", scopes.etcdKeyId, "AKS KMS plugin: encrypt and decrypt etcd secrets"),
    grant("vault", "keyVaultContributor", scopes.vaultId, "AKS KMS plugin: private access to the vault"),
    ...Object.entries(scopes.encryptionSetIds).map(([set, id]) =>
      grant(`des-${set}`, "reader", id, `AKS and the disk CSI driver: create disks with encryption set ${set}`),
    ),
  ];
  return { identity, grants };
}
