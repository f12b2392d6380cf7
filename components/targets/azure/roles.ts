import * as authorization from "@pulumi/azure-native/authorization";
import type * as pulumi from "@pulumi/pulumi";

/** Built-in Azure role definition ids the target grants, each the narrowest that does the job. */
export const ROLES = {
  /** Encrypt and decrypt with a key: the KMS plugin's use of the etcd key. */
  keyVaultCryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
  /** Wrap and unwrap with a key: a disk encryption set's use of its key. */
  keyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  /** Manage the vault resource (not its data): AKS keeps the KMS plugin's private access to the vault. */
  keyVaultContributor: "f25e0fa2-a7c8-4377-a976-54943a77a395",
  /** Join subnets and manage load balancers and public IPs in the cluster's VNet. */
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
  /** Read a resource: disk encryption sets, for the disks AKS and the CSI driver create. */
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  /** Configure an Application Gateway for Containers: its controller's role. */
  appGatewayForContainersConfigurationManager: "fbc52c3f-28ad-4303-a892-8a056630b8f1",
  /** Read an Azure Monitor workspace's metrics (PromQL queries): KEDA's role on the workspace. */
  monitoringDataReader: "b0d8363b-8ddd-447d-831f-62ca05bff136",
} as const;

export type Role = keyof typeof ROLES;

export function roleDefinitionId(subscriptionId: string, role: Role): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role]}`;
}

export interface Grant {
  readonly principalId: pulumi.Input<string>;
  readonly role: Role;
  readonly scope: pulumi.Input<string>;
  readonly description: string;
}

/** One role assignment to a managed identity; the service-principal type skips Entra's replication wait. */
export function grantRole(
  name: string,
  subscriptionId: string,
  grant: Grant,
  opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
  return new authorization.RoleAssignment(
    name,
    {
      principalId: grant.principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId: roleDefinitionId(subscriptionId, grant.role),
      scope: grant.scope,
      description: grant.description,
    },
    opts,
  );
}
