import { PLATFORM_FACTS_OUTPUT, STACK_REFERENCE_TYPE, type PlatformFacts } from "../../components/core/platform-facts";
import { labelsOf, objectNameOf, ofKind } from "./k8s";
import { DATA_SET_LABEL } from "./labels";
import type { PlainResource } from "./types";

/**
 * What a fleet's platform stack reports to a cell stack that references it, as the reference's
 * outputs: the packs of a cell stack judge its cells against the platform they run on.
 */
export function referencedPlatformFacts(resources: readonly PlainResource[]): Partial<PlatformFacts>[] {
  return resources
    .filter((resource) => resource.type === STACK_REFERENCE_TYPE)
    .flatMap((reference) => {
      const outputs = reference.props.outputs as Record<string, unknown> | undefined;
      const facts = outputs?.[PLATFORM_FACTS_OUTPUT];
      return typeof facts === "object" && facts !== null ? [facts as Partial<PlatformFacts>] : [];
    });
}

/** The policy config key under which a cell stack's packs get its platform stack's facts. */
export const PLATFORM_FACTS_CONFIG = "platformFacts";

/** The platform stack's facts as the stack reference the rules read them from. */
export function platformReference(facts: unknown): PlainResource {
  return { type: STACK_REFERENCE_TYPE, name: "platform", props: { outputs: { [PLATFORM_FACTS_OUTPUT]: facts } } };
}

/** The namespaces of the data sets: the stack's own, by their data-set label, and its platform stack's. */
export function dataNamespaces(resources: readonly PlainResource[]): Set<string> {
  const referenced = referencedPlatformFacts(resources).flatMap((facts) =>
    Array.isArray(facts.dataNamespaces) ? facts.dataNamespaces.filter((name) => typeof name === "string") : [],
  );
  return new Set([
    ...ofKind(resources, "Namespace")
      .filter((namespace) => labelsOf(namespace.props)[DATA_SET_LABEL] !== undefined)
      .flatMap((namespace) => objectNameOf(namespace.props) ?? []),
    ...referenced,
  ]);
}
