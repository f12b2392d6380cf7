import type * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { imageTag } from "../../policies/rules/security/images";
import { securityPack } from "../../policies/rules/security";
import type { PlainResource } from "../../policies/rules/types";
import {
  container,
  deployment,
  namespaceOf,
  pdb,
  platform,
  podSpec,
  replace,
  resource,
  secureContext,
  TYPES,
} from "./fixtures";
import { findingsOf, messagesOf, ruleNamed } from "./helpers";

type PodSpec = k8s.types.input.core.v1.PodSpec;

interface Case {
  readonly policy: string;
  readonly title: string;
  readonly pod: Partial<PodSpec>;
  readonly expected: RegExp;
}

const withContext = (overrides: Parameters<typeof secureContext>[0]): Partial<PodSpec> => ({
  containers: [container({ securityContext: secureContext(overrides) })],
});

const cases: Case[] = [
  {
    policy: "no-privileged-containers",
    title: "privileged",
    pod: withContext({ privileged: true }),
    expected: /container "app": privileged: true is not allowed/,
  },
  {
    policy: "no-privileged-containers",
    title: "privileged init container",
    pod: { initContainers: [container({ name: "init", securityContext: secureContext({ privileged: true }) })] },
    expected: /container "init": privileged/,
  },
  {
    policy: "no-host-namespaces",
    title: "hostNetwork",
    pod: { hostNetwork: true },
    expected: /hostNetwork: true is not allowed/,
  },
  { policy: "no-host-namespaces", title: "hostPID", pod: { hostPID: true }, expected: /hostPID: true/ },
  { policy: "no-host-namespaces", title: "hostIPC", pod: { hostIPC: true }, expected: /hostIPC: true/ },
  {
    policy: "no-host-path-volumes",
    title: "hostPath",
    pod: { volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] },
    expected: /volume "docker" uses hostPath/,
  },
  {
    policy: "no-host-ports",
    title: "hostPort",
    pod: { containers: [container({ ports: [{ containerPort: 8080, hostPort: 80 }] })] },
    expected: /hostPort 80 is not allowed/,
  },
  {
    policy: "run-as-non-root",
    title: "runAsNonRoot unset everywhere",
    pod: {
      securityContext: {},
      containers: [container({ securityContext: secureContext({ runAsNonRoot: undefined }) })],
    },
    expected: /runAsNonRoot must be true/,
  },
  {
    policy: "run-as-non-root",
    title: "runAsUser 0",
    pod: withContext({ runAsUser: 0 }),
    expected: /runAsUser is 0 \(root\)/,
  },
  {
    policy: "no-privilege-escalation",
    title: "escalation allowed",
    pod: withContext({ allowPrivilegeEscalation: true }),
    expected: /allowPrivilegeEscalation must be false/,
  },
  {
    policy: "drop-all-capabilities",
    title: "nothing dropped",
    pod: withContext({ capabilities: { drop: ["NET_RAW"] } }),
    expected: /capabilities.drop must include ALL/,
  },
  {
    policy: "drop-all-capabilities",
    title: "SYS_ADMIN added",
    pod: withContext({ capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } }),
    expected: /capabilities.add SYS_ADMIN is not allowed/,
  },
  {
    policy: "seccomp-runtime-default",
    title: "no profile anywhere",
    pod: {
      securityContext: { runAsNonRoot: true },
      containers: [container({ securityContext: secureContext({ seccompProfile: undefined }) })],
    },
    expected: /seccompProfile.type is unset/,
  },
  {
    policy: "seccomp-runtime-default",
    title: "container Unconfined overrides pod",
    pod: withContext({ seccompProfile: { type: "Unconfined" } }),
    expected: /seccompProfile.type is Unconfined/,
  },
  {
    policy: "read-only-root-filesystem",
    title: "writable root",
    pod: withContext({ readOnlyRootFilesystem: false }),
    expected: /readOnlyRootFilesystem should be true/,
  },
  {
    policy: "resource-requests-and-limits",
    title: "no limits",
    pod: { containers: [container({ resources: { requests: { cpu: "100m", memory: "128Mi" } } })] },
    expected: /resources missing limits.cpu, limits.memory/,
  },
  {
    policy: "resource-requests-and-limits",
    title: "no memory request",
    pod: { containers: [container({ resources: { requests: { cpu: "100m" }, limits: { cpu: "1", memory: "1Gi" } } })] },
    expected: /resources missing requests.memory/,
  },
  {
    policy: "pinned-images",
    title: ":latest",
    pod: { containers: [container({ image: "openim/openim-api:latest" })] },
    expected: /uses :latest/,
  },
  {
    policy: "pinned-images",
    title: "no tag",
    pod: { containers: [container({ image: "registry.local:5000/openim/api" })] },
    expected: /has no tag/,
  },
];

function withPod(pod: Partial<PodSpec>): PlainResource[] {
  return replace(
    platform(),
    "acme-api",
    resource(TYPES.deployment, "acme-api", deployment({ tenant: "acme", tier: "vip", pod })),
  );
}

describe("security pack", () => {
  it("every policy has a kebab-case name, a rule id in its description and a case here", () => {
    // Cloud rules (IMS101, ...) are held to the same standard by their own test files.
    for (const rule of securityPack.rules.filter((candidate) => candidate.id.startsWith("IMS"))) {
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.id).toMatch(/^IMS\d{3}$/);
      expect(rule.description.startsWith(`${rule.id}: `)).toBe(true);
      // Cloud rules (IMS1xx AWS, IMS2xx Azure, IMS3xx GCP) have their own suites under test/policies.
      const workloadRule = /^IMS0/.test(rule.id);
      expect(
        !workloadRule ||
          cases.some((c) => c.policy === rule.name) ||
          // These have their own suites: disruption budgets below, the data-tier rules in data.test.ts.
          [
            "disruption-budget-for-replicated-workloads",
            "no-public-data-endpoints",
            "plaintext-data-needs-reason",
            "data-volumes-on-stack-classes",
          ].includes(rule.name),
      ).toBe(true);
    }
  });

  it("a compliant platform passes every security policy", () => {
    for (const rule of securityPack.rules) expect(messagesOf(rule.name, platform())).toEqual([]);
  });

  it("readOnlyRootFilesystem is advisory, the rest mandatory", () => {
    expect(ruleNamed("read-only-root-filesystem").enforcementLevel).toBe("advisory");
    expect(securityPack.rules.filter((rule) => rule.enforcementLevel === "mandatory")).toHaveLength(
      securityPack.rules.length - 1,
    );
  });

  describe.each(cases)("$policy: $title", ({ policy, pod, expected }) => {
    it("is reported on a Deployment", () => {
      const messages = messagesOf(policy, withPod(pod));
      expect(
        messages.some((message) => expected.test(message)),
        messages.join("\n"),
      ).toBe(true);
    });
  });

  it("applies to bare Pods, StatefulSets and CronJobs", () => {
    const spec = podSpec("vip", { hostNetwork: true });
    const pod: k8s.core.v1.PodArgs = { metadata: { name: "debug", namespace: namespaceOf("acme") }, spec };
    const statefulSet: k8s.apps.v1.StatefulSetArgs = {
      metadata: { name: "db", namespace: namespaceOf("acme") },
      spec: {
        serviceName: "db",
        selector: { matchLabels: { app: "db" } },
        template: { metadata: { labels: { app: "db" } }, spec },
      },
    };
    const cronJob: k8s.batch.v1.CronJobArgs = {
      metadata: { name: "nightly", namespace: namespaceOf("acme") },
      spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec } } } },
    };
    const check = ruleNamed("no-host-namespaces");
    if (check.kind !== "resource") throw new Error("expected a resource rule");
    for (const [type, args] of [
      [TYPES.pod, pod],
      [TYPES.statefulSet, statefulSet],
      [TYPES.cronJob, cronJob],
    ] as const) {
      expect(check.check(type, resource(type, "x", args).props)).toEqual(["hostNetwork: true is not allowed"]);
    }
  });

  it("accepts digests and registry ports when reading tags", () => {
    expect(imageTag("registry.local:5000/openim/api")).toBeUndefined();
    expect(imageTag("registry.local:5000/openim/api:v1")).toBe("v1");
    expect(
      messagesOf(
        "pinned-images",
        withPod({
          containers: [
            container({ image: "openim/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }),
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe("disruption-budget-for-replicated-workloads", () => {
  const policy = "disruption-budget-for-replicated-workloads";
  const withoutPdb = (): PlainResource[] => platform().filter((r) => r.name !== "acme-api-pdb");

  it("is reported for a multi-replica Deployment without a PDB", () => {
    expect(messagesOf(policy, withoutPdb())).toEqual([
      'Deployment "im-t-acme/api" can run 2 replicas but no PodDisruptionBudget selects its pods',
    ]);
  });

  it("is reported when an autoscaler can scale a single replica out", () => {
    const single = replace(
      withoutPdb(),
      "acme-api",
      resource(TYPES.deployment, "acme-api", deployment({ tenant: "acme", tier: "vip", replicas: 1 })),
    );
    const hpa: k8s.autoscaling.v2.HorizontalPodAutoscalerArgs = {
      metadata: { name: "api", namespace: namespaceOf("acme") },
      spec: {
        minReplicas: 1,
        maxReplicas: 5,
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" },
      },
    };
    expect(messagesOf(policy, single)).toEqual([]);
    expect(messagesOf(policy, [...single, resource(TYPES.hpa, "acme-api-hpa", hpa)])).toEqual([
      expect.stringMatching(/can run 5 replicas/),
    ]);
  });

  it("counts a KEDA ScaledObject and points at the Deployment even when the scaler shares its name", () => {
    const single = replace(
      withoutPdb(),
      "acme-api",
      resource(TYPES.deployment, "acme-api", deployment({ tenant: "acme", tier: "vip", replicas: 1 })),
    );
    const scaledObject = {
      apiVersion: "keda.sh/v1alpha1",
      kind: "ScaledObject",
      metadata: { name: "api", namespace: namespaceOf("acme") },
      spec: { scaleTargetRef: { name: "api" }, minReplicaCount: 1, maxReplicaCount: 4 },
    };
    const findings = findingsOf(policy, [
      ...single,
      resource("kubernetes:keda.sh/v1alpha1:ScaledObject", "acme-api", scaledObject),
    ]);
    expect(findings.map((f) => [f.resourceType, f.resourceName, f.message])).toEqual([
      [TYPES.deployment, "acme-api", expect.stringMatching(/can run 4 replicas/)],
    ]);
  });

  it("is not satisfied by a PDB in another namespace", () => {
    const elsewhere = resource(TYPES.pdb, "globex-api-pdb-2", pdb("globex"));
    expect(messagesOf(policy, [...withoutPdb(), elsewhere])).toHaveLength(1);
  });
});

describe("pinned-images where the stack requires digests", () => {
  const rule = securityPack.rules.find((candidate) => candidate.name === "pinned-images");
  const workload = (image: string, labels: Record<string, string>) => ({
    spec: { template: { metadata: { labels }, spec: { containers: [{ name: "api", image }] } } },
  });
  const check = (image: string, labels: Record<string, string>) =>
    rule?.kind === "resource" ? rule.check("kubernetes:apps/v1:Deployment", workload(image, labels)) : ["no such rule"];

  it("refuses a tag alone on a workload labelled image-pinning=digest, and accepts its digest", () => {
    const digest = `openim/openim-api:v3.8.3@sha256:${"a".repeat(64)}`;
    expect(check("openim/openim-api:v3.8.3", { "im-platform.io/image-pinning": "digest" })[0]).toMatch(
      /pinned by tag alone, but its stack requires digests/,
    );
    expect(check(digest, { "im-platform.io/image-pinning": "digest" })).toEqual([]);
    expect(check("openim/openim-api:v3.8.3", {})).toEqual([]);
  });
});
