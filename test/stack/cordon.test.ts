import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";
import { cordonEdits } from "../../scripts/placement/cordon";
import { deepClone, localRawConfig } from "../helpers/stack";

/** The local stack on two existing clusters, every tenant spread by weight. */
function spreadRaw(): Record<string, any> {
  const raw: Record<string, any> = deepClone(localRawConfig());
  const cluster = raw.target;
  delete cluster.nodePools;
  delete raw.target;
  raw.targets = [
    { name: "a", weight: 50, cluster },
    { name: "b", weight: 50, cluster },
  ];
  return raw;
}

function apply(raw: Record<string, any>, edits: ReturnType<typeof cordonEdits>): Record<string, any> {
  const out = deepClone(raw);
  for (const { path, value } of edits) {
    // Edits name stack-file keys ("im-platform:tenants"); the raw config drops the namespace.
    const [key, ...rest] = [String(path[0]).replace(/^im-platform:/, ""), ...path.slice(1)];
    let node: any = out;
    [key, ...rest.slice(0, -1)].forEach((segment) => (node = node[segment as string] ??= {}));
    node[rest.at(-1) as string] = value;
  }
  return out;
}

const homes = (raw: Record<string, unknown>) => {
  const result = validateStackConfig(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return Object.fromEntries(Object.entries(result.config.placement).map(([id, where]) => [id, where.home]));
};

describe("cordoning a target (npm run placement -- --cordon)", () => {
  it("pins the tenants the weights put there, then closes it: nobody moves", () => {
    const raw = spreadRaw();
    const before = homes(raw);
    const onA = Object.keys(before).filter((id) => before[id] === "a");
    expect(onA.length).toBeGreaterThan(0);
    const edits = cordonEdits(raw, "a");
    expect(edits.at(-1)).toEqual({ path: ["im-platform:targets", 0, "cordoned"], value: true });
    expect(edits.slice(0, -1).map((edit) => edit.value)).toEqual(onA.map(() => "a"));
    expect(homes(apply(raw, edits))).toEqual(before);
  });

  it("is what a bare cordon lacks: without the pins the config is refused, naming each tenant", () => {
    const raw = spreadRaw();
    raw.targets[0].cordoned = true;
    const result = validateStackConfig(raw);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((issue) => issue.message)).toContainEqual(
        expect.stringMatching(/cordoned \(no new tenants\)/),
      );
  });

  it("refuses a target the stack does not have", () => {
    expect(() => cordonEdits(spreadRaw(), "c")).toThrow(/"c" is no target of this stack; targets are "a", "b"/);
  });
});
