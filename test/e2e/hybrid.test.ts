import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectlOk } from "../../scripts/local/kubectl";
import { CACHE_DIR, LOCAL_KUBECONFIG } from "../../scripts/local/paths";
import { copyProject, editStackConfig } from "../../scripts/local/project-copy";
import { POLICY_PACK_FLAGS, pulumi, type PulumiSettings } from "../../scripts/local/pulumi";
import { ok, type LiveObject } from "./live";
import { StepClock } from "./steps";

/**
 * One hybrid stack on two control planes with the real engine: the suite's cluster ("a") and a
 * second one started here ("b"), each an existing target of the stack. Tenants run only where
 * their placement says; moving a home creates the cell on one cluster and deletes it on the
 * other; draining a target moves its spread tenants off it. No other tenant is touched.
 */
const STACK = "local";
const SECOND = { name: "e2e-hybrid-b", portOffset: "300" };
const CLUSTER_SCRIPT = join(__dirname, "..", "..", "scripts", "local-cluster", "cluster.sh");
const KUBECONFIG = { a: LOCAL_KUBECONFIG, b: join(CACHE_DIR, "clusters", SECOND.name, "kubeconfig") } as const;
type Side = keyof typeof KUBECONFIG;
const clock = new StepClock();
let work: string;
let settings: PulumiSettings;

function secondCluster(command: string, ...flags: string[]): void {
  const result = spawnSync("bash", [CLUSTER_SCRIPT, command, ...flags], {
    encoding: "utf8",
    env: { ...process.env, IM_CLUSTER_NAME: SECOND.name, IM_CLUSTER_PORT_OFFSET: SECOND.portOffset },
  });
  if (result.status !== 0)
    throw new Error(`cluster ${command} (${SECOND.name}) failed:\n${result.stdout}\n${result.stderr}`);
}

/** Tenant namespace -> uid on one side. */
function tenantNamespaces(side: Side): Map<string, string> {
  const listed = JSON.parse(
    kubectlOk(["--kubeconfig", KUBECONFIG[side], "get", "namespaces", "-l", "im-platform.io/tenant", "-o", "json"]),
  ) as { items: LiveObject[] };
  return new Map(listed.items.map((namespace) => [namespace.metadata.name, namespace.metadata.uid]));
}

/** Every kit object of a tenant's cell on one side, by kind/name, with its uid. */
function cellObjects(side: Side, tenant: string): Map<string, string> {
  const listed = JSON.parse(
    kubectlOk([
      "--kubeconfig",
      KUBECONFIG[side],
      "get",
      "deployments,statefulsets,services,configmaps,secrets,networkpolicies,resourcequotas",
      "-n",
      `im-t-${tenant}`,
      "-o",
      "json",
    ]),
  ) as { items: Array<LiveObject & { kind: string }> };
  return new Map(listed.items.map((object) => [`${object.kind}/${object.metadata.name}`, object.metadata.uid]));
}

function target(name: Side, weight: number) {
  return {
    name,
    weight,
    cluster: {
      kind: "existing",
      kubeconfigPath: KUBECONFIG[name],
      waitForWorkloads: false,
      apiServerCidrs: ["127.0.0.1/32"],
    },
  };
}

function up(step: string): void {
  clock.time(step, () =>
    ok(pulumi(["up", "--yes", "--skip-preview", ...POLICY_PACK_FLAGS, "--stack", STACK], settings), step),
  );
}

const homes = (config: Record<string, unknown>) => config["im-platform:tenants"] as Array<Record<string, unknown>>;

beforeAll(() => {
  clock.time("start the second control plane", () => {
    secondCluster("reset");
    secondCluster("start", "--with", "monitoring-crds");
  });
  work = mkdtempSync(join(tmpdir(), "im-platform-e2e-hybrid-"));
  mkdirSync(join(work, "state"));
  settings = {
    cwd: copyProject(join(work, "project")),
    backendDir: join(work, "state"),
    passphrase: "e2e-hybrid",
    kubeconfig: join(work, "no-ambient-kubeconfig"),
  };
  editStackConfig(settings.cwd!, (config) => {
    delete config["im-platform:target"];
    config["im-platform:targets"] = [target("a", 50), target("b", 50)];
    const tenants = homes(config);
    tenants[0]!.placement = { home: "a" };
    tenants[1]!.placement = { home: "b" };
    // initech is spread by weight; its dedicated pool follows it by the labelling convention.
  });
  ok(pulumi(["stack", "select", STACK, "--create", "--secrets-provider", "passphrase"], settings), "stack select");
  const seed = randomBytes(32).toString("base64");
  ok(pulumi(["config", "set", "--secret", "im-platform:secretSeed", seed, "--stack", STACK], settings), "seed");
}, 600_000);

afterAll(() => {
  if (settings) {
    clock.time("destroy", () => ok(pulumi(["destroy", "--yes", "--stack", STACK], settings), "destroy"));
    expect([...tenantNamespaces("a").keys(), ...tenantNamespaces("b").keys()]).toEqual([]);
  }
  secondCluster("reset");
  console.log(clock.report("hybrid steps with the real engine against two control planes:"));
  if (work) rmSync(work, { recursive: true, force: true });
}, 900_000);

describe("a hybrid stack on two control planes", () => {
  let spreadTo: Side;

  it("lays each tenant's cell only on its home", () => {
    up("hybrid up");
    const placement = JSON.parse(
      ok(pulumi(["stack", "output", "tenantPlacement", "--json", "--stack", STACK], settings), "placement").stdout,
    ) as Record<string, { home: Side }>;
    spreadTo = placement.initech!.home;
    const expected = (side: Side) =>
      ["acme", "globex", "initech"]
        .filter((tenant) => placement[tenant]!.home === side)
        .map((tenant) => `im-t-${tenant}`)
        .sort();
    expect(placement.acme!.home).toBe("a");
    expect(placement.globex!.home).toBe("b");
    expect([...tenantNamespaces("a").keys()].sort()).toEqual(expected("a"));
    expect([...tenantNamespaces("b").keys()].sort()).toEqual(expected("b"));
  });

  it("moves a tenant's home: creates its cell on the new cluster, deletes it on the old, touches no other tenant", () => {
    const others = { globex: cellObjects("b", "globex"), initech: cellObjects(spreadTo, "initech") };
    editStackConfig(settings.cwd!, (config) => {
      homes(config)[0]!.placement = { home: "b" };
    });
    up("move acme's home from a to b");
    expect(tenantNamespaces("a").has("im-t-acme")).toBe(false);
    expect(tenantNamespaces("b").has("im-t-acme")).toBe(true);
    expect(cellObjects("b", "acme").size).toBeGreaterThan(5);
    expect(cellObjects("b", "globex")).toEqual(others.globex);
    expect(cellObjects(spreadTo, "initech")).toEqual(others.initech);
  });

  it("drains a target: its spread tenants move to the other, and nothing of a tenant stays on it", () => {
    // The weights (50/50) put initech on a: the drain has a spread tenant to move.
    expect(spreadTo).toBe("a");
    const globex = cellObjects("b", "globex");
    editStackConfig(settings.cwd!, (config) => {
      config["im-platform:targets"] = [target("a", 0), target("b", 100)];
    });
    up("drain a");
    expect([...tenantNamespaces("a").keys()]).toEqual([]);
    expect([...tenantNamespaces("b").keys()].sort()).toEqual(["im-t-acme", "im-t-globex", "im-t-initech"]);
    expect(cellObjects("b", "globex")).toEqual(globex);
  });
});
