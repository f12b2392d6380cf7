import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../config/types";
import type { GcpTargetConfig } from "./schema";

/** What KEDA needs to read Managed Service for Prometheus: `monitoring.timeSeries.list` and the Prometheus API. */
export const KEDA_QUERY_ROLE = "roles/monitoring.viewer";
/** Lets a Kubernetes service account act as the Google service account (Workload Identity). */
export const WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";
/** The annotation on a Kubernetes service account that names the Google service account it acts as. */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = "iam.gke.io/gcp-service-account";

/** Whether the platform's gateways scale on online users read from the managed Prometheus. */
export function queriesManagedPrometheus(platform: PlatformConfig): boolean {
  return (
    platform.monitoring.enabled &&
    platform.autoscaling.keda.enabled &&
    platform.autoscaling.gatewayUsersPerPod !== undefined
  );
}

/** Service account ids are 6-30 characters and unique in the project. */
export function kedaAccountId(targetName: string): string {
  return `im-${targetName}-keda`;
}

export function kedaAccountEmail(targetName: string, project: string): string {
  return `${kedaAccountId(targetName)}@${project}.iam.gserviceaccount.com`;
}

/** The KEDA operator's Kubernetes service account as an IAM member of the project's workload pool. */
export function kedaWorkloadMember(cluster: GcpTargetConfig): string {
  return `serviceAccount:${cluster.project}.svc.id.goog[${cluster.keda.namespace}/${cluster.keda.serviceAccount}]`;
}

export interface KedaIdentity {
  readonly account: serviceaccount.Account;
  readonly grants: ReadonlyArray<projects.IAMMember | serviceaccount.IAMMember>;
}

/**
 * The identity KEDA's `gcp` pod identity reads the managed Prometheus with: a Google service
 * account holding Monitoring Viewer on the project, which the KEDA operator's Kubernetes service
 * account may act as. KEDA is installed outside the kit, so its service account carries the
 * annotation (`podIdentity.gcp.enabled` and `podIdentity.gcp.gcpIAMServiceAccount` in KEDA's chart).
 */
export function createKedaIdentity(
  name: string,
  targetName: string,
  cluster: GcpTargetConfig,
  opts: pulumi.CustomResourceOptions,
): KedaIdentity {
  const account = new serviceaccount.Account(
    `${name}-keda`,
    {
      project: cluster.project,
      accountId: kedaAccountId(targetName),
      displayName: `im-platform KEDA reading Managed Prometheus (${targetName})`,
    },
    opts,
  );
  const viewer = new projects.IAMMember(
    `${name}-keda-monitoring-viewer`,
    {
      project: cluster.project,
      role: KEDA_QUERY_ROLE,
      member: account.email.apply((email) => `serviceAccount:${email}`),
    },
    opts,
  );
  const workloadIdentity = new serviceaccount.IAMMember(
    `${name}-keda-workload-identity`,
    { serviceAccountId: account.name, role: WORKLOAD_IDENTITY_USER, member: kedaWorkloadMember(cluster) },
    opts,
  );
  return { account, grants: [viewer, workloadIdentity] };
}
