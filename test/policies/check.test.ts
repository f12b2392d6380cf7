import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type {
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { toPolicy } from "../../policies/pack/to-policies";
import { ALL_PACKS } from "../../policies/rules/packs";
import { parseResourceDocument } from "../../scripts/check/load";
import { parsePolicyConfig } from "../../scripts/check/policy-config";
import { runPacks } from "../../scripts/check/run";
import { service, platform, resource, TYPES, namespaceOf } from "./fixtures";
import { ruleNamed } from "./helpers";

const exposed = () => [...platform(), resource(TYPES.service, "acme-lb", service("acme", "lb", "LoadBalancer"))];

describe("policy config", () => {
  it("accepts Pulumi's string and object forms and disables policies", () => {
    const levels = parsePolicyConfig(
      { "no-external-tenant-services": { enforcementLevel: "advisory" }, "pinned-images": "disabled" },
      ALL_PACKS,
    );
    expect(levels.get("no-external-tenant-services")).toBe("advisory");
    const findings = runPacks(exposed(), ALL_PACKS, levels);
    expect(findings.map((f) => [f.policy, f.level])).toEqual([["no-external-tenant-services", "advisory"]]);
    expect(
      runPacks(exposed(), ALL_PACKS, parsePolicyConfig({ "no-external-tenant-services": "disabled" }, ALL_PACKS)),
    ).toEqual([]);
  });

  it("rejects unknown policies and levels", () => {
    expect(() => parsePolicyConfig({ "no-such-policy": "advisory" }, ALL_PACKS)).toThrow(
      /unknown policy "no-such-policy"/,
    );
    expect(() => parsePolicyConfig({ "pinned-images": "sometimes" }, ALL_PACKS)).toThrow(
      /not one of advisory, mandatory, disabled/,
    );
  });
});

describe("resource files", () => {
  it("reads a stack export: custom resources only, named by URN, inputs before outputs", () => {
    const document = {
      version: 3,
      deployment: {
        resources: [
          {
            urn: "urn:pulumi:dev::im-platform::pulumi:pulumi:Stack::im-platform-dev",
            type: "pulumi:pulumi:Stack",
            custom: false,
          },
          {
            urn: "urn:pulumi:dev::im-platform::pulumi:providers:kubernetes::k8s",
            type: "pulumi:providers:kubernetes",
            custom: true,
            inputs: {},
          },
          {
            urn: "urn:pulumi:dev::im-platform::im-platform:tenancy:Tenancy::main",
            type: "im-platform:tenancy:Tenancy",
            custom: false,
          },
          {
            urn: "urn:pulumi:dev::im-platform::im-platform:tenancy:Tenancy$kubernetes:core/v1:Service::acme-lb",
            type: TYPES.service,
            custom: true,
            inputs: {},
            outputs: { metadata: { name: "lb", namespace: namespaceOf("acme") }, spec: { type: "LoadBalancer" } },
          },
        ],
      },
    };
    expect(parseResourceDocument(document)).toEqual([
      {
        type: TYPES.service,
        name: "acme-lb",
        props: { metadata: { name: "lb", namespace: "im-t-acme" }, spec: { type: "LoadBalancer" } },
      },
    ]);
  });

  it("reads the kit's synth JSON and rejects anything else", () => {
    expect(
      parseResourceDocument({
        stack: "local",
        resources: [{ type: TYPES.service, name: "x", inputs: { spec: {} } }],
        outputs: {},
      }),
    ).toEqual([{ type: TYPES.service, name: "x", props: { spec: {} } }]);
    expect(() => parseResourceDocument([])).toThrow(/JSON object/);
  });
});

describe("Pulumi policy wrappers call the same rules", () => {
  it("resource policies report the rule's messages", () => {
    const policy = toPolicy(ruleNamed("pinned-images")) as ResourceValidationPolicy;
    const reported: string[] = [];
    const args = {
      type: TYPES.pod,
      props: { spec: { containers: [{ name: "app", image: "nginx" }] } },
    } as unknown as ResourceValidationArgs;
    const validate = policy.validateResource;
    if (typeof validate !== "function") throw new Error("expected a single validateResource function");
    void validate(args, (message: string) => {
      reported.push(message);
    });
    expect(reported).toEqual(['[IMS011] container "app": image "nginx" has no tag; pin a version or digest']);
  });

  it("stack policies report against the offending resource's URN", () => {
    const policy = toPolicy(ruleNamed("no-external-tenant-services")) as StackValidationPolicy;
    const reported: Array<[string, string | undefined]> = [];
    const resources = exposed().map((r) => ({ ...r, urn: `urn:pulumi:dev::im-platform::${r.type}::${r.name}` }));
    void policy.validateStack(
      { resources, getConfig: () => ({}) } as unknown as StackValidationArgs,
      (message, urn) => {
        reported.push([message, urn]);
      },
    );
    expect(reported).toEqual([
      [
        expect.stringMatching(/^\[IMT009\] Service of type LoadBalancer/),
        `urn:pulumi:dev::im-platform::${TYPES.service}::acme-lb`,
      ],
    ]);
  });
});

describe("scripts/check.ts", () => {
  it("prints one line per violation and a summary, and exits 1 on a mandatory violation", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "im-check-"));
    const file = path.join(dir, "resources.json");
    writeFileSync(
      file,
      JSON.stringify({
        stack: "t",
        resources: exposed().map((r) => ({ type: r.type, name: r.name, inputs: r.props })),
        outputs: {},
      }),
    );
    const tsx = path.resolve(__dirname, "../../node_modules/.bin/tsx");
    const script = path.resolve(__dirname, "../../scripts/check.ts");
    let status = 0;
    let stdout: string;
    try {
      stdout = execFileSync(tsx, [script, "--from", file], { encoding: "utf8" });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      stdout = failed.stdout;
    }
    expect(status).toBe(1);
    expect(stdout.trim().split("\n")).toEqual([
      'no-external-tenant-services [mandatory] kubernetes:core/v1:Service acme-lb: IMT009 Service of type LoadBalancer in tenant namespace "im-t-acme" without im-platform.io/edge: "true"',
      expect.stringMatching(/^\d+ resources checked: 1 mandatory, 0 advisory violation\(s\)$/),
    ]);
  });
});
