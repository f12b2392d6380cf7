import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type * as pulumi from "@pulumi/pulumi";
import { CONTROL_PLANE_LOG_CATEGORIES } from "./conventions";
import type { AzureScope } from "./scope";

/** A Log Analytics workspace that accepts Entra-authenticated ingestion only. */
export function createWorkspace(
  name: string,
  workspaceName: string,
  retentionDays: number,
  scope: AzureScope,
  opts: pulumi.CustomResourceOptions,
): operationalinsights.Workspace {
  return new operationalinsights.Workspace(
    `${name}-logs`,
    {
      resourceGroupName: scope.resourceGroupName,
      location: scope.location,
      workspaceName,
      sku: { name: "PerGB2018" },
      retentionInDays: retentionDays,
      features: { disableLocalAuth: true },
      tags: scope.tags,
    },
    opts,
  );
}

/** Every control-plane log category and the cluster's metrics into the workspace, in resource-specific tables. */
export function createControlPlaneLogs(
  name: string,
  clusterId: pulumi.Input<string>,
  workspaceId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): monitor.DiagnosticSetting {
  return new monitor.DiagnosticSetting(
    `${name}-control-plane-logs`,
    {
      name: "im-platform-control-plane",
      resourceUri: clusterId,
      workspaceId,
      logAnalyticsDestinationType: "Dedicated",
      logs: CONTROL_PLANE_LOG_CATEGORIES.map((category) => ({ category, enabled: true })),
      metrics: [{ category: "AllMetrics", enabled: true }],
    },
    opts,
  );
}
