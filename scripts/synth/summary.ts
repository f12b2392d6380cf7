import type { SynthResource, SynthResult } from "./synthesize";

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function namespaceOf(resource: SynthResource): string | undefined {
  const metadata = resource.inputs.metadata as { namespace?: string; name?: string } | undefined;
  if (resource.type === "kubernetes:core/v1:Namespace") return metadata?.name;
  return metadata?.namespace;
}

/** A readable account of a synth: resources by type, then by namespace, then the stack outputs. */
export function summarize(result: SynthResult, stack: string): string {
  const lines: string[] = [];
  lines.push(`stack ${stack}: ${result.resources.length} resources`);
  lines.push("", "by type:");
  const byType = [...countBy(result.resources, (r) => r.type)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [type, count] of byType) lines.push(`  ${String(count).padStart(5)}  ${type}`);

  const outputs = result.outputs as {
    tenantNamespaces?: Record<string, string>;
    tenantTiers?: Record<string, string>;
    edgeEndpoints?: unknown;
  };
  const namespaced = result.resources.filter((r) => r.type.startsWith("kubernetes:"));
  const byNamespace = countBy(namespaced, (r) => namespaceOf(r) ?? "(cluster-scoped)");
  lines.push("", "per tenant:");
  for (const [tenant, namespace] of Object.entries(outputs.tenantNamespaces ?? {})) {
    const tier = outputs.tenantTiers?.[tenant] ?? "?";
    lines.push(
      `  ${tenant.padEnd(20)} ${tier.padEnd(7)} ${namespace.padEnd(24)} ${byNamespace.get(namespace) ?? 0} objects in its cell`,
    );
  }
  lines.push("", "per namespace:");
  for (const [namespace, count] of [...byNamespace].sort()) lines.push(`  ${String(count).padStart(5)}  ${namespace}`);
  lines.push(
    "",
    "outputs:",
    JSON.stringify(result.outputs, null, 2)
      .split("\n")
      .map((line) => `  ${line}`)
      .join("\n"),
  );
  return lines.join("\n");
}
