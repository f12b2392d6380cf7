import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METRIC_LABELS } from "../../components/core/metric-labels";
import { validateStackConfig } from "../../components/stack/validate";
import { dashboardQueryCount } from "../../scripts/rules/files";
import { checkRules, testRules } from "../../scripts/rules/promtool";
import { writeStackRules, type WrittenTarget } from "../../scripts/rules/stack";
import { RULES_FIXTURE_STACK, rulesFixtureRawConfig } from "./fixture";

/**
 * The rules proven with Prometheus's own evaluator: the fixture stack's rule files are generated
 * into a temporary directory, the `*.test.yml` files here are copied beside them (their
 * `rule_files` name the generated files), and `promtool test rules` runs each.
 */
const UNIT_TESTS = readdirSync(__dirname)
  .filter((file) => file.endsWith(".test.yml"))
  .sort();
/** The dashboards' variables in dashboards.rules.yml: the fixture's tenant acme, on target main. */
const DASHBOARD_VALUES = { tenant: "acme", target: "main" };

/** A promtool unit-test file here, as far as these checks read it. */
function unitTest(file: string): {
  tests: Array<{ input_series?: Array<{ series: string }>; alert_rule_test?: Array<{ alertname: string }> }>;
} {
  return parse(readFileSync(path.join(__dirname, file), "utf8")) as ReturnType<typeof unitTest>;
}

let dir: string;
let written: WrittenTarget;

beforeAll(() => {
  const result = validateStackConfig(rulesFixtureRawConfig(), { stack: RULES_FIXTURE_STACK });
  if (!result.ok) throw new Error(`the fixture is invalid: ${JSON.stringify(result.issues)}`);
  dir = mkdtempSync(path.join(os.tmpdir(), "im-rules-"));
  [written] = writeStackRules(result.config, dir, "test/rules/fixture.ts", DASHBOARD_VALUES) as [WrittenTarget];
  for (const file of UNIT_TESTS) copyFileSync(path.join(__dirname, file), path.join(written.dir, file));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the fixture's rule files", () => {
  it("are the platform's, one per cell and the dashboards', and promtool check rules accepts them", async () => {
    expect(written.files.map((file) => file.name)).toEqual([
      "platform.rules.yml",
      "cell-acme.rules.yml",
      "cell-acme-eu.rules.yml",
      "cell-initech.rules.yml",
      "dashboards.rules.yml",
    ]);
    // Every dashboard query is in it, as a recording rule beside the variables' selectors.
    const dashboards = written.files.find((file) => file.name === "dashboards.rules.yml")!;
    const queries = dashboards.groups.flatMap((group) =>
      group.rules.filter((rule) => "record" in rule && !rule.record.includes(":var_")),
    );
    expect(queries).toHaveLength(dashboardQueryCount());
    const run = await checkRules(written.paths);
    expect(run.ok, run.output).toBe(true);
  });

  it("are tested on cell series labelled as the collector's relabelling labels them", () => {
    const series = UNIT_TESTS.flatMap((file) => unitTest(file).tests.flatMap((test) => test.input_series ?? []));
    const cellSeries = series.map((input) => input.series).filter((text) => /[{,]cell="/.test(text));
    expect(cellSeries.length).toBeGreaterThan(0);
    for (const text of cellSeries) {
      const labels = [...text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)].map((match) => match[1]);
      expect(labels, text).toEqual(expect.arrayContaining(Object.values(METRIC_LABELS)));
    }
  });

  it("have every alert exercised by a unit test here", () => {
    const alerts = new Set(
      written.files.flatMap((file) =>
        file.groups.flatMap((group) => group.rules.flatMap((rule) => ("alert" in rule ? [rule.alert] : []))),
      ),
    );
    const tested = new Set(
      UNIT_TESTS.flatMap((file) =>
        unitTest(file).tests.flatMap((test) => (test.alert_rule_test ?? []).map((alert) => alert.alertname)),
      ),
    );
    expect([...alerts].filter((alert) => !tested.has(alert))).toEqual([]);
  });
});

describe.concurrent("promtool test rules", () => {
  it.each(UNIT_TESTS)("%s", async (file) => {
    const run = await testRules([path.join(written.dir, file)]);
    expect(run.ok, run.output).toBe(true);
  });
});
