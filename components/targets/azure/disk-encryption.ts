import * as compute from "@pulumi/azure-native/compute";
import type * as authorization from "@pulumi/azure-native/authorization";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import type * as pulumi from "@pulumi/pulumi";
import type { AzureScope } from "./scope";
import { grantRole } from "./roles";

export interface EncryptionSet {
  readonly set: compute.DiskEncryptionSet;
  /** The set's own grant on its key: disks encrypted with the set need it in place. */
  readonly grant: authorization.RoleAssignment;
}

/**
 * A disk encryption set over one key (customer-managed keys for managed disks), following the
 * key's newest version on its own, and allowed to wrap and unwrap with that key alone.
 */
export function createEncryptionSet(
  name: string,
  setName: string,
  key: keyvault.Key,
  scope: AzureScope,
  opts: pulumi.CustomResourceOptions,
): EncryptionSet {
  const set = new compute.DiskEncryptionSet(
    name,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      diskEncryptionSetName: setName,
      encryptionType: "EncryptionAtRestWithCustomerKey",
      identity: { type: "SystemAssigned" },
      activeKey: { keyUrl: key.keyUriWithVersion },
      rotationToLatestKeyVersionEnabled: true,
      tags: scope.tags,
    },
    opts,
  );
  const grant = grantRole(
    `${name}-key-access`,
    scope.subscriptionId,
    {
      principalId: set.identity.apply((identity) => identity?.principalId ?? ""),
      role: "keyVaultCryptoServiceEncryptionUser",
      scope: key.id,
      description: `Disk encryption set ${setName} wraps disk keys with its key`,
    },
    opts,
  );
  return { set, grant };
}

export interface EncryptionSets {
  /** Node OS disks and the platform's volumes. */
  readonly disks: EncryptionSet;
  /** VIP tenants' own sets, by tenant id. */
  readonly tenants: Readonly<Record<string, EncryptionSet>>;
}

/** One encryption set for the cluster's disks key and one per VIP tenant key. */
export function createEncryptionSets(
  name: string,
  clusterName: string,
  keys: { readonly disks: keyvault.Key; readonly tenants: Readonly<Record<string, keyvault.Key>> },
  scope: AzureScope,
  opts: pulumi.CustomResourceOptions,
): EncryptionSets {
  return {
    disks: createEncryptionSet(`${name}-des-disks`, `${clusterName}-disks`, keys.disks, scope, opts),
    tenants: Object.fromEntries(
      Object.entries(keys.tenants).map(([tenant, key]) => [
        tenant,
        createEncryptionSet(`${name}-des-${tenant}`, `${clusterName}-${tenant}`, key, scope, opts),
      ]),
    ),
  };
}

/** Every set of a target by a short name ("disks", or the tenant id), with its grant. */
export function allEncryptionSets(sets: EncryptionSets): Array<[string, EncryptionSet]> {
  return [["disks", sets.disks], ...Object.entries(sets.tenants)];
}
