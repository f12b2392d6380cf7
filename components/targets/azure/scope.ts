import type * as pulumi from "@pulumi/pulumi";

/** Where a target's Azure resources go, shared by every builder. */
export interface AzureScope {
  readonly subscriptionId: string;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Record<string, string>;
}
