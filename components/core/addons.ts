import type * as pulumi from "@pulumi/pulumi";

/** A named piece of the platform that other pieces may declare they need. */
export interface AddOn<Context> {
  /** Unique among the add-ons deployed together; what `dependsOn` refers to. */
  readonly name: string;
  /** Add-ons whose resources must exist before this one's. @default [] */
  readonly dependsOn?: readonly string[];
  /** Creates the add-on's resources; `after` holds the resources of the add-ons it depends on. */
  deploy(context: Context, after: readonly pulumi.Resource[]): readonly pulumi.Resource[];
}

/**
 * The add-ons in an order where each comes after everything it depends on, otherwise in the
 * order given. Refuses duplicate names, unknown dependencies and cycles, naming them.
 */
export function orderAddOns<A extends Pick<AddOn<unknown>, "name" | "dependsOn">>(addOns: readonly A[]): A[] {
  const byName = new Map<string, A>();
  for (const addOn of addOns) {
    if (byName.has(addOn.name)) throw new Error(`add-on "${addOn.name}" is given twice; add-on names must be unique`);
    byName.set(addOn.name, addOn);
  }
  for (const addOn of addOns) {
    for (const dependency of addOn.dependsOn ?? []) {
      if (!byName.has(dependency))
        throw new Error(
          `add-on "${addOn.name}" depends on "${dependency}", which is not deployed; add it or drop the dependency`,
        );
    }
  }
  const ordered: A[] = [];
  const placed = new Set<string>();
  while (ordered.length < addOns.length) {
    const next = addOns.find(
      (addOn) => !placed.has(addOn.name) && (addOn.dependsOn ?? []).every((dependency) => placed.has(dependency)),
    );
    if (!next) {
      const stuck = addOns.filter((addOn) => !placed.has(addOn.name)).map((addOn) => addOn.name);
      throw new Error(
        `add-ons ${stuck.map((name) => `"${name}"`).join(", ")} depend on each other in a cycle; break it`,
      );
    }
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

/** Deploys add-ons in dependency order; returns each with its resources, in that order. */
export function deployAddOns<Context, A extends AddOn<Context>>(
  addOns: readonly A[],
  context: Context,
): Array<{ readonly addOn: A; readonly resources: readonly pulumi.Resource[] }> {
  const deployed = new Map<string, readonly pulumi.Resource[]>();
  return orderAddOns(addOns).map((addOn) => {
    const after = (addOn.dependsOn ?? []).flatMap((dependency) => deployed.get(dependency) ?? []);
    const resources = addOn.deploy(context, after);
    deployed.set(addOn.name, resources);
    return { addOn, resources };
  });
}
