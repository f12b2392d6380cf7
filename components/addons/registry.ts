import type { PlatformAddOn } from "../platform/addon";

/**
 * The platform add-ons of this version, in declaration order (dependencies reorder them). Each
 * lives in its own folder beside this file.
 */
const BUILT_IN_ADDONS: readonly PlatformAddOn[] = [];

const registered: PlatformAddOn[] = [...BUILT_IN_ADDONS];

export function platformAddOns(): readonly PlatformAddOn[] {
  return registered;
}

/** Adds an add-on at run time (one shipped outside this repository, or a test's); returns its removal. */
export function registerAddOn(addOn: PlatformAddOn): () => void {
  if (registered.some((known) => known.name === addOn.name))
    throw new Error(`add-on "${addOn.name}" is already registered`);
  registered.push(addOn);
  return () => {
    const index = registered.indexOf(addOn);
    if (index >= 0) registered.splice(index, 1);
  };
}
