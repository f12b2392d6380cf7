import { HOURS_PER_DAY } from "../../components/core/load-profile";
import { HOURS_PER_MONTH } from "../../components/targets/capacity";
import type { BurstAbsorbed } from "./burst";
import type { ChartInput } from "./chart";
import type { TargetComparison } from "./compare";
import type { LayoutFigures } from "./figures";
import { provisionedNodes, type Layout } from "./layouts";

/** What the figures assume, printed with every report. */
export const ASSUMPTIONS: readonly string[] = [
  "Pods are sized by their requests, as the scheduler packs them; nodes are counted as if packed perfectly (a lower bound) and DaemonSet pods are not counted.",
  "Per-pod capacity (connections, messages a second) is the catalogue's estimate from OpenIM's published benchmark, scaled to each pod's requests (services[].capacity overrides it).",
  "Services without a stated capacity run at their min replicas; a tenant without declared load runs its cell at min replicas all day.",
  "Both layouts hold every tenant at its peak x burst at every hour at once: no credit is taken for bursts not coinciding. This platform gains only where pools are shared: peaks at different hours, one control plane, one system pool, one pooled data set, whole-node rounding.",
  "A dedicated cluster gets a system pool like this platform's, its own data services and one worker pool of the machine and min nodes its tenant's pool has here (the shared pool's for a VIP without one); a shared cluster carries the rest.",
  "A day is 24 UTC hours of each tenant's profile (its own, or a standard messaging day) shifted by its UTC offset; a month is 730 hours. Prices are on-demand list prices of the dated tables below, unless the stack sets target.prices.",
  '"Provisioned" keeps each pool at its busiest hour all month; "following the day" lets an autoscaler add and remove nodes hour by hour (headroom for peak x burst kept).',
];

function money(value: number | undefined): string {
  return value === undefined ? "n/a" : `$${Math.round(value).toLocaleString("en-US")}`;
}

function count(value: number): string {
  return (Math.round(value * 10) / 10).toLocaleString("en-US");
}

/** A plain-text table; a column is right-aligned (numbers) where `right` says so, else left-aligned. */
export function textTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  right: readonly boolean[] = headers.map((_, column) => column > 0),
): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (right[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}

function times(factor: number): string {
  return Number.isFinite(factor) ? `${factor.toFixed(2)}x` : "unbounded";
}

/** "1.50x (replicas; nodes alone: 2.80x)": the burst, what stops it, and how far the nodes alone would go. */
function burst(absorbed: BurstAbsorbed | undefined): string {
  if (!absorbed) return "n/a";
  const alone = Number.isFinite(absorbed.nodesFactor) ? `nodes alone: ${times(absorbed.nodesFactor)}` : "pods fixed";
  const nodes = absorbed.limitedBy.includes("nodes") ? "" : `; ${alone}`;
  return `${times(absorbed.factor)} (${absorbed.limitedBy.join(", ")}${nodes})`;
}

function poolLines(layout: Layout): string[] {
  return layout.clusters.flatMap((cluster) => [
    `  ${cluster.name}: control plane ${cluster.controlPlaneHourly === undefined ? "n/a" : `$${cluster.controlPlaneHourly}/h`}`,
    ...cluster.pools.map((pool) => {
      const nodes = provisionedNodes(pool);
      const machine = pool.machine ?? (pool.perNode ? `${pool.perNode.cpu} cores` : "size unknown");
      const carries = [...pool.cells, ...(pool.fixed.pods > 0 ? ["data tier"] : [])].join(", ") || "add-ons";
      const price = pool.hourlyPrice === undefined ? "" : ` at $${pool.hourlyPrice}/h`;
      const bounds = pool.maxNodes === undefined ? `min ${pool.minNodes}` : `pool ${pool.minNodes}-${pool.maxNodes}`;
      return `    ${pool.name.padEnd(12)} ${String(nodes ?? "?").padStart(3)} x ${machine}${price} (${bounds}): ${carries}`;
    }),
  ]);
}

function multiplexingLine({ sumOfPeaks, peakOfSum }: TargetComparison["multiplexing"]): string {
  const saved = sumOfPeaks > 0 ? ` (${Math.round((1 - peakOfSum / sumOfPeaks) * 100)}% less)` : "";
  return `Multiplexing: the cells' busiest hours add up to ${count(sumOfPeaks)} requested cores; their sum peaks at ${count(peakOfSum)}${saved}.`;
}

function layoutRow(name: string, figures: LayoutFigures): string[] {
  return [
    name,
    String(figures.clusters),
    figures.nodes === undefined ? "n/a" : String(figures.nodes),
    money(figures.monthly.controlPlanes),
    money(figures.monthly.provisioned),
    money(figures.monthly.following),
  ];
}

function targetLines(comparison: TargetComparison): string[] {
  const { platform, dedicated } = comparison.layouts;
  const lines = [
    `target ${comparison.name} (${comparison.kind}${comparison.weight === 100 ? "" : `, weight ${comparison.weight}`})`,
    "",
    "Declared load and what it derives (bounds min-max per load-driven service; quota for those bounds):",
    ...textTable(
      ["tenant", "tier", "profile", "connections", "msg/s", "burst", "peak (UTC)", "replicas", "quota cpu/mem/pods"],
      comparison.tenants.map((tenant) => [
        tenant.id,
        tenant.tier,
        tenant.profile,
        count(tenant.peak.connections),
        count(tenant.peak.messagesPerSecond),
        `${tenant.burstFactor}x`,
        `${String(tenant.peakHourUtc).padStart(2, "0")}:00`,
        tenant.services.map((s) => `${s.service} ${s.min === s.max ? s.min : `${s.min}-${s.max}`}`).join(", "),
        `${tenant.quota.cpu}/${tenant.quota.memory}/${tenant.quota.pods}`,
      ]),
      [false, false, false, true, true, true, true, false, false],
    ).map((line) => `  ${line}`),
    "",
    `Both layouts, every tenant at peak x burst (USD a month, ${HOURS_PER_MONTH} h):`,
    ...textTable(
      ["layout", "clusters", "nodes", "control planes", "provisioned", "following the day"],
      [layoutRow("this platform", platform.figures), layoutRow("a cluster per VIP + shared", dedicated.figures)],
    ).map((line) => `  ${line}`),
    "",
    "This platform's pools (nodes for the busiest hour):",
    ...poolLines(platform.layout),
    "",
    "A cluster per VIP tenant, and one for the shared tenants:",
    ...poolLines(dedicated.layout),
    "",
    "Largest burst a tenant takes at its busiest hour, the others at their declared load, without new nodes (multiple of its declared peak; what stops it first):",
    ...textTable(
      ["tenant", "this platform", "dedicated clusters"],
      comparison.tenants.map((tenant) => [tenant.id, burst(tenant.bursts.platform), burst(tenant.bursts.dedicated)]),
      [false, false, false],
    ).map((line) => `  ${line}`),
    "",
    multiplexingLine(comparison.multiplexing),
  ];
  if (comparison.sources.length > 0) {
    lines.push("", "Prices:");
    for (const source of comparison.sources) lines.push(`  ${source.what}, as of ${source.asOf}: ${source.url}`);
  }
  if (comparison.notes.length > 0) lines.push("", "Notes:", ...comparison.notes.map((note) => `  - ${note}`));
  return lines;
}

/** The readable report of a stack's comparison. */
export function textReport(stack: string, comparisons: readonly TargetComparison[]): string {
  return [
    `Capacity of stack ${stack}: this platform against a cluster per VIP tenant. A model, not a measurement.`,
    "",
    ...comparisons.flatMap((comparison) => [...targetLines(comparison), ""]),
    "Assumptions:",
    ...ASSUMPTIONS.map((assumption) => `  - ${assumption}`),
  ].join("\n");
}

/** The comparison as JSON: every figure of the report, hour by hour where it varies. */
export function jsonReport(stack: string, comparisons: readonly TargetComparison[]): string {
  const figures = (layout: { layout: Layout; figures: LayoutFigures }) => ({
    ...layout.figures,
    clusters: layout.layout.clusters.map((cluster) => ({
      name: cluster.name,
      controlPlaneHourly: cluster.controlPlaneHourly,
      pools: cluster.pools.map((pool) => {
        const { curve: _curve, fixed: _fixed, ...rest } = pool;
        return { ...rest, provisionedNodes: provisionedNodes(pool) };
      }),
    })),
  });
  const document = {
    stack,
    model: { hoursPerMonth: HOURS_PER_MONTH, hoursPerDay: HOURS_PER_DAY, currency: "USD", assumptions: ASSUMPTIONS },
    targets: comparisons.map((comparison) => ({
      ...comparison,
      layouts: { platform: figures(comparison.layouts.platform), dedicated: figures(comparison.layouts.dedicated) },
    })),
  };
  // Infinity (a burst no node limits) has no JSON form: null says "not limited".
  return `${JSON.stringify(document, (_key, value: unknown) => (value === Infinity ? null : value), 2)}\n`;
}

/** Capacity against the hour of day for both layouts, every target of the stack added up. */
export function chartInput(stack: string, comparisons: readonly TargetComparison[]): ChartInput {
  const total = (pick: (comparison: TargetComparison) => readonly number[] | undefined) =>
    Array.from({ length: HOURS_PER_DAY }, (_, hour) =>
      comparisons.reduce((sum, comparison) => sum + (pick(comparison)?.[hour] ?? 0), 0),
    );
  const known = comparisons.every(
    (comparison) =>
      comparison.layouts.platform.figures.hourlyNodeCores && comparison.layouts.dedicated.figures.hourlyNodeCores,
  );
  const series = [
    ...(known
      ? [
          {
            label: "this platform: cores on its nodes",
            values: total((comparison) => comparison.layouts.platform.figures.hourlyNodeCores),
            color: "#1f6feb",
          },
          {
            label: "a cluster per VIP + shared: cores on their nodes",
            values: total((comparison) => comparison.layouts.dedicated.figures.hourlyNodeCores),
            color: "#d9480f",
          },
        ]
      : []),
    {
      label: "this platform: cores its pods request",
      values: total((comparison) => comparison.layouts.platform.figures.hourlyRequestedCores),
      color: "#1f6feb",
      dashed: true,
    },
    {
      label: "a cluster per VIP + shared: cores requested",
      values: total((comparison) => comparison.layouts.dedicated.figures.hourlyRequestedCores),
      color: "#d9480f",
      dashed: true,
    },
  ];
  return {
    title: `Capacity needed through the day: stack ${stack}`,
    subtitle: "A model: every tenant at its declared peak x burst, each on its own day (see the assumptions).",
    yLabel: "CPU cores",
    series,
  };
}
