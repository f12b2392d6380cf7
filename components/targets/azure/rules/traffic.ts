import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";
import { TRAFFIC_TYPES } from "../conventions";

const neverProbed = (name: string | undefined): string =>
  `endpoint ${name ?? "(unnamed)"} has alwaysServe Enabled, so it is never health-checked; set it to Disabled`;

const alwaysServed = (endpoint: Props): boolean => text(endpoint["alwaysServe"]) === "Enabled";

/**
 * IMS213: every tenant hostname has a health check. A Traffic Manager profile probes its
 * endpoints only with a monitor config (protocol and port); an endpoint set to "always serve" is
 * never probed, so clients keep going to it when its target is down.
 */
export function checkTrafficHealthChecked(type: string, props: Props): string[] {
  if (type === TRAFFIC_TYPES.endpoint) {
    return alwaysServed(props) ? [neverProbed(text(props["endpointName"]))] : [];
  }
  if (type !== TRAFFIC_TYPES.profile) return [];
  const problems: string[] = [];
  const monitor = record(props["monitorConfig"]);
  if (!text(monitor?.["protocol"]) || typeof monitor?.["port"] !== "number") {
    problems.push(
      "monitorConfig sets no protocol and port, so the profile's endpoints are not probed as the kit means",
    );
  }
  for (const endpoint of list(props["endpoints"]).map((item) => record(item) ?? {})) {
    if (alwaysServed(endpoint)) problems.push(neverProbed(text(endpoint["name"])));
  }
  return problems;
}
