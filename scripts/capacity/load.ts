import { ConfigError } from "../../components/config/errors";
import { rawConfigFrom } from "../../components/stack/load";
import type { StackConfig } from "../../components/stack/types";
import { validateStackConfig } from "../../components/stack/validate";
import { readStackConfig } from "../synth/stack-file";
import { withOfflineSeed } from "../synth/synthesize";

/** A stack file validated as the program would see it, with the warnings a run would log. */
export function loadStackFile(file: string, stack: string): { config: StackConfig; warnings: string[] } {
  const result = validateStackConfig(rawConfigFrom(withOfflineSeed(readStackConfig(file)).values), { stack });
  if (!result.ok) throw new ConfigError(result.issues);
  return { config: result.config, warnings: result.warnings.map((warning) => `${warning.path}: ${warning.message}`) };
}
