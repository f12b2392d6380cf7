import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import type * as pulumi from "@pulumi/pulumi";
import type { GcpTargetConfig } from "./schema";

/** What a node needs and no more: logs, metrics, and pulling images. */
export const NODE_ROLES = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"];

export interface NodeIdentity {
  readonly account: serviceaccount.Account;
  readonly grants: projects.IAMMember[];
}

/** Service account ids are 6-30 characters and unique in the project. */
export function nodeAccountId(targetName: string): string {
  return `im-${targetName}-nodes`;
}

/** A dedicated node service account instead of the Compute Engine default (which is an Editor). */
export function createNodeIdentity(
  name: string,
  targetName: string,
  cluster: GcpTargetConfig,
  opts: pulumi.CustomResourceOptions,
): NodeIdentity {
  const account = new serviceaccount.Account(
    `${name}-nodes`,
    {
      project: cluster.project,
      accountId: nodeAccountId(targetName),
      displayName: `im-platform nodes (${targetName})`,
    },
    opts,
  );
  const grants = NODE_ROLES.map(
    (role) =>
      new projects.IAMMember(
        `${name}-nodes-${role.split("/")[1]?.replace(/\./g, "-")}`,
        {
          project: cluster.project,
          role,
          member: account.email.apply((email) => `serviceAccount:${email}`),
        },
        opts,
      ),
  );
  return { account, grants };
}
