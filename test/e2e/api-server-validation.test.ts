import { describe, expect, it } from "vitest";
import { kubectl, kubectlOk } from "../../scripts/local/kubectl";
import { kubernetesManifests, type Manifest } from "../../scripts/manifests/render";
import { readStackConfig, sampleStacks, stackFilePath } from "../../scripts/synth/stack-file";
import { synthesize } from "../../scripts/synth/synthesize";

const STACKS = sampleStacks();

const DRY_RUN = [
  "apply",
  "--server-side",
  "--dry-run=server",
  "--validate=strict",
  "--field-manager=im-platform-validation",
  "-f",
  "-",
];

const asList = (items: readonly Manifest[]) => JSON.stringify({ apiVersion: "v1", kind: "List", items });

/**
 * The second net under config validation: every Kubernetes object every sample stack renders,
 * offered to the real API server with a server-side dry run and strict field validation. Kinds
 * of operators the local control plane does not serve (KEDA, cloud load balancer controllers) are
 * counted, not judged.
 */
describe.each(STACKS)("the %s stack's Kubernetes objects", (stack) => {
  it("are all accepted by the API server (server-side dry run, strict field validation)", async () => {
    const manifests = kubernetesManifests((await synthesize(readStackConfig(stackFilePath(stack)), stack)).resources);
    expect(manifests.length).toBeGreaterThan(20);
    const served = new Set(
      kubectlOk(["api-resources", "-o", "wide", "--no-headers"])
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .filter((columns) => columns.length >= 4)
        .map((columns) => {
          // NAME SHORTNAMES? APIVERSION NAMESPACED KIND VERBS...: the kind follows the namespaced flag.
          const index = columns.findIndex((column) => column === "true" || column === "false");
          return `${columns[index - 1]}/${columns[index + 1]}`;
        }),
    );
    const judged = manifests.filter((manifest) => served.has(`${manifest.apiVersion}/${manifest.kind}`));
    const unserved = manifests.filter((manifest) => !served.has(`${manifest.apiVersion}/${manifest.kind}`));
    console.log(
      `${stack}: ${judged.length} objects dry-run; not served here: ${[...new Set(unserved.map((m) => `${m.apiVersion}/${m.kind}`))].join(", ") || "none"}`,
    );

    // Namespaced objects need their namespace to exist, even in a dry run: create the stack's for real, then remove them.
    const existing = new Set(
      kubectlOk(["get", "namespaces", "-o", "name"])
        .split("\n")
        .map((line) => line.replace("namespace/", "")),
    );
    const declared = judged.filter((manifest) => manifest.kind === "Namespace");
    // And the namespaces a managed cluster brings itself (GKE's gmp-public), where the stack writes objects.
    const provided = [...new Set(judged.flatMap((manifest) => manifest.metadata.namespace ?? []))]
      .filter((name) => !existing.has(name) && !declared.some((namespace) => namespace.metadata.name === name))
      .map((name): Manifest => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }));
    const namespaces = [...declared, ...provided];
    const created = namespaces.filter((namespace) => !existing.has(namespace.metadata.name ?? ""));
    kubectlOk(["apply", "--server-side", "--field-manager=im-platform-validation", "-f", "-"], asList(namespaces));
    try {
      const rest = judged.filter((manifest) => manifest.kind !== "Namespace");
      const result = kubectl(DRY_RUN, asList(rest));
      expect(result.stderr, result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout.trim().split("\n")).toHaveLength(rest.length);
    } finally {
      if (created.length > 0)
        kubectlOk(["delete", "namespace", "--wait=true", ...created.map((namespace) => namespace.metadata.name ?? "")]);
    }
  });
});

describe("the dry run itself", () => {
  it("refuses the objects config validation exists to stop (an HPA at 0, a port given twice, an unknown field)", () => {
    const objects: Manifest[] = [
      {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "zero", namespace: "default" },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "x" },
          minReplicas: 0,
          maxReplicas: 3,
        },
      },
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "twice", namespace: "default" },
        spec: {
          ports: [
            { name: "a", port: 80, protocol: "TCP" },
            { name: "b", port: 80, protocol: "TCP" },
          ],
          selector: { app: "x" },
        },
      },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "extra", namespace: "default" }, dataa: {} },
    ];
    const expected = [/minReplicas/, /duplicate entries for key \[port=80,protocol="TCP"\]/, /dataa/];
    objects.forEach((object, index) => {
      const result = kubectl(DRY_RUN, asList([object]));
      expect(result.status, object.kind).not.toBe(0);
      expect(result.stderr).toMatch(expected[index]!);
    });
  });
});
