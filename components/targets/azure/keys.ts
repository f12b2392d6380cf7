import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import type * as inputs from "@pulumi/azure-native/types/input";
import type * as pulumi from "@pulumi/pulumi";
import type { AzureScope } from "./scope";
import type { AzureTargetConfig } from "./schema";

/** Days a key version stays usable after its successor is created: time to roll the cluster onto it. */
export const ROTATION_GRACE_DAYS = 30;
const VAULT_DNS_ZONE = "privatelink.vaultcore.azure.net";

/**
 * Each version expires `rotationDays + 30` days after creation and Key Vault rotates it 30 days
 * before that, so a new version always exists a month before the old one stops wrapping keys.
 */
export function rotationPolicy(rotationDays: number): inputs.keyvault.RotationPolicyArgs {
  return {
    attributes: { expiryTime: `P${rotationDays + ROTATION_GRACE_DAYS}D` },
    lifetimeActions: [
      { action: { type: "rotate" }, trigger: { timeBeforeExpiry: `P${ROTATION_GRACE_DAYS}D` } },
      { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P7D" } },
    ],
  };
}

export interface AzureKeys {
  readonly vault: keyvault.Vault;
  /** Kubernetes secrets in etcd (AKS KMS). */
  readonly etcd: keyvault.Key;
  /** Node OS disks and the platform's persistent disks, through a disk encryption set. */
  readonly disks: keyvault.Key;
  /** VIP tenants' own keys, by tenant id. */
  readonly tenants: Readonly<Record<string, keyvault.Key>>;
  /** The managed data services of data sets and cells without a tenant key, when `data.mode` is managed. */
  readonly data?: keyvault.Key;
  /** The vault's private endpoint, which the KMS plugin reaches it through. */
  readonly endpoint: network.PrivateEndpoint;
}

export interface AzureKeysArgs {
  readonly vaultName: string;
  readonly tenantId: string;
  readonly keyVault: AzureTargetConfig["keyVault"];
  readonly vnetId: pulumi.Input<string>;
  readonly endpointsSubnetId: pulumi.Input<string>;
  /** VIP tenants with `dedicatedKey: true`. */
  readonly tenants: readonly string[];
  /** Make the platform's data key (managed data services). */
  readonly dataKey?: boolean;
}

/**
 * A Key Vault in RBAC mode with purge protection and soft delete, closed to the internet
 * (trusted Azure services such as disk encryption sets pass), reached through a private endpoint
 * and its private DNS zone; rotating RSA keys for etcd, disks, managed data (when on), and each
 * VIP tenant that asks.
 */
export function createKeys(
  name: string,
  scope: AzureScope,
  args: AzureKeysArgs,
  opts: pulumi.CustomResourceOptions,
): AzureKeys {
  const base = { resourceGroupName: scope.resourceGroupName, tags: scope.tags };
  const vault = new keyvault.Vault(
    `${name}-vault`,
    {
      ...base,
      location: scope.location,
      vaultName: args.vaultName,
      properties: {
        tenantId: args.tenantId,
        sku: { family: "A", name: args.keyVault.sku },
        enableRbacAuthorization: true,
        enablePurgeProtection: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: args.keyVault.softDeleteRetentionDays,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
    },
    opts,
  );

  const kty = args.keyVault.sku === "premium" ? "RSA-HSM" : "RSA";
  const key = (keyName: string, keySize: number, purpose: string) =>
    new keyvault.Key(
      `${name}-key-${keyName}`,
      {
        ...base,
        vaultName: vault.name,
        keyName,
        properties: { kty, keySize, rotationPolicy: rotationPolicy(args.keyVault.rotationDays) },
        tags: { ...scope.tags, purpose },
      },
      opts,
    );
  const etcd = key("etcd", 2048, "etcd");
  const disks = key("disks", 3072, "disks");
  const data = args.dataKey ? key("data", 3072, "data") : undefined;
  const tenants = Object.fromEntries(
    args.tenants.map((tenant) => [tenant, key(`tenant-${tenant}`, 3072, `tenant-${tenant}`)]),
  );

  const zone = new privatedns.PrivateZone(
    `${name}-vault-dns`,
    { ...base, location: "global", privateZoneName: VAULT_DNS_ZONE },
    opts,
  );
  new privatedns.VirtualNetworkLink(
    `${name}-vault-dns-link`,
    {
      ...base,
      location: "global",
      privateZoneName: zone.name,
      virtualNetworkLinkName: `${args.vaultName}-vnet`,
      virtualNetwork: { id: args.vnetId },
      registrationEnabled: false,
    },
    opts,
  );
  const endpoint = new network.PrivateEndpoint(
    `${name}-vault-endpoint`,
    {
      ...base,
      location: scope.location,
      privateEndpointName: `${args.vaultName}-endpoint`,
      subnet: { id: args.endpointsSubnetId },
      privateLinkServiceConnections: [{ name: "vault", privateLinkServiceId: vault.id, groupIds: ["vault"] }],
    },
    opts,
  );
  new network.PrivateDnsZoneGroup(
    `${name}-vault-endpoint-dns`,
    {
      resourceGroupName: scope.resourceGroupName,
      privateEndpointName: endpoint.name,
      privateDnsZoneGroupName: "vault",
      privateDnsZoneConfigs: [{ name: "vault", privateDnsZoneId: zone.id }],
    },
    opts,
  );
  return { vault, etcd, disks, tenants, endpoint, ...(data ? { data } : {}) };
}
