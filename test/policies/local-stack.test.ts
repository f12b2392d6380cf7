import type * as k8s from "@pulumi/kubernetes";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_PACKS } from "../../policies/rules/packs";
import type { PlainResource } from "../../policies/rules/types";
import { fromSynth } from "../../scripts/check/load";
import { hasMandatory, runPacks } from "../../scripts/check/run";
import { readStackConfig, stackFilePath } from "../../scripts/synth/stack-file";
import { synthesize } from "../../scripts/synth/synthesize";
import { plain, resource, TYPES } from "./fixtures";

/** The part of a synthesized Deployment's JSON the privileged breakage edits. */
interface ContainersOnly {
  spec: { template: { spec: { containers: Array<{ securityContext: k8s.types.input.core.v1.SecurityContext }> } } };
}

// synthesize() drives Pulumi's process-global mock runtime: one run, shared by every test here.
let synthesized: PlainResource[] = [];
beforeAll(async () => {
  synthesized = fromSynth((await synthesize(readStackConfig(stackFilePath("local")), "local")).resources);
});

function find(predicate: (r: PlainResource) => boolean): PlainResource {
  const found = synthesized.find(predicate);
  if (!found) throw new Error("fixture resource not found in the local stack");
  return found;
}

const inNamespace =
  (type: string, namespace: string) =>
  (r: PlainResource): boolean =>
    r.type === type && (r.props["metadata"] as { namespace?: string } | undefined)?.namespace === namespace;

const named = (type: string, namespace: string, name: string) => (r: PlainResource) =>
  inNamespace(type, namespace)(r) && (r.props["metadata"] as { name?: string }).name === name;
const SECRET = "kubernetes:core/v1:Secret";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
/** A copy of `target` with its props changed by `edit`, in place of the original. */
function edited(resources: PlainResource[], target: PlainResource, edit: (props: any) => void): PlainResource[] {
  const props = structuredClone(target.props);
  edit(props);
  return resources.map((r) => (r === target ? { ...r, props } : r));
}
/** The data values of a synthesized Secret, under Pulumi's secret envelope. */
const dataValues = (props: any): Record<string, string> => props.stringData.value ?? props.stringData;

interface Breakage {
  readonly title: string;
  readonly policy: string;
  readonly breakIt: (resources: PlainResource[]) => PlainResource[];
}

const breakages: Breakage[] = [
  {
    title: "drop the VIP cell's PodMonitor",
    policy: "every-cell-monitored",
    breakIt: (resources) =>
      resources.filter(
        (r) => r !== find(inNamespace("kubernetes:monitoring.coreos.com/v1:PodMonitor", "im-t-initech")),
      ),
  },
  {
    title: "drop a shared tenant's SLO rules",
    policy: "every-cell-monitored",
    breakIt: (resources) =>
      resources.filter(
        (r) => r !== find(inNamespace("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "im-t-acme")),
      ),
  },
  {
    title: "drop the VIP cell's ResourceQuota",
    policy: "tenant-quota-and-limits",
    breakIt: (resources) => resources.filter((r) => r !== find(inNamespace(TYPES.quota, "im-t-initech"))),
  },
  {
    title: "open a shared tenant's cell to the VIP tenant's namespace",
    policy: "no-cross-tenant-traffic",
    breakIt: (resources) => {
      const open: k8s.networking.v1.NetworkPolicyArgs = {
        metadata: { name: "allow-initech", namespace: "im-t-acme" },
        spec: {
          podSelector: {},
          policyTypes: ["Ingress"],
          ingress: [
            { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "im-t-initech" } } }] },
          ],
        },
      };
      return [...resources, resource(TYPES.networkPolicy, "shared-allow-initech", open)];
    },
  },
  {
    title: "make a tenant container privileged",
    policy: "no-privileged-containers",
    breakIt: (resources) => {
      const target = find(inNamespace(TYPES.deployment, "im-t-initech"));
      const args = structuredClone(target.props) as unknown as ContainersOnly;
      args.spec.template.spec.containers.forEach((c) => {
        c.securityContext = { ...c.securityContext, privileged: true };
      });
      return resources.map((r) => (r === target ? { ...r, props: plain(args) } : r));
    },
  },
  {
    title: "add a LoadBalancer Service to a tenant namespace",
    policy: "no-external-tenant-services",
    breakIt: (resources) => {
      const lb: k8s.core.v1.ServiceArgs = {
        metadata: { name: "debug-lb", namespace: "im-t-acme" },
        spec: { type: "LoadBalancer", ports: [{ port: 22 }] },
      };
      return [...resources, resource(TYPES.service, "shared-debug-lb", lb)];
    },
  },
  {
    title: "bind cluster-admin in a tenant namespace",
    policy: "tenant-rbac-scope",
    breakIt: (resources) => {
      const binding: k8s.rbac.v1.RoleBindingArgs = {
        metadata: { name: "debug-admin", namespace: "im-t-acme" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
        subjects: [{ kind: "ServiceAccount", name: "im-cell", namespace: "im-t-acme" }],
      };
      return [...resources, resource(TYPES.roleBinding, "acme-debug-admin", binding)];
    },
  },
  {
    title: "point globex's server at acme's database",
    policy: "no-shared-data-bindings",
    breakIt: (resources) => {
      const acme = find(named(CONFIG_MAP, "im-t-acme", "im-app-config"));
      return edited(resources, find(named(CONFIG_MAP, "im-t-globex", "im-app-config")), (props) => {
        props.data["mongodb.yml"] = (acme.props as any).data["mongodb.yml"];
      });
    },
  },
  {
    title: "give globex acme's discovery root",
    policy: "no-shared-data-bindings",
    breakIt: (resources) =>
      edited(resources, find(named(CONFIG_MAP, "im-t-globex", "im-app-config")), (props) => {
        props.data["discovery.yml"] = props.data["discovery.yml"].replace("openim-globex", "openim-acme");
      }),
  },
  {
    title: "give globex acme's server secret",
    policy: "no-shared-cell-secrets",
    breakIt: (resources) => {
      const acme = dataValues(find(named(SECRET, "im-t-acme", "im-data")).props);
      return edited(resources, find(named(SECRET, "im-t-globex", "im-data")), (props) => {
        dataValues(props)["server-secret"] = acme["server-secret"]!;
      });
    },
  },
  {
    title: "copy acme's credentials into globex's namespace",
    policy: "cell-secrets-in-own-namespace",
    breakIt: (resources) => {
      const acme = find(named(SECRET, "im-t-acme", "im-data"));
      const copy = structuredClone(acme.props) as any;
      copy.metadata = { ...copy.metadata, name: "acme-copy", namespace: "im-t-globex" };
      return [...resources, { ...acme, name: "acme-copy", props: copy }];
    },
  },
  {
    title: "publish the pooled MongoDB on a load balancer",
    policy: "no-public-data-endpoints",
    breakIt: (resources) =>
      edited(resources, find(named(TYPES.service, "im-data", "mongodb")), (props) => {
        props.spec = { ...props.spec, type: "LoadBalancer", clusterIP: undefined };
      }),
  },
  {
    title: "admit an address range into the data namespace",
    policy: "no-public-data-endpoints",
    breakIt: (resources) =>
      edited(resources, find(named(TYPES.networkPolicy, "im-data", "allow-cells-kafka")), (props) => {
        props.spec.ingress[0].from.push({ ipBlock: { cidr: "0.0.0.0/0" } });
      }),
  },
  {
    title: "run a cell's MongoDB connection in plaintext without a reason",
    policy: "plaintext-data-needs-reason",
    breakIt: (resources) =>
      edited(resources, find(named(SECRET, "im-t-acme", "im-data")), (props) => {
        props.metadata.annotations["im-platform.io/plaintext"] = JSON.stringify({ mongodb: "" });
      }),
  },
];

describe("the local stack, synthesized", () => {
  it("passes both packs with no mandatory violation", () => {
    const findings = runPacks(synthesized, ALL_PACKS);
    expect(findings.filter((f) => f.level === "mandatory")).toEqual([]);
    expect(synthesized.length).toBeGreaterThan(50);
  });

  describe.each(breakages)("$title", ({ policy, breakIt }) => {
    it(`is caught by ${policy}`, () => {
      const findings = runPacks(breakIt([...synthesized]), ALL_PACKS);
      expect(hasMandatory(findings)).toBe(true);
      expect(findings.filter((f) => f.level === "mandatory").map((f) => f.policy)).toContain(policy);
    });
  });
});
