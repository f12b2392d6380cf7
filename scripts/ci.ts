import { appendFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../components/config/errors";
import { ENVIRONMENTS } from "../components/config/platform-schema";
import { affectedStacks } from "./ci/affected";
import { changedPaths } from "./ci/changes";
import { runEngine } from "./ci/engine";
import { runFleetStep } from "./ci/fleet-run";
import { exitCodeOf, formatRun } from "./ci/report";
import type { PipelineOperation, StackRun } from "./ci/run-types";
import { pipelineStacks, type PipelineStack } from "./ci/stacks";
import { POLICY_PACK_DIRS } from "./local/pulumi";

const USAGE = `usage: npm run ci -- <command> [options]
  stacks   list the stack files, as JSON for a job matrix with --json
           [--environment dev|staging|prod] [--changed-from <git ref>] [--only "<stack> ..."]
  preview  pulumi preview of one stack with both policy packs
  deploy   pulumi up of one stack with both policy packs (creates the stack on its first deploy)
  drift    a preview that refreshes first and writes no state; exit 1 when anything drifted
           --stack <s> [--changed-from <git ref>] [--report <file>] [--no-policy] [--cwd <project>]
A fleet-layout stack file (im-platform:layout: fleet) runs as its fleet: only the member stacks a
change touches. With PULUMI_BACKEND_URL or PULUMI_ACCESS_TOKEN set, the engine runs as the
environment gives it (CLI on PATH, that backend, the cloud's credentials); otherwise on the local
toolchain, file backend and control plane. Exit: 0 done, 1 drift found, 2 failed.`;

const OPERATIONS: readonly PipelineOperation[] = ["preview", "deploy", "drift"];

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      stack: { type: "string" },
      environment: { type: "string" },
      only: { type: "string" },
      "changed-from": { type: "string" },
      report: { type: "string" },
      cwd: { type: "string" },
      json: { type: "boolean", default: false },
      "no-policy": { type: "boolean", default: false },
    },
  });
}

type Values = ReturnType<typeof parse>["values"];

/** The stacks a step considers: all, or those the change since `--changed-from` touches. */
function selectStacks(
  stacks: readonly PipelineStack[],
  projectDir: string,
  values: Values,
): Array<PipelineStack & { readonly reason?: string }> {
  const base = values["changed-from"];
  const changed = base === undefined ? undefined : changedPaths(projectDir, base);
  if (changed === undefined) return [...stacks];
  const affected = new Map(affectedStacks(changed, stacks).map((entry) => [entry.stack, entry.reason]));
  return stacks
    .filter((stack) => affected.has(stack.stack))
    .map((stack) => ({ ...stack, reason: affected.get(stack.stack) }));
}

function listStacks(projectDir: string, values: Values): number {
  const environment = values.environment;
  if (environment !== undefined && !(ENVIRONMENTS as readonly string[]).includes(environment)) {
    console.error(`--environment must be one of ${ENVIRONMENTS.join(", ")}; got ${environment}`);
    return 2;
  }
  const all = pipelineStacks(projectDir);
  const only = values.only?.split(/\s+/).filter((name) => name.length > 0);
  const known = all.map((stack) => stack.stack);
  const unknown = (only ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    console.error(`--only names ${unknown.join(", ")}, which have no stack file; stacks: ${known.join(", ")}`);
    return 2;
  }
  const stacks = selectStacks(all, projectDir, values).filter(
    (stack) =>
      (environment === undefined || stack.environment === environment) &&
      (only === undefined || only.includes(stack.stack)),
  );
  if (values.json) {
    // A job matrix: `include` entries, the target kinds as one string a step's `contains()` can test.
    const include = stacks.map((stack) => ({ ...stack, targetKinds: stack.targetKinds.join(" ") }));
    console.log(JSON.stringify({ include }));
  } else {
    for (const stack of stacks)
      console.log(
        `${stack.stack}\t${stack.environment}\t${stack.layout}\t${stack.targetKinds.join(",")}${stack.reason ? `\t(${stack.reason})` : ""}`,
      );
  }
  return 0;
}

async function runStep(operation: PipelineOperation, projectDir: string, values: Values): Promise<number> {
  const name = values.stack;
  if (!name) {
    console.error(`--stack is required\n${USAGE}`);
    return 2;
  }
  const all = pipelineStacks(projectDir);
  const stack = all.find((entry) => entry.stack === name);
  if (!stack) {
    console.error(`no stack file stacks/Pulumi.${name}.yaml in ${projectDir}`);
    return 2;
  }
  const ambient = Boolean(process.env.PULUMI_BACKEND_URL) || Boolean(process.env.PULUMI_ACCESS_TOKEN);
  // The kit's provider sets enablePatchForce (a deploy takes back fields changed outside Pulumi);
  // the provider plugin the local toolchain builds predates that setting and reads this instead.
  process.env.PULUMI_K8S_ENABLE_PATCH_FORCE ??= "true";
  const settings = { cwd: projectDir, ambient };
  const policy = !values["no-policy"];
  const touched =
    values["changed-from"] === undefined || selectStacks(all, projectDir, values).some((entry) => entry.stack === name);
  let run: StackRun;
  if (!touched) {
    run = {
      stack: name,
      operation,
      status: "skipped",
      seconds: 0,
      counts: {},
      changes: [],
      findings: [],
      outputs: {},
      members: [],
      reason: `no change since ${values["changed-from"]} touches stack ${name}`,
    };
  } else if (stack.layout === "fleet") {
    run = await runFleetStep(name, operation, { ...settings, policy });
  } else {
    run = await runEngine(
      {
        ...settings,
        stack: name,
        operation,
        policyPacks: policy ? POLICY_PACK_DIRS : [],
        upsert: operation === "deploy",
        onOutput: (text) => process.stderr.write(text),
      },
      projectDir,
    );
  }
  const markdown = formatRun(run);
  console.log(markdown);
  if (values.report) writeFileSync(values.report, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
  return exitCodeOf(run);
}

async function main(): Promise<number> {
  const { values, positionals } = parse();
  const [command] = positionals;
  const projectDir = resolve(values.cwd ?? join(__dirname, ".."));
  if (command === "stacks") return listStacks(projectDir, values);
  if (OPERATIONS.includes(command as PipelineOperation))
    return runStep(command as PipelineOperation, projectDir, values);
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
