import { CONTROL_PLANE_LOG_CATEGORIES, AZURE_TYPES } from "../conventions";
import { list, record, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/** A diagnostic setting of an AKS cluster: aimed at one, or sending one of its log categories. */
function isClusterSetting(props: Props, categories: readonly string[]): boolean {
  return (
    /\/managedclusters\//i.test(text(props["resourceUri"]) ?? "") ||
    categories.some((category) => (CONTROL_PLANE_LOG_CATEGORIES as readonly string[]).includes(category))
  );
}

/** IMS212: an AKS cluster's diagnostic setting sends every control-plane log category somewhere. */
export function checkControlPlaneLogs(type: string, props: Props): string[] {
  if (type !== AZURE_TYPES.diagnosticSetting) return [];
  const logs = list(props["logs"])
    .map((log) => record(log) ?? {})
    .filter((log) => log["enabled"] === true);
  const categories = logs.flatMap((log) => (text(log["category"]) ? [text(log["category"]) ?? ""] : []));
  if (!isClusterSetting(props, categories)) return [];
  const messages: string[] = [];
  const allLogs = logs.some((log) => text(log["categoryGroup"])?.toLowerCase() === "alllogs");
  const missing = CONTROL_PLANE_LOG_CATEGORIES.filter((category) => !categories.includes(category));
  if (!allLogs && missing.length > 0) messages.push(`logs lack ${missing.join(", ")}`);
  if (!text(props["workspaceId"]) && !text(props["storageAccountId"]) && !text(props["eventHubAuthorizationRuleId"])) {
    messages.push("the setting has no destination (workspaceId, storageAccountId or eventHubAuthorizationRuleId)");
  }
  return messages;
}
