import { list, record, text } from "../k8s";
import { containerRule, podRule } from "./pod-rule";

/** IMS001 */
export const checkPrivileged = containerRule((container) =>
  record(container["securityContext"])?.["privileged"] === true ? "privileged: true is not allowed" : undefined,
);

/** IMS002 */
export const checkHostNamespaces = podRule((spec) =>
  (["hostNetwork", "hostPID", "hostIPC"] as const)
    .filter((field) => spec[field] === true)
    .map((field) => `${field}: true is not allowed`),
);

/** IMS003 */
export const checkHostPath = podRule((spec) =>
  list(spec["volumes"])
    .map((item) => record(item) ?? {})
    .filter((volume) => volume["hostPath"] !== undefined)
    .map((volume) => `volume "${text(volume["name"]) ?? "?"}" uses hostPath`),
);

/** IMS004 */
export const checkHostPorts = containerRule((container) => {
  const ports = list(container["ports"])
    .map((item) => record(item) ?? {})
    .filter((port) => typeof port["hostPort"] === "number" && port["hostPort"] !== 0);
  return ports.length > 0
    ? `hostPort ${ports.map((port) => String(port["hostPort"])).join(", ")} is not allowed`
    : undefined;
});
