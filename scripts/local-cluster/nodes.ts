import { parseArgs } from "node:util";
import { definitionFor } from "../../components/targets/registry";
import { kubectl, kubectlOk } from "../local/kubectl";
import { stackFilePath } from "../synth/stack-file";
import { nodeChanges, SIMULATED_LABEL, simulatedNodes, unsizedPools, type SimulatedNode } from "./simulated-nodes";
import { loadStack } from "./stack";

const USAGE = `usage: npm run cluster -- nodes (--stack <name> | --stack-file <path>) [--dry-run]
  Creates the simulated (kwok) nodes of the stack's node pools on the local cluster, replaces
  resized ones, deletes simulated nodes no pool declares, and waits until all are Ready.`;

/** The declared pools of every target of the stack, or an error naming what is missing. */
export function stackNodes(file: string): SimulatedNode[] {
  const config = loadStack(file);
  return config.targets.flatMap((target, index) => {
    const at = config.targets.length === 1 ? ["target"] : ["targets", index, "cluster"];
    const declared = definitionFor(target.cluster).nodePools?.(target.cluster, config, { plan: target.plan, at }) ?? [];
    const pools = declared.map((entry) => entry.pool);
    const unsized = unsizedPools(pools);
    if (unsized.length > 0) {
      throw new Error(
        `target "${target.name}": pools ${unsized.join(", ")} have no declared size; set target.nodePools (nodes, cpu, memory) to simulate them`,
      );
    }
    return simulatedNodes(pools);
  });
}

interface LiveNode {
  metadata: { name: string; annotations?: Record<string, string> };
  status?: { conditions?: Array<{ type: string; status: string }> };
}

function liveNodes(): LiveNode[] {
  return (
    JSON.parse(kubectlOk(["get", "nodes", "-l", `${SIMULATED_LABEL}=true`, "-o", "json"])) as { items: LiveNode[] }
  ).items;
}

const ready = (node: LiveNode) =>
  node.status?.conditions?.some((condition) => condition.type === "Ready" && condition.status === "True") ?? false;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stack: { type: "string" },
      "stack-file": { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const file = values["stack-file"] ?? (values.stack ? stackFilePath(values.stack) : undefined);
  if (!file) throw new Error(USAGE);
  const desired = stackNodes(file);
  const { create, remove } = nodeChanges(desired, liveNodes());
  if (values["dry-run"]) {
    console.log(JSON.stringify({ apiVersion: "v1", kind: "List", items: desired }, null, 2));
    return;
  }
  if (remove.length > 0) kubectlOk(["delete", "node", "--wait=false", ...remove]);
  // Created with their status: kwok keeps the declared allocatable and reports the node Ready.
  if (create.length > 0)
    kubectlOk(["create", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "List", items: create }));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const live = liveNodes();
    const waiting = desired.filter(
      (node) => !live.some((candidate) => candidate.metadata.name === node.metadata.name && ready(candidate)),
    );
    if (waiting.length === 0) break;
    if (Date.now() > deadline) {
      const reachable = kubectl(["get", "--raw", "/healthz"]).status === 0;
      throw new Error(
        `nodes not Ready after 60 s: ${waiting.map((node) => node.metadata.name).join(", ")}${reachable ? " (is kwok running? npm run cluster -- status)" : " (the API server is unreachable)"}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(
    `simulated nodes: ${desired.length} Ready (${create.length} created, ${remove.length} removed): ${desired.map((node) => node.metadata.name).join(", ")}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
