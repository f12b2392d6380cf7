import { clusterOf, providerNameOf, type PlainResource } from "../../policies/rules/types";
import type { SynthResource } from "../synth/synthesize";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Providers configure the engine, not the cluster; no rule reads them. */
function isProvider(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

export function fromSynth(resources: readonly SynthResource[]): PlainResource[] {
  return resources
    .filter((r) => !isProvider(r.type))
    .map((r) => ({
      type: r.type,
      name: r.name,
      props: r.inputs,
      cluster: clusterOf(r.type, providerNameOf(r.provider)),
    }));
}

/** `pulumi stack export`: custom resources only, named by the URN's last segment. */
function fromDeployment(resources: unknown[]): PlainResource[] {
  return resources.filter(isRecord).flatMap((r) => {
    const type = typeof r["type"] === "string" ? r["type"] : "";
    const urn = typeof r["urn"] === "string" ? r["urn"] : "";
    if (r["custom"] !== true || isProvider(type) || type === "pulumi:pulumi:Stack") return [];
    const inputs = isRecord(r["inputs"]) && Object.keys(r["inputs"]).length > 0 ? r["inputs"] : undefined;
    const props = inputs ?? (isRecord(r["outputs"]) ? r["outputs"] : {});
    const provider = typeof r["provider"] === "string" ? r["provider"] : undefined;
    return [{ type, name: urn.split("::").pop() ?? urn, props, cluster: clusterOf(type, providerNameOf(provider)) }];
  });
}

/** Accepts the kit's synth JSON or a Pulumi deployment export. */
export function parseResourceDocument(document: unknown): PlainResource[] {
  if (!isRecord(document)) throw new Error("resource file must hold a JSON object");
  const deployment = document["deployment"];
  if (isRecord(deployment))
    return fromDeployment(Array.isArray(deployment["resources"]) ? deployment["resources"] : []);
  const resources = document["resources"];
  if (Array.isArray(resources)) {
    return fromSynth(
      resources.filter(isRecord).map((r) => ({
        type: typeof r["type"] === "string" ? r["type"] : "",
        name: typeof r["name"] === "string" ? r["name"] : "",
        inputs: isRecord(r["inputs"]) ? r["inputs"] : {},
        ...(typeof r["provider"] === "string" ? { provider: r["provider"] } : {}),
      })),
    );
  }
  throw new Error("resource file is neither synth output ({resources}) nor a stack export ({deployment: {resources}})");
}
