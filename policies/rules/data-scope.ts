import { labelsOf, objectNameOf, ofKind } from "./k8s";
import { DATA_SET_LABEL } from "./labels";
import type { PlainResource } from "./types";

/** The namespaces of the stack's data sets, by their data-set label. */
export function dataNamespaces(resources: readonly PlainResource[]): Set<string> {
  return new Set(
    ofKind(resources, "Namespace")
      .filter((namespace) => labelsOf(namespace.props)[DATA_SET_LABEL] !== undefined)
      .flatMap((namespace) => objectNameOf(namespace.props) ?? []),
  );
}
