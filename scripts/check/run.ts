import { checkPerCluster, type Level, type PlainResource, type RulePack } from "../../policies/rules/types";
import type { LevelOverrides } from "./policy-config";

export interface Finding {
  readonly pack: string;
  readonly policy: string;
  readonly id: string;
  readonly level: Exclude<Level, "disabled">;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly message: string;
}

/** Runs every enabled rule of the packs over the resources, as the engine would at preview. */
export function runPacks(
  resources: readonly PlainResource[],
  packs: readonly RulePack[],
  overrides: LevelOverrides = new Map(),
): Finding[] {
  const typeOf = new Map(resources.map((r) => [r.name, r.type] as const));
  const findings: Finding[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const level = overrides.get(rule.name) ?? rule.enforcementLevel;
      if (level === "disabled") continue;
      const base = { pack: pack.name, policy: rule.name, id: rule.id, level };
      if (rule.kind === "resource") {
        for (const resource of resources) {
          for (const message of rule.check(resource.type, resource.props)) {
            findings.push({ ...base, resourceType: resource.type, resourceName: resource.name, message });
          }
        }
      } else {
        for (const violation of checkPerCluster(rule.check, resources)) {
          findings.push({
            ...base,
            resourceType: violation.resourceType ?? typeOf.get(violation.resourceName) ?? "(stack)",
            resourceName: violation.resourceName,
            message: violation.message,
          });
        }
      }
    }
  }
  return findings;
}

export function hasMandatory(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.level === "mandatory");
}
