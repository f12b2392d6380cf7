import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../config/service-schema";
import type { Tier } from "../core/labels";

/** Where and how a cell's services run: produced by the tenancy layer, read by the platform's ServiceSet. */
export interface CellPlacement {
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: ReadonlyArray<{ key: string; operator: "Equal"; value: string; effect: string }>;
}

export interface CellContext {
  /** "shared" or the VIP tenant id. */
  readonly cell: string;
  readonly namespace: string;
  readonly tier: Tier;
  readonly tenants: readonly string[];
  /** Which of the catalogue's profiles runs in the cell. */
  readonly profile: Profile;
  /** The data set the cell binds to (the pooled one, or its tenant's dedicated one). */
  readonly dataSet: string;
  /** The cell's queue broker and topic prefix, for autoscalers that read consumer lag. */
  readonly queue?: {
    readonly servers: pulumi.Input<string>;
    readonly prefix: string;
    /** How KEDA reaches the broker: SASL/PLAIN or none, and whether over TLS. */
    readonly sasl: "plaintext" | "none";
    readonly tls: boolean;
  };
  /** CA bundles of the cell's managed data services, mounted in every pod (the ConfigMap may be absent). */
  readonly dataCa?: { readonly configMap: string; readonly mountPath: string };
  /** Hash of the cell's bindings: on the pods, so a change rolls them. */
  readonly configChecksum?: string;
  readonly serviceAccountName: string;
  readonly priorityClassName: string;
  readonly placement: CellPlacement;
  /** Per-service replica bounds for this cell, by service name. */
  readonly scaling: Readonly<Record<string, { min?: number; max?: number }>>;
  /** "digest" where the stack requires images pinned by digest (the workloads are labelled so). */
  readonly imagePinning: "digest" | "tag";
  /** Name of the ConfigMap that tells the services which cell they are and whom they serve. */
  readonly cellConfigMap: string;
}
