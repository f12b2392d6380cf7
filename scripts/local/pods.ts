/** A pod as the API server returns it: only the fields readiness needs. */
export interface PodReadiness {
  readonly metadata: { readonly deletionTimestamp?: string };
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: ReadonlyArray<{ readonly type: string; readonly status: string }>;
  };
}

/** Running, Ready and not being deleted: a pod a Service would send traffic to. */
export const isReady = (pod: PodReadiness): boolean =>
  !pod.metadata.deletionTimestamp &&
  pod.status?.phase === "Running" &&
  pod.status.conditions?.some((condition) => condition.type === "Ready" && condition.status === "True") === true;
