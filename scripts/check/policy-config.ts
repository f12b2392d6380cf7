import { readFileSync } from "node:fs";
import type { Level, RulePack } from "../../policies/rules/types";

/** Policy name to the level it runs at for this stack. */
export type LevelOverrides = ReadonlyMap<string, Level>;

const LEVELS: readonly Level[] = ["advisory", "mandatory", "disabled"];

function asLevel(value: unknown, policy: string): Level {
  if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new Error(
    `policy config for "${policy}": enforcementLevel ${JSON.stringify(value)} is not one of ${LEVELS.join(", ")}`,
  );
}

/**
 * Reads Pulumi's policy config shape: {"<policy>": "<level>" | {"enforcementLevel": "<level>", ...}}.
 * Unknown policy names are an error, so a typo cannot silently leave a policy at its default.
 */
export function parsePolicyConfig(document: unknown, packs: readonly RulePack[]): LevelOverrides {
  if (typeof document !== "object" || document === null || Array.isArray(document))
    throw new Error("policy config must be a JSON object keyed by policy name");
  const known = new Set(packs.flatMap((pack) => pack.rules.map((rule) => rule.name)));
  const out = new Map<string, Level>();
  for (const [policy, value] of Object.entries(document)) {
    if (policy === "all") {
      for (const name of known)
        out.set(
          name,
          asLevel(
            typeof value === "object" && value !== null
              ? (value as Record<string, unknown>)["enforcementLevel"]
              : value,
            policy,
          ),
        );
      continue;
    }
    if (!known.has(policy))
      throw new Error(`policy config names unknown policy "${policy}"; known: ${[...known].sort().join(", ")}`);
    if (typeof value === "string") out.set(policy, asLevel(value, policy));
    else if (typeof value === "object" && value !== null && "enforcementLevel" in value)
      out.set(policy, asLevel((value as Record<string, unknown>)["enforcementLevel"], policy));
  }
  return out;
}

export function readPolicyConfig(file: string, packs: readonly RulePack[]): LevelOverrides {
  return parsePolicyConfig(JSON.parse(readFileSync(file, "utf8")) as unknown, packs);
}
