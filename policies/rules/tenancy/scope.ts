import { kindOf, labelsOf, namespaceOf, objectNameOf, ofKind } from "../k8s";
import { NAMESPACE_NAME_LABEL, SYSTEM_NAMESPACE, TENANT_LABEL, TIER_LABEL } from "../labels";
import type { PlainResource, Props } from "../types";

export const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";

export interface TenantNamespace {
  readonly namespace: string;
  readonly tenant: string;
  readonly tier: string | undefined;
  /** Labels as the API server presents them, including kubernetes.io/metadata.name. */
  readonly labels: Record<string, string>;
  /** Resource name of the Namespace in the stack; absent when only known from a workload's labels. */
  readonly resourceName?: string;
}

/** Tenant namespace a Namespace resource declares, or undefined for system and untenanted ones. */
export function tenantNamespaceOf(type: string, props: Props, resourceName?: string): TenantNamespace | undefined {
  if (kindOf(type) !== "Namespace" || !type.startsWith("kubernetes:")) return undefined;
  const namespace = objectNameOf(props);
  const labels = labelsOf(props);
  const tenant = labels[TENANT_LABEL];
  if (!namespace || tenant === undefined || namespace === SYSTEM_NAMESPACE) return undefined;
  return {
    namespace,
    tenant,
    tier: labels[TIER_LABEL],
    labels: { ...labels, [NAMESPACE_NAME_LABEL]: namespace },
    resourceName,
  };
}

export function tenantNamespaces(resources: readonly PlainResource[]): Map<string, TenantNamespace> {
  const out = new Map<string, TenantNamespace>();
  for (const resource of ofKind(resources, "Namespace")) {
    const found = tenantNamespaceOf(resource.type, resource.props, resource.name);
    if (found) out.set(found.namespace, found);
  }
  return out;
}

/**
 * Tenant scope of a namespaced object: the stack's Namespace when it declares one, else the
 * object's own tenant labels (a namespace created outside the stack still gets checked).
 */
export function scopeOf(
  props: Props,
  namespaces: Map<string, TenantNamespace>,
  podLabels: Record<string, string> = {},
): TenantNamespace | undefined {
  const namespace = namespaceOf(props) ?? "default";
  if (namespace === SYSTEM_NAMESPACE) return undefined;
  const declared = namespaces.get(namespace);
  if (declared) return declared;
  const labels = { ...labelsOf(props), ...podLabels };
  const tenant = labels[TENANT_LABEL];
  if (tenant === undefined) return undefined;
  return { namespace, tenant, tier: labels[TIER_LABEL], labels: { [NAMESPACE_NAME_LABEL]: namespace } };
}
