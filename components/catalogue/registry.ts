import type { CatalogueDefinition } from "./definition";
import { openImCatalogue } from "./openim";

/** A catalogue of no services: every service comes from the stack's `services`, and no data is bound. */
const emptyCatalogue: CatalogueDefinition = {
  name: "none",
  description: "No base services: every service comes from `services`.",
  tenancyModel: "multiTenant",
  entries: [],
  dataNeeds: [],
  queues: [],
};

export const CATALOGUES = { openim: openImCatalogue, none: emptyCatalogue } as const;
export type CatalogueName = keyof typeof CATALOGUES;
