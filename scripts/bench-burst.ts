import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { measureBurst } from "./local-cluster/load";
import { kubectlOk } from "./local/kubectl";
import { LOCAL_KUBECONFIG } from "./local/paths";
import { copyProject, editStackConfig } from "./local/project-copy";
import { pulumi } from "./local/pulumi";

/**
 * npm run bench:burst: how fast a cell absorbs a burst on the local control plane, with the real
 * engine, scheduler, controllers, metrics-server and kwok. Deploys a stack of one shared tenant
 * (the `services` profile, so its services scale) and one VIP tenant on its own pool, on a
 * cluster of its own (IM_CLUSTER_NAME=bench, set by the npm script), then for each cell's gateway: simulated CPU load -> the HPA
 * reacts -> all new pods Ready, and load removed -> the first scale-in. Prints the figures beside
 * the bound the controller settings give.
 */
const ROOT = join(__dirname, "..");
const USAGE = "usage: npm run bench:burst -- [--stabilization <seconds>] [--extra <replicas>] [--keep]";

const { values } = parseArgs({
  options: {
    stabilization: { type: "string", default: "60" },
    extra: { type: "string", default: "4" },
    keep: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const stabilization = Number(values.stabilization);
const extra = Number(values.extra);
if (!Number.isInteger(stabilization) || stabilization < 0 || !Number.isInteger(extra) || extra < 1) {
  console.error(USAGE);
  process.exit(2);
}

function sh(script: string, ...args: string[]): void {
  const result = spawnSync("bash", [join(ROOT, script), ...args], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

async function main(): Promise<void> {
  if (process.env.IM_CLUSTER_NAME !== "bench")
    throw new Error("run it as npm run bench:burst (its own cluster, IM_CLUSTER_NAME=bench)");
  sh("scripts/tools/install.sh");
  sh("scripts/local-cluster/cluster.sh", "reset");
  sh("scripts/local-cluster/cluster.sh", "start", "--with", "metrics-server", "--with", "monitoring-crds");
  const work = mkdtempSync(join(tmpdir(), "im-platform-bench-burst-"));
  const project = copyProject(join(work, "project"));
  editStackConfig(project, (config) => {
    const section = (key: string) => (config[key] ?? {}) as Record<string, unknown>;
    config["im-platform:autoscaling"] = {
      ...section("im-platform:autoscaling"),
      scaleDownStabilizationSeconds: stabilization,
    };
    config["im-platform:tenancy"] = {
      ...section("im-platform:tenancy"),
      sharedPool: {
        ...(section("im-platform:tenancy").sharedPool as Record<string, unknown>),
        quota: { cpu: "16", memory: "32Gi", cpuLimit: "48", memoryLimit: "96Gi", pods: 80 },
      },
    };
    config["im-platform:tenants"] = [
      { id: "acme", tier: "shared", displayName: "Acme Chat", profile: "services" },
      ...(config["im-platform:tenants"] as Array<{ id: string }>).filter((tenant) => tenant.id === "initech"),
    ];
  });
  sh("scripts/local-cluster/cluster.sh", "nodes", "--stack-file", join(project, "stacks", "Pulumi.local.yaml"));
  mkdirSync(join(work, "state"));
  const settings = {
    cwd: project,
    backendDir: join(work, "state"),
    passphrase: "bench",
    kubeconfig: join(work, "none"),
  };
  const ok = (args: string[], what: string) => {
    const result = pulumi([...args, "--stack", "local"], settings);
    if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout}\n${result.stderr}`);
  };
  ok(["stack", "init", "--secrets-provider", "passphrase"], "stack init");
  ok(
    ["config", "set", "--secret", "--path", "im-platform:target.kubeconfig", readFileSync(LOCAL_KUBECONFIG, "utf8")],
    "config",
  );
  ok(["config", "set", "--secret", "im-platform:secretSeed", randomBytes(32).toString("base64")], "config");
  const deployStarted = performance.now();
  ok(["up", "--yes", "--skip-preview"], "pulumi up");
  const deploySeconds = (performance.now() - deployStarted) / 1000;

  const hpaSync = Number(process.env.IM_CLUSTER_HPA_SYNC_SECONDS ?? 15);
  const resolution = Number((process.env.IM_CLUSTER_METRIC_RESOLUTION ?? "15s").replace(/s$/, ""));
  // kwok's pod-ready stage: 1 s plus up to 5 s of jitter before a scheduled pod is Ready.
  const startDelay = 6;
  const reactionBound = 2 * resolution + hpaSync;
  const figures = [];
  try {
    for (const cell of ["acme", "initech"]) {
      const namespace = `im-t-${cell}`;
      const replicas = JSON.parse(kubectlOk(["get", "hpa", "msggateway", "-n", namespace, "-o", "json"])) as {
        spec: { minReplicas: number };
      };
      const burst = await measureBurst({
        namespace,
        service: "msggateway",
        targetReplicas: replicas.spec.minReplicas + extra,
        stabilizationSeconds: stabilization,
      });
      figures.push({ cell, tier: cell === "acme" ? "shared" : "vip", ...burst });
    }
  } finally {
    if (!values.keep) {
      ok(["destroy", "--yes", "--skip-preview"], "pulumi destroy");
      sh("scripts/local-cluster/cluster.sh", "stop");
      rmSync(work, { recursive: true, force: true });
    }
  }

  console.log("\nburst absorption on the local control plane (kwok nodes, real scheduler/controllers/metrics-server)");
  console.log(
    `controller settings: HPA sync ${hpaSync} s, metric resolution ${resolution} s, scale-up stabilization 0 s, scale-down stabilization ${stabilization} s, kwok start delay 1-${startDelay} s`,
  );
  console.log(
    `pulumi up of the bench stack (2 cells + data tier), awaiting every rollout: ${deploySeconds.toFixed(1)} s\n`,
  );
  console.log("cell     tier    replicas  load     reaction  absorbed  scale-in");
  for (const figure of figures) {
    console.log(
      `${figure.cell.padEnd(8)} ${figure.tier.padEnd(7)} ${`${figure.fromReplicas}->${figure.peakReplicas}`.padEnd(9)} ${`${figure.loadMillicores}m`.padEnd(8)} ${`${figure.reactionSeconds.toFixed(1)} s`.padEnd(9)} ${`${figure.absorbedSeconds.toFixed(1)} s`.padEnd(9)} ${figure.scaleInSeconds.toFixed(1)} s`,
    );
  }
  console.log(
    `\nfloors and bounds: reaction <= 2 x metric resolution + HPA sync = ${reactionBound} s; absorbed <= reaction + scheduling + start delay (${startDelay} s) per scale-up step (the policy allows +100% or +4 pods per 30 s); scale-in >= the stabilization window (${stabilization} s) and <= it + HPA sync + metric resolution (${stabilization + hpaSync + resolution} s)`,
  );
  const breaches = figures.filter(
    (figure) =>
      figure.reactionSeconds > reactionBound ||
      figure.scaleInSeconds < stabilization ||
      figure.scaleInSeconds > stabilization + hpaSync + 2 * resolution,
  );
  if (breaches.length > 0) {
    console.log(`outside the bounds: ${breaches.map((figure) => figure.cell).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
