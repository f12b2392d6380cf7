import { closestMatch, CONFIG_NAMESPACE, type ConfigIssue } from "../config/errors";
import { targetDefinitions } from "../targets/registry";

/** Namespaces besides the kit's own that a stack's config may use: the engine's and the providers'. */
function knownNamespaces(): string[] {
  const providers = targetDefinitions().flatMap((definition) => definition.configNamespaces ?? []);
  return [CONFIG_NAMESPACE, "pulumi", "kubernetes", ...new Set(providers)];
}

/**
 * Keys under a namespace nothing reads, and a stack without any key of the kit's own: both mean a
 * misspelt file, which would otherwise deploy zero tenants and delete every cell.
 */
export function namespaceIssues(configKeys: readonly string[]): ConfigIssue[] {
  const known = knownNamespaces();
  const issues = configKeys
    .filter((key) => key.includes(":") && !known.includes(key.slice(0, key.indexOf(":"))))
    .map((key) => {
      const namespace = key.slice(0, key.indexOf(":"));
      const guess = closestMatch(namespace, known);
      const hint = guess ? `did you mean "${guess}"? ` : "";
      return {
        path: key,
        message: `is in the unknown config namespace "${namespace}" and would be ignored: ${hint}known namespaces are ${known.map((name) => `"${name}"`).join(", ")}`,
      };
    });
  if (!configKeys.some((key) => key.startsWith(`${CONFIG_NAMESPACE}:`))) {
    issues.push({
      path: CONFIG_NAMESPACE,
      message: `no key of this namespace is set: the stack file configures nothing of the platform; put its keys under "${CONFIG_NAMESPACE}:"`,
    });
  }
  return issues;
}
