import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { ConfigIssue } from "../../components/config/errors";
import { rawConfigFrom } from "../../components/stack/load";
import type { StackConfig } from "../../components/stack/types";
import { validateStackConfig } from "../../components/stack/validate";
import { readStackConfig, stackFilePath } from "../synth/stack-file";
import { withOfflineSeed } from "../synth/synthesize";
import { ruleCounts, ruleFilesFor, ruleFileYaml, targetNodePools, type RuleFile } from "./files";
import { checkRules, type PromtoolRun } from "./promtool";

/** One target's rule files as written. */
export interface WrittenTarget {
  readonly target: string;
  readonly dir: string;
  readonly files: readonly RuleFile[];
  readonly paths: readonly string[];
}

/** What `npm run rules` found for one stack. */
export type StackRulesResult =
  | { readonly stack: string; readonly status: "invalid"; readonly issues: readonly ConfigIssue[] }
  | { readonly stack: string; readonly status: "disabled" }
  | {
      readonly stack: string;
      readonly status: "checked";
      readonly targets: readonly WrittenTarget[];
      readonly promtool: PromtoolRun;
    };

/** A sample stack's config as the program sees it (a stand-in seed where it has none), validated. */
export function loadSampleStack(
  stack: string,
): { ok: true; config: StackConfig } | { ok: false; issues: readonly ConfigIssue[] } {
  const file = withOfflineSeed(readStackConfig(stackFilePath(stack)));
  const result = validateStackConfig(rawConfigFrom(file.values), { configKeys: Object.keys(file.values), stack });
  return result.ok ? { ok: true, config: result.config } : { ok: false, issues: result.issues };
}

/**
 * Writes every rule file a validated stack's monitoring loads, per target, under
 * `<outDir>/<target>/` (replacing what an earlier run left there); `dashboardValues` stand for
 * Grafana's variables in the dashboards' queries.
 */
export function writeStackRules(
  config: StackConfig,
  outDir: string,
  source: string,
  dashboardValues: Readonly<Record<string, string>> = {},
): WrittenTarget[] {
  rmSync(outDir, { recursive: true, force: true });
  return config.targets.map((target, index) => {
    const dir = path.join(outDir, target.name);
    mkdirSync(dir, { recursive: true });
    const files = ruleFilesFor(config, targetNodePools(config, target, index), dashboardValues);
    const paths = files.map((file) => {
      const written = path.join(dir, file.name);
      writeFileSync(written, ruleFileYaml(file, `${source}, target ${target.name}`));
      return written;
    });
    return { target: target.name, dir, files, paths };
  });
}

/**
 * A sample stack's rules: validated, written under `<outDir>/<stack>/<target>/` and checked by
 * `promtool check rules`. A stack whose config is invalid cannot be checked and says so.
 */
export async function checkStackRules(stack: string, outDir: string): Promise<StackRulesResult> {
  const loaded = loadSampleStack(stack);
  if (!loaded.ok) return { stack, status: "invalid", issues: loaded.issues };
  if (!loaded.config.monitoring.enabled) return { stack, status: "disabled" };
  const targets = writeStackRules(loaded.config, path.join(outDir, stack), `stacks/Pulumi.${stack}.yaml`);
  const promtool = await checkRules(targets.flatMap((target) => target.paths));
  return { stack, status: "checked", targets, promtool };
}

/** One line per target: files, groups and rules, and promtool's verdict on the stack. */
export function summarize(result: StackRulesResult): string {
  if (result.status === "invalid") {
    return [
      `${result.stack}: invalid stack config, rules not checked`,
      ...result.issues.map((issue) => `  ${issue.path}: ${issue.message}`),
    ].join("\n");
  }
  if (result.status === "disabled") return `${result.stack}: monitoring disabled, no rules`;
  const lines = result.targets.map((target) => {
    const counts = ruleCounts(target.files);
    return `${result.stack} (target ${target.target}): ${target.files.length} files, ${counts.groups} groups, ${counts.alerts + counts.records} rules (${counts.alerts} alerts, ${counts.records} recording) in ${target.dir}`;
  });
  lines.push(
    result.promtool.ok
      ? `${result.stack}: promtool check rules: ok`
      : `${result.stack}: promtool check rules FAILED (exit ${result.promtool.code}):\n${indent(result.promtool.output)}`,
  );
  return lines.join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
