import { EXPOSED_SERVICE_TYPES, labelsOf, namespaceOf, ofKind, specOf, text } from "../k8s";
import { EDGE_LABEL } from "../labels";
import { at, type PlainResource, type StackViolation } from "../types";
import { scopeOf, tenantNamespaces } from "./scope";

/** IMT009: only the platform edge exposes a tenant namespace outside the cluster. */
export function checkExternalServices(resources: readonly PlainResource[]): StackViolation[] {
  const namespaces = tenantNamespaces(resources);
  return ofKind(resources, "Service")
    .filter((service) => scopeOf(service.props, namespaces) !== undefined)
    .filter(
      (service) =>
        EXPOSED_SERVICE_TYPES.includes(text(specOf(service.props)["type"]) ?? "") &&
        labelsOf(service.props)[EDGE_LABEL] !== "true",
    )
    .map((service) => ({
      ...at(service),
      message: `Service of type ${text(specOf(service.props)["type"]) ?? ""} in tenant namespace "${namespaceOf(service.props) ?? "default"}" without ${EDGE_LABEL}: "true"`,
    }));
}
