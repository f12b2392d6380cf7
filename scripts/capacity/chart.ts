/** One line of the chart: a value per UTC hour. */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly number[];
  readonly color: string;
  /** Drawn dashed: a level rather than a measurement. */
  readonly dashed?: boolean;
}

export interface ChartInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
}

const WIDTH = 820;
const MARGIN = { left: 70, right: 24, top: 64 };
const PLOT = { width: WIDTH - MARGIN.left - MARGIN.right, height: 280 };
/** Below the plot: hour labels, the axis title, then the legend, two entries a row. */
const AXIS_BOTTOM = MARGIN.top + PLOT.height;
const LEGEND_TOP = AXIS_BOTTOM + 66;
const LEGEND_ROW = 20;

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/** A round step for about five gridlines up to `max`: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough) ?? 10 * power;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Capacity against the hour of day as a small self-contained SVG: one stepped line per series
 * (each hour holds its value until the next), hourly ticks every three hours, gridlines and a legend.
 */
export function capacityChart(input: ChartInput): string {
  const hours = Math.max(1, ...input.series.map((series) => series.values.length));
  const top = Math.max(0, ...input.series.flatMap((series) => series.values));
  const step = niceStep(top);
  const yMax = Math.max(step, Math.ceil(top / step) * step);
  const height = LEGEND_TOP + Math.ceil(input.series.length / 2) * LEGEND_ROW + 4;
  const x = (hour: number) => round(MARGIN.left + (hour / hours) * PLOT.width);
  const y = (value: number) => round(AXIS_BOTTOM - (value / yMax) * PLOT.height);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="16" font-weight="bold">${escapeXml(input.title)}</text>`,
  ];
  if (input.subtitle) parts.push(`<text x="${MARGIN.left}" y="44" fill="#555555">${escapeXml(input.subtitle)}</text>`);
  for (let value = 0; value <= yMax + 1e-9; value += step) {
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y(value)}" x2="${MARGIN.left + PLOT.width}" y2="${y(value)}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(value) + 4}" text-anchor="end">${round(value)}</text>`,
    );
  }
  for (let hour = 0; hour <= hours; hour += 3) {
    parts.push(
      `<line x1="${x(hour)}" y1="${AXIS_BOTTOM}" x2="${x(hour)}" y2="${AXIS_BOTTOM + 5}" stroke="#333333"/>`,
      `<text x="${x(hour)}" y="${AXIS_BOTTOM + 20}" text-anchor="middle">${String(hour % 24).padStart(2, "0")}:00</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${AXIS_BOTTOM}" x2="${MARGIN.left + PLOT.width}" y2="${AXIS_BOTTOM}" stroke="#333333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${AXIS_BOTTOM}" stroke="#333333"/>`,
    `<text x="${MARGIN.left + PLOT.width / 2}" y="${AXIS_BOTTOM + 40}" text-anchor="middle">hour of day (UTC)</text>`,
    `<text transform="translate(18 ${MARGIN.top + PLOT.height / 2}) rotate(-90)" text-anchor="middle">${escapeXml(input.yLabel)}</text>`,
  );
  input.series.forEach((series, index) => {
    const points = series.values.flatMap((value, hour) => [`${x(hour)},${y(value)}`, `${x(hour + 1)},${y(value)}`]);
    const dash = series.dashed ? ` stroke-dasharray="6 4"` : "";
    parts.push(
      `<polyline fill="none" stroke="${series.color}" stroke-width="2.5"${dash} points="${points.join(" ")}"/>`,
    );
    const legendY = LEGEND_TOP + Math.floor(index / 2) * LEGEND_ROW;
    const legendX = MARGIN.left + (index % 2) * (PLOT.width / 2);
    parts.push(
      `<line x1="${legendX}" y1="${legendY - 4}" x2="${legendX + 24}" y2="${legendY - 4}" stroke="${series.color}" stroke-width="2.5"${dash}/>`,
      `<text x="${legendX + 32}" y="${legendY}">${escapeXml(series.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
