import { record } from "../k8s";
import { containerRule } from "./pod-rule";

const NEEDED = ["cpu", "memory"] as const;

/** IMS010: without requests the scheduler overpacks a node; without limits one tenant starves the rest. */
export const checkResources = containerRule((container) => {
  const resources = record(container["resources"]) ?? {};
  const missing = (["requests", "limits"] as const).flatMap((kind) =>
    NEEDED.filter((resource) => record(resources[kind])?.[resource] === undefined).map(
      (resource) => `${kind}.${resource}`,
    ),
  );
  return missing.length > 0 ? `resources missing ${missing.join(", ")}` : undefined;
});
