import type { z } from "zod";
import type { CellBindings } from "../core/bindings";
import type { DataKind } from "../core/data-kinds";
import type { serviceSchema } from "../config/service-schema";

export type CatalogueEntry = z.input<typeof serviceSchema>;

/**
 * `multiTenant`: one server instance can keep tenants apart itself, so shared tenants may pool
 * into one cell. `singleTenant`: one instance is one user space with one admin secret, so every
 * tenant needs an instance (a cell) of its own.
 */
export type TenancyModel = "singleTenant" | "multiTenant";

/** One cell's server config: files for its ConfigMap, and the variables that carry its secrets. */
export interface RenderedConfig {
  /** File name -> YAML text, mounted where the services read their config. */
  readonly files: Readonly<Record<string, string>>;
  /** Environment variable -> key of the cell's data Secret it is read from. */
  readonly secretEnv: Readonly<Record<string, string>>;
}

/** Whether the catalogue's cells bind to data services, and so the data tier runs for them. */
export function bindsData(catalogue: CatalogueDefinition | undefined): boolean {
  return (catalogue?.dataNeeds.length ?? 0) > 0;
}

/**
 * Where a cell's rendered config names one thing that keeps it apart from other cells: values at
 * `values` (dotted paths in `file`), each qualified by the server it lives on (`scope`). The
 * tenancy pack refuses two cells whose values meet.
 */
export interface IsolationKnob {
  readonly knob: string;
  readonly file: string;
  readonly scope: readonly string[];
  readonly values: readonly string[];
}

/** A service catalogue: the IM server's services in each profile, what they need, how they are configured. */
export interface CatalogueDefinition {
  readonly name: string;
  readonly description: string;
  readonly tenancyModel: TenancyModel;
  /** Every entry of every profile; each entry names its profile. */
  readonly entries: readonly CatalogueEntry[];
  /** Data services every cell binds to. */
  readonly dataNeeds: readonly DataKind[];
  /** Queues (Kafka topics) each cell needs before its server starts, before the cell's prefix. */
  readonly queues: readonly string[];
  /** Consumer groups each cell reads its queues with, before the cell's prefix. @default [] */
  readonly consumerGroups?: readonly string[];
  /** Renders one cell's config from its bindings; absent for a catalogue configured by env alone. */
  readonly renderConfig?: (bindings: CellBindings) => RenderedConfig;
  /** Data services its clients cannot reach over TLS, each with the reason. @default {} */
  readonly plaintextOnly?: Readonly<Partial<Record<DataKind, string>>>;
  /** What isolates a cell in its rendered config. @default [] */
  readonly isolationKnobs?: readonly IsolationKnob[];
}
