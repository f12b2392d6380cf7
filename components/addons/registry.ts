import { createRegistry } from "../core/registry";
import type { PlatformAddOn } from "../platform/addon";
import { dataTierAddOn } from "./data-tier/addon";
import { monitoringAddOn } from "./monitoring/addon";

/**
 * The platform add-ons of this version, in declaration order (dependencies reorder them). Each
 * lives in its own folder beside this file.
 */
const BUILT_IN_ADDONS: readonly PlatformAddOn[] = [dataTierAddOn, monitoringAddOn];

const registry = createRegistry(BUILT_IN_ADDONS, (addOn) => addOn.name, "add-on");

export function platformAddOns(): readonly PlatformAddOn[] {
  return registry.entries();
}

/** Adds an add-on at run time (one shipped outside this repository, or a test's); returns its removal. */
export function registerAddOn(addOn: PlatformAddOn): () => void {
  return registry.register(addOn);
}
