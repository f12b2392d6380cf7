import type { DataConfig } from "../config/data-schema";
import type { DataImagePlacement } from "../config/images";
import type { Environment } from "../config/platform-schema";
import type { TargetConfig } from "../targets/registry";
import { managedKinds } from "../addons/data-tier/kinds";
import { definitionFor } from "../targets/registry";

/**
 * Which data services run in the cluster somewhere in the stack, for the images it pulls: a kind
 * every target runs managed pulls no image; a TLS-only managed Redis on any target pulls the proxy's.
 */
export function dataImagePlacement(
  targets: ReadonlyArray<{ readonly cluster: TargetConfig }>,
  data: DataConfig,
  environment: Environment,
): DataImagePlacement {
  const perTarget = targets.map((target) => {
    const facts = definitionFor(target.cluster).managedData?.(target.cluster, { environment });
    return { kinds: managedKinds(data, facts?.kinds ?? []), redisTlsOnly: facts?.redisTlsOnly ?? false };
  });
  const managedEverywhere = (perTarget[0]?.kinds ?? []).filter((kind) =>
    perTarget.every((target) => target.kinds.includes(kind)),
  );
  const redisProxied = perTarget.some((target) => target.redisTlsOnly && target.kinds.includes("redis"));
  return { managedEverywhere, redisProxied };
}
