import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Environment } from "../../components/config/types";
import type { Layout } from "../../components/stack/layout";
import { rawConfigFrom } from "../../components/stack/load";
import { validateStackConfig } from "../../components/stack/validate";
import { readStackConfig } from "../synth/stack-file";
import { withOfflineSeed } from "../synth/synthesize";

/** What a pipeline needs to know of a stack file before running it: where it goes and what it reaches. */
export interface PipelineStack {
  readonly stack: string;
  readonly environment: Environment;
  readonly layout: Layout;
  /** Target kinds the stack deploys to; a pipeline logs in to each kind's cloud. */
  readonly targetKinds: readonly string[];
}

/** Every stack file of a project (`stacks/Pulumi.<stack>.yaml`), validated; a broken file stops the listing by name. */
export function pipelineStacks(projectDir: string): PipelineStack[] {
  const dir = join(projectDir, "stacks");
  const names = readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
  return names.map((stack) => {
    const file = join(dir, `Pulumi.${stack}.yaml`);
    const result = validateStackConfig(rawConfigFrom(withOfflineSeed(readStackConfig(file)).values), { stack });
    if (!result.ok) {
      const issues = result.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n");
      throw new Error(`${file}:\n${issues}`);
    }
    const { environment, layout, targets } = result.config;
    return { stack, environment, layout, targetKinds: [...new Set(targets.map((target) => target.cluster.kind))] };
  });
}
