import { createHash } from "node:crypto";
import type { TrafficRecord } from "../capabilities";
import type { AzureTargetConfig } from "./schema";

/** Names of the target's Azure resources that other resources and people refer to. */
export interface AzureNames {
  readonly resourceGroup: string;
  readonly cluster: string;
  /** AKS's own resource group for node VMs, load balancers and their public IPs. */
  readonly nodeResourceGroup: string;
  readonly vnet: string;
  readonly keyVault: string;
}

/** "im-<stack>-<target>", in the characters Azure resource names share. */
export function defaultName(stack: string, targetName: string): string {
  return `im-${stack}-${targetName}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 54)
    .replace(/-$/, "");
}

/**
 * Vault names are global and stay reserved while a deleted vault is soft-deleted, so the default
 * carries a hash of the subscription and resource group: another stack never collides with it.
 */
export function defaultKeyVaultName(base: string, subscriptionId: string, resourceGroup: string): string {
  const hash = createHash("sha256").update(`${subscriptionId}/${resourceGroup}`).digest("hex").slice(0, 6);
  // The base starts "im-", so the stem starts with the letter a vault name needs.
  return `${base.replace(/[^a-z0-9]/g, "").slice(0, 16)}-${hash}`;
}

export function azureNames(cluster: AzureTargetConfig, stack: string, targetName: string): AzureNames {
  const base = defaultName(stack, targetName);
  const resourceGroup = cluster.resourceGroupName ?? base;
  const clusterName = cluster.clusterName ?? base;
  return {
    resourceGroup,
    cluster: clusterName,
    nodeResourceGroup: `${resourceGroup}-nodes`.slice(0, 80),
    vnet: `${clusterName}-vnet`,
    keyVault: cluster.keyVault.name ?? defaultKeyVaultName(base, cluster.subscriptionId, resourceGroup),
  };
}

/** A DNS label unique to the stack's scope and the hostname: the profile's name and its relative DNS name. */
export function profileLabel(scope: string, record: TrafficRecord): string {
  const hash = createHash("sha256").update(`${scope}/${record.hostname}`).digest("hex").slice(0, 8);
  const stem = record.name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 54)
    .replace(/-+$/, "");
  return `${stem}-${hash}`;
}
