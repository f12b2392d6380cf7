import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";
import { capacityChart, niceStep } from "../../scripts/capacity/chart";
import { compareStack } from "../../scripts/capacity/compare";
import { ASSUMPTIONS, chartInput, jsonReport, textReport, textTable } from "../../scripts/capacity/report";
import { sampleRawConfig } from "../helpers/stack";

function comparisonsOf(stack: string) {
  const result = validateStackConfig(sampleRawConfig(stack), { stack });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return compareStack(result.config);
}

describe("the capacity chart", () => {
  it.each([
    [0, 1],
    [4, 1],
    [9, 2],
    [23, 5],
    [48, 10],
    [130, 50],
    [0.7, 0.2],
  ])("steps its gridlines roundly up to %d: every %d", (max, step) => {
    expect(niceStep(max)).toBeCloseTo(step, 9);
  });

  it("draws one stepped line per series inside the plot, and escapes its text", () => {
    const svg = capacityChart({
      title: "Tenants <A> & B",
      yLabel: "cores",
      series: [
        { label: "flat", values: new Array<number>(24).fill(10), color: "#000000" },
        { label: "rising", values: Array.from({ length: 24 }, (_, hour) => hour), color: "#ff0000", dashed: true },
      ],
    });
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("Tenants &lt;A&gt; &amp; B");
    const lines = [...svg.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((match) => match[1]!.split(" "));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveLength(48);
    const ys = lines.flat().map((point) => Number(point.split(",")[1]));
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    for (const y of ys) {
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(height);
    }
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2);
  });
});

describe("the capacity report", () => {
  const comparisons = comparisonsOf("aws-prod");

  it("names every tenant, both layouts, the price sources and the assumptions", () => {
    const text = textReport("aws-prod", comparisons);
    for (const tenant of comparisons[0]!.tenants) expect(text).toContain(`\n  ${tenant.id} `);
    expect(text).toMatch(/this platform +1 +\d+ +\$/);
    expect(text).toMatch(/a cluster per VIP \+ shared +\d+ +\d+ +\$/);
    for (const source of comparisons[0]!.sources) expect(text).toContain(source.url);
    for (const assumption of ASSUMPTIONS) expect(text).toContain(assumption);
  });

  it("as JSON holds the same figures, hour by hour, a burst no node limits as null", () => {
    const document = JSON.parse(jsonReport("aws-prod", comparisons)) as {
      targets: Array<{ layouts: Record<string, { nodes: number; hourlyNodes: number[]; clusters: unknown[] }> }>;
    };
    const platform = document.targets[0]!.layouts.platform!;
    expect(platform.nodes).toBe(comparisons[0]!.layouts.platform.figures.nodes);
    expect(platform.hourlyNodes).toHaveLength(24);
    expect(platform.clusters).toHaveLength(1);
    // A compact cell's one pod never grows, so no node count limits its burst: null, not Infinity.
    const acme = comparisons[0]!.tenants.find((tenant) => tenant.id === "acme")!;
    expect(acme.bursts.platform?.nodesFactor).toBe(Infinity);
    const tenants = (
      document.targets[0] as unknown as {
        tenants: Array<{ id: string; bursts: { platform: { nodesFactor: number | null } } }>;
      }
    ).tenants;
    expect(tenants.find((tenant) => tenant.id === "acme")?.bursts.platform.nodesFactor).toBeNull();
  });

  it("charts both layouts' node cores and requested cores through the day", () => {
    const input = chartInput("aws-prod", comparisons);
    expect(input.series.map((series) => series.label)).toEqual([
      "this platform: cores on its nodes",
      "a cluster per VIP + shared: cores on their nodes",
      "this platform: cores its pods request",
      "a cluster per VIP + shared: cores requested",
    ]);
    const [platformNodes, , platformRequests] = input.series;
    platformNodes!.values.forEach((cores, hour) =>
      expect(cores).toBeGreaterThanOrEqual(platformRequests!.values[hour]!),
    );
  });

  it("lays out text tables with aligned columns", () => {
    expect(
      textTable(
        ["name", "n"],
        [
          ["a", "1"],
          ["bbb", "22"],
        ],
      ),
    ).toEqual(["name   n", "----  --", "a      1", "bbb   22"]);
  });
});
