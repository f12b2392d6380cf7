import * as log from "@pulumi/alicloud/log";
import type * as pulumi from "@pulumi/pulumi";

export interface ClusterLogs {
  readonly project: log.Project;
  readonly flowLogs: log.Store;
}

/** Control-plane components ACK ships logs of: all of them, so an incident has its whole story. */
export const CONTROL_PLANE_LOG_COMPONENTS = ["apiserver", "kcm", "scheduler", "ccm", "controlplane-events"];

/**
 * The Simple Log Service project of one cluster: ACK writes its control-plane and audit logs
 * there, and the VPC's flow logs go to a store of their own, all kept `retentionDays`.
 */
export function createLogs(
  name: string,
  args: { readonly projectName: string; readonly retentionDays: number; readonly tags: Record<string, string> },
  opts: pulumi.CustomResourceOptions,
): ClusterLogs {
  const project = new log.Project(
    `${name}-logs`,
    { projectName: args.projectName, description: "im-platform cluster logs", tags: args.tags },
    opts,
  );
  const flowLogs = new log.Store(
    `${name}-flow-logs`,
    {
      projectName: project.projectName,
      logstoreName: "vpc-flow-logs",
      retentionPeriod: args.retentionDays,
      shardCount: 2,
      autoSplit: true,
      maxSplitShardCount: 64,
    },
    opts,
  );
  return { project, flowLogs };
}
