import { readFileSync } from "node:fs";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { yieldToRuntime } from "../../components/core/pacing";
import { type SynthResource, synthesize } from "../synth/synthesize";
import type { FloorFigures } from "./figures";

/** A component as a bare program would declare it. */
class ReplayedComponent extends pulumi.ComponentResource {
  finish(): void {
    this.registerOutputs({});
  }
}

type CustomResourceClass = new (
  name: string,
  args: Record<string, unknown>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** The @pulumi/kubernetes class of a type token, e.g. kubernetes:apps/v1:Deployment -> k8s.apps.v1.Deployment. */
function kubernetesClass(type: string): CustomResourceClass {
  const [, path = "", kind = ""] = type.split(":");
  const [group = "", version = ""] = path.split("/");
  const moduleName = group.split(".")[0] ?? group;
  const modules = k8s as unknown as Record<string, Record<string, Record<string, CustomResourceClass>> | undefined>;
  return modules[moduleName]?.[version]?.[kind] ?? (k8s.apiextensions.CustomResource as unknown as CustomResourceClass);
}

const CELL_TYPE = "im-platform:tenancy:TenantCell";

/**
 * The floor: the synth harness (same mocks, same recording) running a bare program that
 * registers the resources a kit run recorded (same types, names, inputs, parents, provider, order
 * and pacing) with no kit logic. Reading and parsing the file happen before the clock starts.
 */
async function main(): Promise<void> {
  const [replayFile] = process.argv.slice(2);
  if (!replayFile) throw new Error("usage: run-floor.ts <replay file>");
  const recordedResources = readFileSync(replayFile, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as SynthResource);
  const count = recordedResources.length;

  const replay = async (): Promise<Record<string, never>> => {
    const parents = new Map<string, pulumi.Resource>();
    const components: ReplayedComponent[] = [];
    let provider: k8s.Provider | undefined;
    for (const recorded of recordedResources.splice(0)) {
      const parent = recorded.parent ? parents.get(recorded.parent) : undefined;
      if (recorded.type.startsWith("pulumi:providers:kubernetes")) {
        provider = new k8s.Provider(recorded.name, recorded.inputs as k8s.ProviderArgs, { parent });
        parents.set(recorded.name, provider);
      } else if (recorded.type.startsWith("kubernetes:")) {
        new (kubernetesClass(recorded.type))(recorded.name, recorded.inputs, { parent, provider });
      } else {
        // The kit hands the runtime the event loop before each cell; the floor paces the same way.
        if (recorded.type === CELL_TYPE) await yieldToRuntime();
        const component = new ReplayedComponent(recorded.type, recorded.name, {}, { parent });
        components.push(component);
        parents.set(recorded.name, component);
      }
    }
    for (const component of components) component.finish();
    return {};
  };

  const start = performance.now();
  const result = await synthesize({ values: {}, secretKeys: [] }, "bench", replay);
  const figures: FloorFigures = {
    resources: result.resources.length,
    registerMs: performance.now() - start,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  if (figures.resources !== count) throw new Error(`replayed ${figures.resources} of ${count} resources`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
