import { list, record, text } from "../k8s";
import type { Props } from "../types";
import { containerRule } from "./pod-rule";

function contextOf(props: Props): Props {
  return record(props["securityContext"]) ?? {};
}

/** IMS005: container setting wins over the pod's, as in the kubelet. */
export const checkRunAsNonRoot = containerRule((container, pod) => {
  const own = contextOf(container);
  const podContext = contextOf(pod);
  const nonRoot = own["runAsNonRoot"] ?? podContext["runAsNonRoot"];
  const user = own["runAsUser"] ?? podContext["runAsUser"];
  if (user === 0) return "runAsUser is 0 (root)";
  return nonRoot === true ? undefined : "runAsNonRoot must be true (container or pod securityContext)";
});

/** IMS006 */
export const checkPrivilegeEscalation = containerRule((container) =>
  contextOf(container)["allowPrivilegeEscalation"] === false ? undefined : "allowPrivilegeEscalation must be false",
);

/** Restricted PSA lets a container add back only this one. */
const ADDABLE = ["NET_BIND_SERVICE"];

/** IMS007 */
export const checkCapabilities = containerRule((container) => {
  const capabilities = record(contextOf(container)["capabilities"]) ?? {};
  const dropped = list(capabilities["drop"]).map(String);
  const added = list(capabilities["add"])
    .map(String)
    .filter((cap) => !ADDABLE.includes(cap));
  if (!dropped.includes("ALL")) return "capabilities.drop must include ALL";
  return added.length > 0 ? `capabilities.add ${added.join(", ")} is not allowed` : undefined;
});

const SECCOMP_ALLOWED = ["RuntimeDefault", "Localhost"];

/** IMS008: a container profile overrides the pod's. */
export const checkSeccomp = containerRule((container, pod) => {
  const profile =
    text(record(contextOf(container)["seccompProfile"])?.["type"]) ??
    text(record(contextOf(pod)["seccompProfile"])?.["type"]);
  return profile && SECCOMP_ALLOWED.includes(profile)
    ? undefined
    : `seccompProfile.type is ${profile ?? "unset"}; must be RuntimeDefault (pod or container)`;
});

/** IMS009 */
export const checkReadOnlyRoot = containerRule((container) =>
  contextOf(container)["readOnlyRootFilesystem"] === true ? undefined : "readOnlyRootFilesystem should be true",
);
