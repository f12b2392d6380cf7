import { ALL_PACKS } from "../../policies/rules/packs";
import type { PlainResource, Props, RuleDef } from "../../policies/rules/types";
import { runPacks, type Finding } from "../../scripts/check/run";

export function ruleNamed(name: string): RuleDef {
  const rule = ALL_PACKS.flatMap((pack) => pack.rules).find((candidate) => candidate.name === name);
  if (!rule) throw new Error(`no policy named ${name}`);
  return rule;
}

/** Findings of one policy, through the same runner `npm run check` uses. */
export function findingsOf(policy: string, resources: readonly PlainResource[]): Finding[] {
  return runPacks(resources, ALL_PACKS).filter((finding) => finding.policy === policy);
}

export function messagesOf(policy: string, resources: readonly PlainResource[]): string[] {
  return findingsOf(policy, resources).map((finding) => finding.message);
}

/** One violating case of a cloud rule: the policy, what breaks it, and the message expected. */
export interface RuleCase {
  readonly policy: string;
  readonly title: string;
  readonly type: string;
  readonly props: Props;
  readonly expected: RegExp;
}

/** A compliant fixture with some properties changed. */
export const patched = (base: () => Props, patch: Props): Props => ({ ...base(), ...patch });
