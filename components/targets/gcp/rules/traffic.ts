import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { TRAFFIC_TYPES } from "../conventions";

interface PolicyItem {
  readonly where: string;
  readonly item: Props;
}

/** Every answer-bearing item of a routing policy, named by where it sits. */
function itemsOf(policy: Props): PolicyItem[] {
  const each = (key: string, items: unknown): PolicyItem[] =>
    list(items).map((item, index) => ({ where: `${key}[${index}]`, item: record(item) ?? {} }));
  const primaryBackup = record(policy["primaryBackup"]);
  const primary = record(primaryBackup?.["primary"]);
  return [
    ...each("wrrs", policy["wrrs"]),
    ...each("geos", policy["geos"]),
    ...each("primaryBackup.backupGeos", primaryBackup?.["backupGeos"]),
    // The primary set holds its targets directly, with no rrdatas beside them.
    ...(primary ? [{ where: "primaryBackup.primary", item: { healthCheckedTargets: primary } }] : []),
  ];
}

/**
 * IMS314: every tenant hostname has a health check. A Cloud DNS routing policy answers an item's
 * plain `rrdatas` whatever their health; internet endpoints are checked only by the policy's
 * `healthCheck`. Either gap keeps clients going to a dead target.
 */
export function checkTrafficHealthChecked(type: string, props: Props): string[] {
  if (type !== TRAFFIC_TYPES.recordSet) return [];
  const policy = record(props["routingPolicy"]);
  if (!policy) return [];
  const name = text(props["name"]) ?? "the record set";
  const problems: string[] = [];
  let external = false;
  for (const { where, item } of itemsOf(policy)) {
    if (list(item["rrdatas"]).length > 0)
      problems.push(
        `${name}: ${where} answers with rrdatas no health check watches; give healthCheckedTargets instead`,
      );
    if (list(record(item["healthCheckedTargets"])?.["externalEndpoints"]).length > 0) external = true;
  }
  if (external && !text(policy["healthCheck"]))
    problems.push(`${name}: routingPolicy has external endpoints but no healthCheck, so nothing probes them`);
  return problems;
}
