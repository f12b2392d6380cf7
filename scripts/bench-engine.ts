import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { rawConfigFrom } from "../components/stack/load";
import { tenantsOf } from "./bench/scenarios";
import { floorApplyAndDelete } from "./bench-engine/floor";
import { ProcessSampler, type ProcessRole } from "./bench-engine/processes";
import { runFleet, type FleetCommand, type FleetReport } from "./fleet/fleet";
import { CLUSTER_DIR } from "./local/paths";
import { copyProject } from "./local/project-copy";
import { pulumi, pulumiEnv, POLICY_PACK_FLAGS, type PulumiSettings } from "./local/pulumi";
import { kubernetesManifests } from "./manifests/render";
import { readStackConfig, stackFilePath } from "./synth/stack-file";
import { synthesize } from "./synth/synthesize";

/**
 * npm run bench:engine: the fleet layout with the real engine on a local control plane of its
 * own (IM_CLUSTER_NAME=engine, set by the npm script), beside the floor for the same objects.
 * Per fleet: a full `up`, a no-change run, a no-change preview of every stack, onboarding one
 * tenant and `destroy`, with CPU seconds and peak RSS per role (engine, program, analyzers,
 * provider, API server).
 */
const ROOT = join(__dirname, "..");
const STACK = "bench";
const PASSPHRASE = "bench-engine";
const ROLES: readonly ProcessRole[] = ["fleet command", "engine", "program", "analyzers", "provider", "api server"];

const { values } = parseArgs({
  options: {
    tenants: { type: "string", default: "10,30,100" },
    shapes: { type: "string", default: "vip,mixed" },
    "parallel-stacks": { type: "string", default: "4" },
    monolith: { type: "string", default: "" },
    keep: { type: "boolean", default: false },
    // A large fleet's destroy takes as long as its create; --no-destroy resets the cluster instead.
    "no-destroy": { type: "boolean", default: false },
  },
});

type Shape = "vip" | "mixed";

function sh(script: string, ...args: string[]): void {
  const result = spawnSync("bash", [join(ROOT, script), ...args], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

/** The local sample stack with the fleet's tenants, on a cluster whose pools are not simulated. */
function scenarioRaw(tenants: number, shape: Shape): Record<string, unknown> {
  const base = rawConfigFrom(readStackConfig(stackFilePath("local")).values);
  const { nodePools: _pools, ...target } = base.target as Record<string, unknown>;
  const { secretSeed: _seed, ...rest } = base;
  return {
    ...rest,
    // The fleet runs need the mark; the one-stack runs call pulumi up on the same file.
    layout: "fleet",
    target: { ...target, waitForWorkloads: false, sharedNodePool: true },
    tenants: tenantsOf({ name: shape, tenants, vipShare: shape === "vip" ? 1 : 0.1 }),
  };
}

function writeStackFile(project: string, raw: Record<string, unknown>, settings: PulumiSettings): void {
  const config = Object.fromEntries(Object.entries(raw).map(([key, value]) => [`im-platform:${key}`, value]));
  writeFileSync(join(project, "stacks", `Pulumi.${STACK}.yaml`), stringify({ config }));
  const seed = "bench-engine-seed-0123456789abcdef0123456789";
  const set = pulumi(["config", "set", "--secret", "im-platform:secretSeed", seed, "--stack", STACK], settings);
  if (set.status !== 0) throw new Error(set.stderr);
}

/** The CLI without blocking this process, so the sampler keeps sampling while it runs. */
function pulumiAsync(args: readonly string[], settings: PulumiSettings, env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], {
      cwd: settings.cwd,
      env: { ...pulumiEnv(settings), ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (data: Buffer) => (stderr = (stderr + data.toString()).slice(-4000)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pulumi ${args[0]} failed: ${stderr}`))));
  });
}

/** The fleet with one more tenant of the fleet's dominant tier. */
function withNewcomer(raw: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const newcomer =
    shape === "vip"
      ? { id: "tnew", tier: "vip", quota: { cpu: "24", memory: "48Gi", pods: 150 } }
      : { id: "tnew", tier: "shared" };
  return { ...raw, tenants: [...(raw.tenants as unknown[]), newcomer] };
}

interface Measured<T> {
  readonly seconds: number;
  readonly result: T;
  readonly cpu: Map<ProcessRole, number>;
  readonly rss: Map<ProcessRole, number>;
}

async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const sampler = new ProcessSampler(CLUSTER_DIR);
  sampler.start();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const { cpuSeconds, peakRssMb } = sampler.stop();
  return { seconds, result, cpu: cpuSeconds, rss: peakRssMb };
}

function createdOf(report: FleetReport): number {
  return report.outcomes.reduce((sum, outcome) => sum + (outcome.changes.create ?? 0), 0);
}

function mustSucceed(what: string, report: FleetReport): FleetReport {
  if (!report.ok) {
    const broken = report.outcomes.filter((outcome) => outcome.status !== "succeeded");
    throw new Error(
      `${what} failed: ${broken.map((outcome) => `${outcome.stack}: ${outcome.error ?? ""}`).join("\n")}`,
    );
  }
  return report;
}

function breakdown(measure: Measured<unknown>): string {
  return ROLES.map((role) => `${role} ${(measure.cpu.get(role) ?? 0).toFixed(0)}`).join(", ");
}

function peaks(measure: Measured<unknown>): string {
  return ROLES.filter((role) => role !== "api server")
    .map((role) => `${role} ${(measure.rss.get(role) ?? 0).toFixed(0)}`)
    .join(", ");
}

/** A fresh control plane, and a copy of the project whose bench stack holds `raw`, in a folder of its own. */
function freshStack(
  prefix: string,
  raw: Record<string, unknown>,
): { work: string; project: string; settings: PulumiSettings & { cwd: string } } {
  sh("scripts/local-cluster/cluster.sh", "reset");
  // The stacks are monitored (the default): the API server serves the monitors' and rules' kinds.
  sh("scripts/local-cluster/cluster.sh", "start", "--with", "monitoring-crds");
  const work = mkdtempSync(join(tmpdir(), prefix));
  const project = copyProject(join(work, "project"));
  const settings = { cwd: project, backendDir: join(work, "state"), passphrase: PASSPHRASE };
  pulumi(["stack", "select", STACK, "--create", "--secrets-provider", "passphrase"], settings);
  writeStackFile(project, raw, settings);
  return { work, project, settings };
}

async function benchFleet(tenants: number, shape: Shape, parallelStacks: number): Promise<string[]> {
  const raw = scenarioRaw(tenants, shape);
  const { work, project, settings } = freshStack("im-platform-bench-engine-", raw);
  const fleet = { ...settings, fleet: STACK, workspaceDir: join(work, "fleet"), parallelStacks };
  const run = (command: FleetCommand, all = false) => runFleet(command, { ...fleet, all });
  const label = `${tenants} ${shape === "vip" ? "VIP" : "mixed (10% VIP)"}`;
  console.error(`== ${label}`);

  const offline = await synthesize(readStackConfig(join(project, "stacks", `Pulumi.${STACK}.yaml`)), STACK);
  const manifests = kubernetesManifests(offline.resources);
  const floor = await floorApplyAndDelete(join(work, "floor"), manifests, 8);
  console.error(
    `floor: ${manifests.length} objects, apply ${floor.applySeconds.toFixed(1)} s, delete ${floor.deleteSeconds.toFixed(1)} s`,
  );

  const up = await measured(async () => mustSucceed("fleet up", await run("up")));
  const resources = createdOf(up.result);
  console.error(
    `up: ${up.seconds.toFixed(1)} s for ${resources} resources; cpu s: ${breakdown(up)}; peak MB: ${peaks(up)}`,
  );
  const unchanged = await measured(async () => mustSucceed("no-change up", await run("up")));
  const previewAll = await measured(async () => mustSucceed("preview --all", await run("preview", true)));
  console.error(`no-change up ${unchanged.seconds.toFixed(1)} s; preview --all ${previewAll.seconds.toFixed(1)} s`);

  writeStackFile(project, withNewcomer(raw, shape), settings);
  const onboard = await measured(async () => mustSucceed("onboarding", await run("up")));
  const touched = onboard.result.outcomes.map((outcome) => outcome.stack).join(" + ");
  console.error(`onboarding: ${onboard.seconds.toFixed(1)} s (${touched})`);
  const destroy = values["no-destroy"]
    ? undefined
    : await measured(async () => mustSucceed("destroy", await run("destroy")));
  console.error(destroy ? `destroy: ${destroy.seconds.toFixed(1)} s` : "destroy: skipped");
  if (!values.keep) rmSync(work, { recursive: true, force: true });

  const ratio = (seconds: number, floorSeconds: number) => (seconds / floorSeconds).toFixed(1);
  return [
    `| ${label} | ${resources} | ${manifests.length} | ${up.seconds.toFixed(0)} | ${floor.applySeconds.toFixed(1)} | ${ratio(up.seconds, floor.applySeconds)} | ${((up.seconds * 1000) / resources).toFixed(0)} | ${unchanged.seconds.toFixed(1)} | ${previewAll.seconds.toFixed(0)} (${(previewAll.seconds / (tenants + 1)).toFixed(1)}/stack) | ${onboard.seconds.toFixed(1)} | ${destroy ? destroy.seconds.toFixed(0) : "-"} | ${floor.deleteSeconds.toFixed(1)} | ${destroy ? ratio(destroy.seconds, floor.deleteSeconds) : "-"} |`,
    `|  | CPU s of the up: ${breakdown(up)} | | | | | | | | | | | |`,
    `|  | peak RSS MB of the up: ${peaks(up)} | | | | | | | | | | | |`,
  ];
}

/**
 * One stack holding the whole fleet, as before the fleet layout: the reference the layout is
 * measured against, and where the engine's checkpoint writes show (a second create with
 * PULUMI_SKIP_CHECKPOINTS, which saves the state once at the end instead of after every step).
 */
async function benchMonolith(tenants: number): Promise<string[]> {
  const raw = scenarioRaw(tenants, "vip");
  const { work, project, settings } = freshStack("im-platform-bench-monolith-", raw);
  const upOnce = (env: NodeJS.ProcessEnv = {}) =>
    pulumiAsync(["up", "--stack", STACK, "--yes", ...POLICY_PACK_FLAGS], settings, env);
  const destroyOnce = () => pulumiAsync(["destroy", "--stack", STACK, "--yes"], settings);
  console.error(`== one stack, ${tenants} VIP`);
  const up = await measured(() => upOnce());
  console.error(`up: ${up.seconds.toFixed(1)} s; cpu s: ${breakdown(up)}; peak MB: ${peaks(up)}`);
  const noChange = await measured(() => upOnce());
  writeStackFile(project, withNewcomer(raw, "vip"), settings);
  const onboard = await measured(() => upOnce());
  const destroy = await measured(destroyOnce);
  console.error(
    `no-change up ${noChange.seconds.toFixed(1)} s, add one ${onboard.seconds.toFixed(1)} s, destroy ${destroy.seconds.toFixed(1)} s`,
  );
  const unsaved = await measured(() => upOnce({ PULUMI_SKIP_CHECKPOINTS: "true" }));
  console.error(`up without checkpoints: ${unsaved.seconds.toFixed(1)} s; cpu s: ${breakdown(unsaved)}`);
  await destroyOnce();
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  return [
    `| one stack, ${tenants} VIP | up ${up.seconds.toFixed(0)} s (CPU s: ${breakdown(up)}) | no-change up ${noChange.seconds.toFixed(0)} s | add one tenant ${onboard.seconds.toFixed(0)} s | destroy ${destroy.seconds.toFixed(0)} s | up without checkpoints ${unsaved.seconds.toFixed(0)} s (CPU s: ${breakdown(unsaved)}) |`,
  ];
}

async function main(): Promise<void> {
  if (process.env.IM_CLUSTER_NAME !== "engine")
    throw new Error("run it as npm run bench:engine (its own cluster, IM_CLUSTER_NAME=engine)");
  sh("scripts/tools/install.sh");
  const parallelStacks = Number(values["parallel-stacks"]);
  const rows: string[] = [];
  for (const tenants of values.tenants.split(",").filter(Boolean).map(Number)) {
    for (const shape of values.shapes.split(",") as Shape[])
      rows.push(...(await benchFleet(tenants, shape, parallelStacks)));
  }
  const monolith = values.monolith ? await benchMonolith(Number(values.monolith)) : [];
  sh("scripts/local-cluster/cluster.sh", "stop");
  console.log(
    `fleet layout, ${parallelStacks} stacks at once, --parallel 8, both policy packs; floor: kubectl apply --server-side of the same objects, 2 passes, 8 at once`,
  );
  console.log(
    "| fleet | resources | objects | up s | floor s | up × | ms/resource | no-change up s | preview all s | add one tenant s | destroy s | floor delete s | destroy × |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const row of rows) console.log(row);
  for (const row of monolith) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
