import { describe, expect, it } from "vitest";
import { kubectl, kubectlOk } from "../../scripts/local/kubectl";

/**
 * The Prometheus Operator's CRDs the local control plane serves (cluster.sh's monitoring-crds
 * add-on, copied from github.com/prometheus-operator/prometheus-operator by the toolchain) are the
 * operator's own, with structural schemas: the API server refuses a monitoring object whose
 * fields are wrong, so the kit's objects it accepts (pulumi-up.test.ts, api-server-validation)
 * are judged, not stored blindly.
 */
const OPERATOR_VERSION = "0.93.1";
const GROUP = "monitoring.coreos.com";
const KINDS = [
  "Alertmanager",
  "AlertmanagerConfig",
  "PodMonitor",
  "Probe",
  "Prometheus",
  "PrometheusAgent",
  "PrometheusRule",
  "ScrapeConfig",
  "ServiceMonitor",
  "ThanosRuler",
];

// A create, so the CRD's own schema validation answers (what `kubectl explain` shows); strict, so an unknown field is refused too.
const DRY_RUN = ["create", "--dry-run=server", "--validate=strict", "-f", "-"];
// What the Kubernetes provider sends: a server-side apply, whose typed patch is built from the same schema.
const APPLY = [
  "apply",
  "--server-side",
  "--dry-run=server",
  "--validate=strict",
  "--field-manager=im-platform-e2e",
  "-f",
  "-",
];
const offer = (object: Record<string, unknown>, verb = DRY_RUN) => kubectl(verb, JSON.stringify(object));

interface Crd {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; served: boolean; schema?: { openAPIV3Schema?: Record<string, any> } }>;
  };
  status?: { conditions?: Array<{ type: string; status: string }> };
}

const podMonitor = (endpoint: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: `${GROUP}/v1`,
  kind: "PodMonitor",
  metadata: { name: "e2e-monitor", namespace: "default" },
  spec: {
    selector: { matchLabels: { "im-platform.io/cell": "acme" } },
    podMetricsEndpoints: [{ port: "metrics", path: "/metrics", interval: "30s", ...endpoint }],
    ...spec,
  },
});

describe("the Prometheus Operator's CRDs on the local control plane", () => {
  it(`are the operator's v${OPERATOR_VERSION} set, established, with structural schemas`, () => {
    const crds = (JSON.parse(kubectlOk(["get", "crds", "-o", "json"])) as { items: Crd[] }).items.filter(
      (crd) => crd.spec.group === GROUP,
    );
    expect(crds.map((crd) => crd.spec.names.kind).sort()).toEqual(KINDS);
    for (const crd of crds) {
      const name = crd.metadata.name;
      expect(crd.metadata.annotations?.["operator.prometheus.io/version"], name).toBe(OPERATOR_VERSION);
      const conditions = new Map((crd.status?.conditions ?? []).map((c) => [c.type, c.status]));
      expect(conditions.get("Established"), name).toBe("True");
      expect(conditions.get("NonStructuralSchema"), name).toBeUndefined();
      for (const version of crd.spec.versions.filter((candidate) => candidate.served)) {
        const spec = version.schema?.openAPIV3Schema?.properties?.spec;
        // A schema that describes the spec field by field; no spec that keeps whatever it is given.
        expect(spec?.type, `${name} ${version.name}`).toBe("object");
        expect(Object.keys(spec?.properties ?? {}).length, `${name} ${version.name}`).toBeGreaterThan(0);
        expect(spec?.["x-kubernetes-preserve-unknown-fields"], `${name} ${version.name}`).toBeUndefined();
      }
    }
    // AlertmanagerConfig is served at v1alpha1 only: v1beta1 needs the operator's conversion webhook.
    const alertmanagerConfig = crds.find((crd) => crd.spec.names.kind === "AlertmanagerConfig")!;
    expect(alertmanagerConfig.spec.versions.filter((v) => v.served).map((v) => v.name)).toEqual(["v1alpha1"]);
  });

  it("accept a well-formed PodMonitor and refuse one whose fields are wrong", () => {
    for (const verb of [DRY_RUN, APPLY]) {
      const accepted = offer(podMonitor({}), verb);
      expect(accepted.status, accepted.stderr).toBe(0);
    }
    // The provider's server-side apply is refused before validation even runs: the schema types its patch.
    const applied = offer(podMonitor({ port: 8080 }), APPLY);
    console.log(
      `PodMonitor with a port number where the port name goes, server-side applied:\n  ${applied.stderr.trim()}`,
    );
    expect(applied.status).not.toBe(0);
    expect(applied.stderr).toMatch(/\.spec\.podMetricsEndpoints\[0\]\.port: expected string/);

    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        "a port number where the port name goes",
        podMonitor({ port: 8080 }),
        /podMetricsEndpoints\[0\]\.port: Invalid value: "integer": .*must be of type string/,
      ],
      [
        "an interval that is no Prometheus duration",
        podMonitor({ interval: "30 seconds" }),
        /podMetricsEndpoints\[0\]\.interval: Invalid value: "30 seconds": .*should match/,
      ],
      [
        "a relabelling action that does not exist",
        podMonitor({ relabelings: [{ action: "copy", targetLabel: "tenant" }] }),
        /relabelings\[0\]\.action: Unsupported value: "copy"/,
      ],
      [
        "a field the schema does not know",
        podMonitor({}, { podMetricEndpoints: [] }),
        /unknown field "spec\.podMetricEndpoints"/,
      ],
      [
        "no selector",
        { ...podMonitor({}), spec: { podMetricsEndpoints: [{ port: "metrics" }] } },
        /spec\.selector: Required value/,
      ],
    ];
    for (const [what, object, expected] of refusals) {
      const refused = offer(object);
      console.log(`PodMonitor with ${what}:\n  ${refused.stderr.trim()}`);
      expect(refused.status, what).not.toBe(0);
      expect(refused.stderr, what).toMatch(expected);
    }
  });

  it("refuse a PrometheusRule without an expression and an AlertmanagerConfig with an unknown matcher", () => {
    const rule = (rules: unknown[]) => ({
      apiVersion: `${GROUP}/v1`,
      kind: "PrometheusRule",
      metadata: { name: "e2e-rules", namespace: "default" },
      spec: { groups: [{ name: "e2e", rules }] },
    });
    expect(offer(rule([{ alert: "Down", expr: "up == 0", for: "5m" }])).status).toBe(0);
    const noExpr = offer(rule([{ alert: "Down", for: "5m" }]));
    expect(noExpr.status).not.toBe(0);
    expect(noExpr.stderr).toMatch(/spec\.groups\[0\]\.rules\[0\]\.expr: Required value/);

    const routing = (matchType: string) => ({
      apiVersion: `${GROUP}/v1alpha1`,
      kind: "AlertmanagerConfig",
      metadata: { name: "e2e-routing", namespace: "default" },
      spec: {
        route: { receiver: "oncall", matchers: [{ name: "audience", value: "vip", matchType }] },
        receivers: [{ name: "oncall", webhookConfigs: [{ urlSecret: { name: "hooks", key: "url" } }] }],
      },
    });
    expect(offer(routing("=")).status).toBe(0);
    const wrong = offer(routing("=="));
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/spec\.route\.matchers\[0\]\.matchType: Unsupported value: "=="/);
  });
});
