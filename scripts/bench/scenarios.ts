import { rawConfigFrom } from "../../components/stack/load";
import { readStackConfig, stackFilePath, type StackConfig } from "../synth/stack-file";

export interface Scenario {
  readonly name: string;
  readonly tenants: number;
  readonly vipShare: number;
}

/** Tenant counts the bench grows through; the all-VIP variant is the heaviest shape per tenant. */
export const SCENARIOS: readonly Scenario[] = [10, 100, 1000].flatMap((tenants) => [
  { name: `${tenants} tenants, 10% VIP`, tenants, vipShare: 0.1 },
  { name: `${tenants} tenants, all VIP`, tenants, vipShare: 1 },
]);

/** VIP cells get a quota that fits their services at maximum replicas, as a real VIP would. */
const VIP_QUOTA = { cpu: "24", memory: "48Gi", pods: 150 };

export function tenantsOf(scenario: Scenario): Array<Record<string, unknown>> {
  const vipEvery = scenario.vipShare > 0 ? Math.round(1 / scenario.vipShare) : Number.POSITIVE_INFINITY;
  return Array.from({ length: scenario.tenants }, (_, index) => {
    const id = `t${String(index).padStart(5, "0")}`;
    return index % vipEvery === 0 ? { id, tier: "vip", quota: VIP_QUOTA } : { id, tier: "shared" };
  });
}

/**
 * The local sample stack with the scenario's tenants in place of its own, on a cluster whose
 * pools are not sized (the sample's are sized for its own three tenants).
 */
export function scenarioConfig(scenario: Scenario): StackConfig {
  const base = rawConfigFrom(readStackConfig(stackFilePath("local")).values);
  const { nodePools: _sized, ...target } = base.target as Record<string, unknown>;
  const raw = { ...base, target: { ...target, sharedNodePool: true }, tenants: tenantsOf(scenario) };
  const values = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      `im-platform:${key}`,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
  return { values, secretKeys: [] };
}
