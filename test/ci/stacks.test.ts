import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pipelineStacks } from "../../scripts/ci/stacks";
import { copyProject, editStackConfig } from "../../scripts/local/project-copy";
import { sampleStacks } from "../../scripts/synth/stack-file";

const ROOT = resolve(__dirname, "../..");

describe("the stacks a pipeline runs", () => {
  it("are every stack file, with its environment, layout and target kinds", () => {
    const stacks = pipelineStacks(ROOT);
    expect(stacks.map((stack) => stack.stack)).toEqual(sampleStacks());
    expect(stacks.find((stack) => stack.stack === "aws-prod")).toEqual({
      stack: "aws-prod",
      environment: "prod",
      layout: "stack",
      targetKinds: ["aws"],
    });
    expect(stacks.find((stack) => stack.stack === "local")?.targetKinds).toEqual(["existing"]);
  });
});

/** `npm run ci -- stacks` in a git repository of its own: what a change since a commit touches. */
describe("npm run ci -- stacks --changed-from", () => {
  let project: string;
  const git = (...args: string[]) => {
    const result = spawnSync("git", args, { cwd: project, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim();
  };
  const ci = (...args: string[]) =>
    spawnSync("npx", ["tsx", join(ROOT, "scripts", "ci.ts"), ...args, "--cwd", project], {
      cwd: ROOT,
      encoding: "utf8",
    });

  beforeAll(() => {
    project = copyProject(join(mkdtempSync(join(tmpdir(), "im-platform-ci-")), "project"));
    writeFileSync(join(project, ".gitignore"), "node_modules\n");
    git("init", "--quiet", "--initial-branch=main");
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "base");
  });
  afterAll(() => rmSync(join(project, ".."), { recursive: true, force: true }));

  it("lists the stack whose file changed, as a job matrix, and nothing for an unchanged tree", () => {
    const base = git("rev-parse", "HEAD");
    const unchanged = ci("stacks", "--json", "--changed-from", base);
    expect(unchanged.status, unchanged.stderr).toBe(0);
    expect(JSON.parse(unchanged.stdout)).toEqual({ include: [] });

    editStackConfig(project, (config) => {
      config["im-platform:tenants"] = [
        ...(config["im-platform:tenants"] as unknown[]),
        { id: "hooli", tier: "shared" },
      ];
    });
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-am", "onboard hooli");
    const changed = ci("stacks", "--json", "--changed-from", base);
    expect(changed.status, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({
      include: [
        { stack: "local", environment: "dev", layout: "stack", targetKinds: "existing", reason: "its stack file" },
      ],
    });
    // Another environment's matrix stays empty.
    expect(JSON.parse(ci("stacks", "--json", "--changed-from", base, "--environment", "prod").stdout)).toEqual({
      include: [],
    });
  }, 120_000);

  it("skips a step on a stack the change does not touch, without running the engine", () => {
    const head = git("rev-parse", "HEAD");
    const result = ci("deploy", "--stack", "local", "--changed-from", head);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("### deploy `local`: skipped");
    expect(result.stdout).toContain(`no change since ${head} touches stack local`);
  }, 120_000);

  it("names a stack file that does not validate, with the field", () => {
    editStackConfig(project, (config) => {
      config["im-platform:layout"] = "fleets";
    });
    const result = ci("stacks");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Pulumi\.local\.yaml:\n\s+im-platform:layout: .*"stack".*"fleet"/);
  }, 120_000);
});
