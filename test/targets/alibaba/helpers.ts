import type * as pulumi from "@pulumi/pulumi";
import { alibabaId } from "../../../components/targets/alibaba/mocks";
import type { SynthResource } from "../../../scripts/synth/synthesize";
import { sampleRawConfig } from "../../helpers/stack";

export type Raw = Record<string, any>;

/** An Alibaba sample stack's `im-platform:` keys as plain values, for tests to vary. */
export function alibabaRawConfig(stack: "alibaba-dev" | "alibaba-prod"): Raw {
  return sampleRawConfig(stack);
}

export function ofKind(resources: readonly SynthResource[], type: string): any[] {
  return resources.filter((r) => r.type === type).map((r) => r.inputs as any);
}

export function only(resources: readonly SynthResource[], type: string): any {
  const found = ofKind(resources, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The id the mocks gave a resource, as the resources that reference it received it. */
export function idOf(resource: SynthResource): string {
  const id = alibabaId({
    type: resource.type,
    name: resource.name,
    inputs: resource.inputs,
  } as pulumi.runtime.MockResourceArgs);
  if (!id) throw new Error(`no mock id for ${resource.type}`);
  return id;
}
