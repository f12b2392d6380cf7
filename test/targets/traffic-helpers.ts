import { loadStackConfig } from "../../components/stack/load";
import { trafficSchema } from "../../components/config/traffic-schema";
import type { TrafficEndpoint, TrafficRecord } from "../../components/targets/capabilities";
import { definitionFor } from "../../components/targets/registry";
import { readStackConfig, stackFilePath } from "../../scripts/synth/stack-file";
import { synthesize, type SynthResource } from "../../scripts/synth/synthesize";

export interface Published {
  readonly resources: SynthResource[];
  /** Whether the built target offered the `dns` capability. */
  readonly offered: boolean;
  readonly zone?: string;
}

/**
 * Builds a sample stack's single target under the synth's strict mocks with `traffic` set (its
 * publisher named), then publishes the records through the target's `dns`, where it offers one.
 */
export async function publishOn(
  stack: string,
  publisher: string,
  records: readonly TrafficRecord[],
): Promise<Published> {
  let offered = false;
  let zone: string | undefined;
  const { resources } = await synthesize(readStackConfig(stackFilePath(stack)), stack, () => {
    const config = loadStackConfig();
    const planned = config.targets[0]!;
    const traffic = trafficSchema.parse({ zone: "im.example.com", publisher });
    const target = definitionFor(planned.cluster).build(`${planned.name}-cluster`, {
      plan: planned.plan,
      cluster: planned.cluster,
      platform: { ...config, traffic },
    });
    offered = target.dns !== undefined;
    zone = target.dns?.zone;
    for (const record of records) target.dns?.publish(record, {});
  });
  return { resources, offered, ...(zone ? { zone } : {}) };
}

const endpoint = (
  target: string,
  address: string,
  addressKind: TrafficEndpoint["addressKind"],
  role: TrafficEndpoint["role"],
  weight = 0,
): TrafficEndpoint => ({ target, address, addressKind, role, weight });

/** Failover between an on-prem IP (home) and a cloud edge (standby) addressed as `standbyKind`. */
export function failoverRecord(standbyKind: TrafficEndpoint["addressKind"]): TrafficRecord {
  return {
    name: "traffic-acme-gateway",
    hostname: "acme-ws.im.example.com",
    tenant: "acme",
    role: "gateway",
    routing: "failover",
    ttlSeconds: 20,
    healthCheck: { protocol: "TCP", port: 10001, intervalSeconds: 10, failureThreshold: 2, timeoutSeconds: 5 },
    endpoints: [
      endpoint("onprem", "203.0.113.10", "ip", "primary"),
      endpoint(
        "main",
        standbyKind === "ip" ? "198.51.100.20" : "acme-edge-0123.elb.eu-west-1.amazonaws.com",
        standbyKind,
        "secondary",
      ),
    ],
  };
}

/** A shared tenant's API spread 70/30 over two targets, both addressed as `kind`, probed over HTTPS. */
export function weightedRecord(kind: TrafficEndpoint["addressKind"]): TrafficRecord {
  const address = (n: number) => (kind === "ip" ? `192.0.2.${n}` : `edge-${n}.lb.example.net`);
  return {
    name: "traffic-shared-api",
    hostname: "shared-api.im.example.com",
    tenant: "shared",
    role: "api",
    routing: "weighted",
    ttlSeconds: 30,
    healthCheck: {
      protocol: "HTTPS",
      port: 443,
      path: "/healthz",
      intervalSeconds: 30,
      failureThreshold: 3,
      timeoutSeconds: 7,
    },
    endpoints: [
      endpoint("onprem", address(1), kind, "weighted", 70),
      endpoint("main", address(2), kind, "weighted", 30),
    ],
  };
}

export const ofType = (resources: readonly SynthResource[], type: string): SynthResource[] =>
  resources.filter((resource) => resource.type === type);

export const namedIn = (resources: readonly SynthResource[], type: string, name: string): Record<string, any> => {
  const found = resources.find((resource) => resource.type === type && resource.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}: ${ofType(resources, type)
        .map((resource) => resource.name)
        .join(", ")}`,
    );
  return found.inputs;
};
