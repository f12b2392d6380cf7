import { list, record, stringMap, text } from "./k8s";

/** A selector with neither matchLabels nor matchExpressions selects everything. */
export function isEmptySelector(selector: unknown): boolean {
  const value = record(selector);
  if (!value) return false;
  return Object.keys(stringMap(value["matchLabels"])).length === 0 && list(value["matchExpressions"]).length === 0;
}

/** Kubernetes label-selector semantics (matchLabels AND every matchExpression). */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const value = record(selector);
  if (!value) return false;
  for (const [key, wanted] of Object.entries(stringMap(value["matchLabels"]))) if (labels[key] !== wanted) return false;
  for (const item of list(value["matchExpressions"])) {
    const expression = record(item) ?? {};
    const key = text(expression["key"]) ?? "";
    const values = list(expression["values"]).filter((v): v is string => typeof v === "string");
    const has = key in labels;
    switch (text(expression["operator"])) {
      case "In":
        if (!has || !values.includes(labels[key] ?? "")) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[key] ?? "")) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
