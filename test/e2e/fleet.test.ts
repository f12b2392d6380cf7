import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFleet, type FleetCommand, type FleetReport } from "../../scripts/fleet/fleet";
import { formatReport } from "../../scripts/fleet/report";
import { kubectl, kubectlOk } from "../../scripts/local/kubectl";
import { copyProject, editStackConfig } from "../../scripts/local/project-copy";
import { pulumi, type PulumiSettings } from "../../scripts/local/pulumi";
import { ok } from "./live";
import { StepClock } from "./steps";

/**
 * The local stack deployed as a fleet (npm run fleet): a platform stack and a stack per cell,
 * through the Automation API, the real engine and both policy packs, on the suite's control
 * plane and its simulated pools. Onboarding and a failing cell are judged stack by stack.
 */
const FLEET = "local";
const clock = new StepClock();
let work: string;
let settings: PulumiSettings;

async function fleet(step: string, command: FleetCommand, all = false): Promise<FleetReport> {
  const report = await clock.timeAsync(step, () =>
    runFleet(command, { ...settings, fleet: FLEET, workspaceDir: join(work, "fleet"), all }),
  );
  console.log(formatReport(report));
  return report;
}

const stacksOf = (report: FleetReport) => report.outcomes.map((outcome) => outcome.stack).sort();
const addTenant = (id: string) =>
  editStackConfig(settings.cwd!, (config) => {
    config["im-platform:tenants"] = [...(config["im-platform:tenants"] as unknown[]), { id, tier: "shared" }];
  });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "im-platform-e2e-fleet-"));
  mkdirSync(join(work, "state"));
  settings = { cwd: copyProject(join(work, "project")), backendDir: join(work, "state"), passphrase: "e2e-fleet" };
  editStackConfig(settings.cwd!, (config) => {
    config["im-platform:layout"] = "fleet";
  });
  ok(pulumi(["stack", "select", FLEET, "--create", "--secrets-provider", "passphrase"], settings), "stack select");
  const seed = randomBytes(32).toString("base64");
  ok(pulumi(["config", "set", "--secret", "im-platform:secretSeed", seed, "--stack", FLEET], settings), "seed");
});

afterAll(async () => {
  if (settings) {
    const destroyed = await fleet("fleet destroy", "destroy");
    expect(destroyed.ok).toBe(true);
    expect(kubectlOk(["get", "namespaces", "-l", "im-platform.io/tenant", "-o", "name"]).trim()).toBe("");
  }
  console.log(clock.report("fleet steps with the real engine against the local control plane:"));
  if (work) rmSync(work, { recursive: true, force: true });
}, 900_000);

describe("the local stack as a fleet of stacks", () => {
  it("deploys a platform stack, then a stack per cell, each with both policy packs", async () => {
    const report = await fleet("fleet up", "up");
    expect(report.ok).toBe(true);
    expect(stacksOf(report)).toEqual(["local.cell.acme", "local.cell.globex", "local.cell.initech", "local.platform"]);
    expect(report.outcomes[0]!.stack).toBe("local.platform");
    const namespaces = kubectlOk(["get", "namespaces", "-l", "im-platform.io/tenant", "-o", "name"]);
    for (const tenant of ["acme", "globex", "initech"]) expect(namespaces).toContain(`namespace/im-t-${tenant}`);
  }, 900_000);

  it("touches no stack when nothing changed", async () => {
    const report = await fleet("no-change fleet up", "up");
    expect(report.ok).toBe(true);
    expect(report.outcomes).toEqual([]);
    expect(report.plan?.unchanged).toHaveLength(4);
  });

  it("onboards a tenant through the platform and the newcomer's own stack, and no other stack changes", async () => {
    addTenant("umbrella");
    const report = await fleet("onboard one tenant", "up");
    expect(report.ok).toBe(true);
    expect(stacksOf(report)).toEqual(["local.cell.umbrella", "local.platform"]);
    expect(kubectl(["get", "namespace", "im-t-umbrella"]).status).toBe(0);
    // Every stack, previewed by the engine against the cluster, has nothing left to do.
    const previewed = await fleet("no-change preview of every stack", "preview", true);
    expect(previewed.ok).toBe(true);
    expect(previewed.outcomes).toHaveLength(5);
    for (const outcome of previewed.outcomes) {
      // "read" is the cell stack reading its platform stack's outputs.
      const pending = Object.entries(outcome.changes).filter(
        ([kind, count]) => !["same", "read"].includes(kind) && count > 0,
      );
      expect(pending, outcome.stack).toEqual([]);
    }
  }, 900_000);

  it("keeps going past a failing cell stack, names it and its resource, and converges on a re-run", async () => {
    // A quota put in the newcomer's namespace by hand admits no ConfigMap: its cell's config is refused.
    kubectlOk(["create", "namespace", "im-t-hooli"]);
    kubectlOk(["create", "quota", "no-configmaps", "-n", "im-t-hooli", "--hard=configmaps=0"]);
    addTenant("hooli");
    addTenant("initrode");
    const failed = await fleet("fleet up with one failing cell", "up");
    expect(failed.ok).toBe(false);
    const byStack = new Map(failed.outcomes.map((outcome) => [outcome.stack, outcome]));
    expect(byStack.get("local.cell.initrode")?.status).toBe("succeeded");
    expect(byStack.get("local.cell.hooli")?.status).toBe("failed");
    expect(
      byStack
        .get("local.cell.hooli")
        ?.failedResources.some((urn) => urn.includes("kubernetes:core/v1:ConfigMap::main-tenancy-hooli-")),
    ).toBe(true);
    expect(formatReport(failed)).toMatch(/half-applied: 1 stack\(s\)[\s\S]*local\.cell\.hooli/);

    kubectlOk(["delete", "quota", "no-configmaps", "-n", "im-t-hooli"]);
    const rerun = await fleet("re-run after the fix", "up");
    expect(rerun.ok).toBe(true);
    expect(stacksOf(rerun)).toEqual(["local.cell.hooli"]);
  }, 900_000);
});
