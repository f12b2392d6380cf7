import { dataNamespaces } from "../data-scope";
import {
  annotationsOf,
  EXPOSED_SERVICE_TYPES,
  labelsOf,
  list,
  namespaceOf,
  objectNameOf,
  ofKind,
  record,
  specOf,
  text,
} from "../k8s";
import { annotationKeys, BINDING_FOR_LABEL, CELL_DATA_SECRET } from "../labels";
import { at, type PlainResource, type Props, type StackViolation } from "../types";

/** Shortest reason accepted for a plaintext connection: a sentence, not a placeholder. */
const MIN_REASON = 10;

/** IMS013: nothing of a data namespace is reachable from outside the cluster. */
export function checkDataExposure(resources: readonly PlainResource[]): StackViolation[] {
  const namespaces = dataNamespaces(resources);
  const inData = (resource: PlainResource) => namespaces.has(namespaceOf(resource.props) ?? "default");
  const services = ofKind(resources, "Service")
    .filter(inData)
    .flatMap((service) => {
      const spec = specOf(service.props);
      const type = text(spec["type"]) ?? "ClusterIP";
      const exposed = EXPOSED_SERVICE_TYPES.includes(type) || list(spec["externalIPs"]).length > 0;
      return exposed
        ? [
            {
              ...at(service),
              message: `data Service "${objectNameOf(service.props) ?? service.name}" is ${type}${list(spec["externalIPs"]).length > 0 ? " with externalIPs" : ""}; data services stay ClusterIP`,
            },
          ]
        : [];
    });
  const policies = ofKind(resources, "NetworkPolicy")
    .filter(inData)
    .flatMap((policy) => {
      const ranges = list(specOf(policy.props)["ingress"]).flatMap((rule) =>
        list(record(rule)?.["from"]).flatMap((peer) => text(record(record(peer)?.["ipBlock"])?.["cidr"]) ?? []),
      );
      return ranges.length > 0
        ? [
            {
              ...at(policy),
              message: `NetworkPolicy admits ${ranges.join(", ")} into a data namespace; admit cell namespaces only`,
            },
          ]
        : [];
    });
  return [...services, ...policies];
}

/** IMS014: each plaintext data connection of a cell is declared, with why it is accepted. */
export function checkDataPlaintext(type: string, props: Props): string[] {
  if (!type.endsWith("core/v1:Secret") || objectNameOf(props) !== CELL_DATA_SECRET) return [];
  if (labelsOf(props)[BINDING_FOR_LABEL] === undefined) return [];
  const declared = annotationsOf(props)[annotationKeys.plaintext];
  if (declared === undefined)
    return [`cell data Secret lacks ${annotationKeys.plaintext}: declare its plaintext connections, {} when none`];
  let reasons: Props | undefined;
  try {
    reasons = record(JSON.parse(declared));
  } catch {
    reasons = undefined;
  }
  if (!reasons) return [`${annotationKeys.plaintext} is not a JSON object of data service -> reason`];
  return Object.entries(reasons)
    .filter(([, reason]) => (text(reason)?.trim().length ?? 0) < MIN_REASON)
    .map(
      ([kind]) =>
        `${kind} runs without TLS and without a reason; connect over TLS, or give one (data.external.${kind}.plaintextReason)`,
    );
}

/**
 * IMS015: where the stack declares StorageClasses (its target's, which the cloud rules hold to
 * encryption with the stack's keys), every data volume uses one of them, never the cluster's
 * default. On an existing cluster the stack declares none and the class is the operator's.
 */
export function checkDataVolumeClasses(resources: readonly PlainResource[]): StackViolation[] {
  const classes = new Set(ofKind(resources, "StorageClass").flatMap((sc) => objectNameOf(sc.props) ?? []));
  if (classes.size === 0) return [];
  const namespaces = dataNamespaces(resources);
  return ofKind(resources, "StatefulSet")
    .filter((set) => namespaces.has(namespaceOf(set.props) ?? "default"))
    .flatMap((set) =>
      list(specOf(set.props)["volumeClaimTemplates"]).flatMap((template) => {
        const className = text(record(record(template)?.["spec"])?.["storageClassName"]);
        if (className && classes.has(className)) return [];
        return [
          {
            ...at(set),
            message: `data volume of "${objectNameOf(set.props) ?? set.name}" uses ${className ? `StorageClass "${className}", which the stack does not declare` : "the cluster's default StorageClass"}; use the target's (${[...classes].sort().join(", ")}), whose keys encrypt it`,
          },
        ];
      }),
    );
}
