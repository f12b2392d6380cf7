import { securityPack } from "./security";
import { tenancyPack } from "./tenancy";
import type { RulePack } from "./types";

export { securityPack, tenancyPack };
export const ALL_PACKS: readonly RulePack[] = [tenancyPack, securityPack];
