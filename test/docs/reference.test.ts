import { describe, expect, it } from "vitest";
import { ALL_PACKS } from "../../policies/rules/packs";
import { replaceBlock } from "../../scripts/docs/generated-block";
import { configFieldDocs, configReference } from "../../scripts/docs/reference";
import { ruleTable } from "../../scripts/docs/rule-table";

describe("the configuration reference", () => {
  const { platform, targets } = configFieldDocs();
  const every = [
    ...platform,
    ...targets.flatMap(({ kind, fields }) => fields.map((field) => ({ ...field, path: `${kind}: ${field.path}` }))),
  ];

  it("describes every field that may be left out", () => {
    expect(every.filter((field) => field.optional).length).toBeGreaterThan(200);
    expect(every.filter((field) => field.optional && !field.description).map((field) => field.path)).toEqual([]);
  });

  it("takes defaults from the schemas, and the stated behaviour where the schema cannot say it", () => {
    const row = (path: string) => platform.find((field) => field.path === path);
    expect(row("edge.drainSeconds")?.default).toBe("`60`");
    expect(row("edge.idleTimeoutSeconds")?.default).toMatch(/2 x clientHeartbeatSeconds \+ 10/);
    expect(row("environment")?.default).toBe("required");
    expect(targets.map(({ kind }) => kind)).toEqual(["existing", "aws", "azure", "gcp", "alibaba"]);
    expect(configReference()).toContain("#### `kind: gcp`");
  });
});

describe("generated blocks", () => {
  it("replace only the text between their markers, and name the markers when they are missing", () => {
    const document =
      "intro\n<!-- generated:t (written by npm run docs from its source; do not edit) -->\nold\n<!-- /generated:t -->\noutro";
    expect(replaceBlock(document, "t", "new", "X.md")).toBe(
      "intro\n<!-- generated:t (written by npm run docs from its source; do not edit) -->\nnew\n<!-- /generated:t -->\noutro",
    );
    expect(() => replaceBlock("no markers", "t", "new", "X.md")).toThrow(/X.md has no generated block "t"/);
  });

  it("list every rule of both packs once", () => {
    const table = ruleTable(ALL_PACKS);
    const ids = ALL_PACKS.flatMap((pack) => pack.rules.map((rule) => rule.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(table.match(new RegExp(`^\\| ${id} \\|`, "gm"))).toHaveLength(1);
  });
});
