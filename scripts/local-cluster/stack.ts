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

/** The namespace cluster.sh's monitoring-crds add-on creates when it is given none (the schema's default). */
export const DEFAULT_OPERATOR_NAMESPACE = "monitoring";

/**
 * The cluster add-ons a stack's workloads need: resource metrics for its HPAs, KEDA when it scales
 * on triggers, and, when monitoring is on, the Prometheus Operator's CRDs its monitors, rules and
 * alert routing are made of, with the namespace of the operator the stack points at
 * (`target.prometheus.namespace`, where its AlertmanagerConfig goes), as a cluster running one has.
 */
export function clusterAddOnsFor(config: StackConfig): string[] {
  const addOns = ["metrics-server", ...(config.autoscaling.keda.enabled ? ["keda"] : [])];
  if (config.monitoring.enabled) {
    const namespaces = [
      ...new Set(
        config.targets.flatMap(({ cluster }) =>
          cluster.kind === "existing" ? [cluster.prometheus.namespace] : [DEFAULT_OPERATOR_NAMESPACE],
        ),
      ),
    ];
    addOns.push(
      ...namespaces.map((namespace) =>
        namespace === DEFAULT_OPERATOR_NAMESPACE ? "monitoring-crds" : `monitoring-crds=${namespace}`,
      ),
    );
  }
  return addOns;
}
