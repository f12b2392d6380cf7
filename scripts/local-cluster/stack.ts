import { rawConfigFrom } from "../../components/stack/load";
import type { StackConfig } from "../../components/stack/types";
import { validateStackConfig } from "../../components/stack/validate";
import { readStackConfig } from "../synth/stack-file";
import { withOfflineSeed } from "../synth/synthesize";

/** A stack file's validated config, as the local cluster scripts read it (secrets stay unread). */
export function loadStack(file: string): StackConfig {
  const result = validateStackConfig(rawConfigFrom(withOfflineSeed(readStackConfig(file)).values));
  if (!result.ok) {
    throw new Error(`${file}:\n${result.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n")}`);
  }
  return result.config;
}

/** The cluster add-ons a stack's workloads need: resource metrics for its HPAs, KEDA when it scales on triggers. */
export function clusterAddOnsFor(config: StackConfig): string[] {
  return ["metrics-server", ...(config.autoscaling.keda.enabled ? ["keda"] : [])];
}
