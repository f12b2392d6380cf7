import type * as authorization from "@pulumi/azure-native/authorization";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import type * as pulumi from "@pulumi/pulumi";
import { grantRole } from "../roles";
import type { AzureScope } from "../scope";

/** A Key Vault key as the data services name it. */
export interface DataKey {
  /** Who owns it: "platform" or the tenant id; names the grant. */
  readonly owner: string;
  readonly key: keyvault.Key;
}

/** The vault's URI (`https://<vault>.vault.azure.net/`), from the key's own URI, so sovereign clouds keep theirs. */
export function vaultUriOf(key: keyvault.Key): pulumi.Output<string> {
  return key.keyUri.apply((uri) => `${new URL(uri).origin}/`);
}

export interface DataIdentity {
  readonly identity: managedidentity.UserAssignedIdentity;
  /** Services that encrypt with a key must wait for the identity's grant on it. */
  readonly grants: readonly authorization.RoleAssignment[];
}

/**
 * The identity a data set's services unwrap their keys with: Azure Managed Redis takes only a
 * user-assigned identity for its key, and one made before the service can be granted the key
 * before the service needs it. It may wrap and unwrap with the data set's keys alone.
 */
export function createDataIdentity(
  name: string,
  identityName: string,
  scope: AzureScope,
  keys: readonly DataKey[],
  opts: pulumi.CustomResourceOptions,
): DataIdentity {
  const identity = new managedidentity.UserAssignedIdentity(
    `${name}-identity`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      resourceName: identityName,
      tags: scope.tags,
    },
    opts,
  );
  const owners = new Set<string>();
  const grants = keys
    .filter((key) => (owners.has(key.owner) ? false : (owners.add(key.owner), true)))
    .map((key) =>
      grantRole(
        `${name}-key-${key.owner}`,
        scope.subscriptionId,
        {
          principalId: identity.principalId,
          role: "keyVaultCryptoServiceEncryptionUser",
          scope: key.key.id,
          description: `Managed data services of ${identityName} wrap their data keys with the ${key.owner} key`,
        },
        opts,
      ),
    );
  return { identity, grants };
}
