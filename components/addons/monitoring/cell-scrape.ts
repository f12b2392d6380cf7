import type { ServiceSpec } from "../../config/types";
import { labelKeys } from "../../core/labels";
import type { CellScrape } from "../../targets/capabilities";
import { METRIC_LABELS, POD_LABELS_TO_METRIC_LABELS } from "../../core/metric-labels";

/** The cell's services that serve metrics, each with the names of its metrics ports. */
export function metricsEndpoints(services: readonly ServiceSpec[]): CellScrape["services"] {
  return services
    .map((service) => ({
      name: service.name,
      ports: service.ports.filter((port) => port.purpose === "metrics").map((port) => port.name),
    }))
    .filter((service) => service.ports.length > 0);
}

/** What the collector is asked to scrape in one cell: every metrics port, labelled with its tenant and target. */
export function cellScrape(args: {
  readonly cell: string;
  readonly namespace: string;
  readonly services: readonly ServiceSpec[];
  readonly intervalSeconds: number;
  readonly targetName: string;
  readonly labels: Readonly<Record<string, string>>;
}): CellScrape {
  return {
    cell: args.cell,
    namespace: args.namespace,
    labels: args.labels,
    selector: { [labelKeys.cell]: args.cell },
    services: metricsEndpoints(args.services),
    intervalSeconds: args.intervalSeconds,
    podLabels: POD_LABELS_TO_METRIC_LABELS,
    staticLabels: { [METRIC_LABELS.target]: args.targetName },
  };
}
