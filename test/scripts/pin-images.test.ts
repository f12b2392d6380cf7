import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_PACKS } from "../../policies/rules/packs";
import { fromSynth } from "../../scripts/check/load";
import { runPacks } from "../../scripts/check/run";
import { parseImageReference } from "../../scripts/pin-images/reference";
import { readStackConfig, stackFilePath } from "../../scripts/synth/stack-file";
import { synthesize } from "../../scripts/synth/synthesize";

const run = promisify(execFile);
const TSX = path.resolve(__dirname, "../../node_modules/.bin/tsx");
const SCRIPT = path.resolve(__dirname, "../../scripts/pin-images.ts");
const digestFor = (name: string) => `sha256:${createHash("sha256").update(name).digest("hex")}`;

/**
 * A registry on loopback speaking the distribution API's two calls the resolver makes: a manifest
 * HEAD that answers 401 with a Bearer challenge until a token is shown, and the token endpoint.
 */
function startRegistry(): Promise<{ server: Server; url: string; heads: string[] }> {
  const heads: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://registry");
    const base = `http://${request.headers.host}`;
    if (url.pathname === "/token") {
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ token: `t:${url.searchParams.get("scope")}` }));
      return;
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (!manifest || request.method !== "HEAD") return void response.writeHead(404).end();
    const [, repository, tag] = manifest;
    const scope = `repository:${repository}:pull`;
    if (request.headers.authorization !== `Bearer t:${scope}`) {
      response
        .writeHead(401, { "www-authenticate": `Bearer realm="${base}/token",service="test-registry",scope="${scope}"` })
        .end();
      return;
    }
    expect(request.headers.accept).toMatch(/application\/vnd\.oci\.image\.index\.v1\+json/);
    heads.push(`${repository}:${tag}`);
    response.writeHead(200, { "docker-content-digest": digestFor(`${repository}:${tag}`) }).end();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, heads, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe("image references", () => {
  it.each([
    ["openim/openim-api:v3.8.3", { registry: "registry-1.docker.io", repository: "openim/openim-api", tag: "v3.8.3" }],
    ["redis:7.4", { registry: "registry-1.docker.io", repository: "library/redis", tag: "7.4" }],
    ["registry.local:5000/team/app:1.2", { registry: "registry.local:5000", repository: "team/app", tag: "1.2" }],
    [
      "ghcr.io/openimsdk/openim-server:v3.8.3",
      { registry: "ghcr.io", repository: "openimsdk/openim-server", tag: "v3.8.3" },
    ],
  ])("%s", (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });
});

describe("npm run pin-images against a registry on loopback", () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "im-pin-")), "Pulumi.aws-prod.yaml");
  beforeAll(async () => {
    registry = await startRegistry();
    copyFileSync(stackFilePath("aws-prod"), file);
  });
  afterAll(() => registry.server.close());

  it("records every image's digest in the stack file, keeping its comments, and a second run resolves nothing", async () => {
    const first = await run(TSX, [SCRIPT, "--config", file, "--registry", registry.url], { encoding: "utf8" });
    // 13 OpenIM images; of the data tier's, what aws-prod runs in the cluster with managed data: MongoDB's
    // shell, etcd and its client, and the Redis TLS proxy (ElastiCache, MSK and S3 pull nothing).
    expect(first.stdout).toMatch(/17 digest\(s\) recorded, 0 already there/);
    expect(registry.heads).toHaveLength(17);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("# AWS, prod:");
    expect(text).toContain(`openim/openim-api:v3.8.3: ${digestFor("openim/openim-api:v3.8.3")}`);
    expect(text).toContain(`haproxy:2.8.4-alpine: ${digestFor("library/haproxy:2.8.4-alpine")}`);
    expect(text).not.toContain("bitnamilegacy/kafka");
    const second = await run(TSX, [SCRIPT, "--config", file, "--registry", registry.url], { encoding: "utf8" });
    expect(second.stdout).toMatch(/0 digest\(s\) recorded, 17 already there/);
    expect(registry.heads).toHaveLength(17);
  });

  it("lets the prod stack drop allowTagsInProd: it then runs every image by digest, labelled for the security pack", async () => {
    writeFileSync(file, readFileSync(file, "utf8").replace("    allowTagsInProd: true\n", ""));
    const stack = await synthesize(readStackConfig(file), "aws-prod");
    // The IM services and the data tier alike: Deployments, StatefulSets and bootstrap Jobs.
    const deployments = stack.resources.filter((resource) =>
      ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:batch/v1:Job"].includes(
        resource.type,
      ),
    );
    expect(deployments.length).toBeGreaterThan(10);
    expect(runPacks(fromSynth(stack.resources), ALL_PACKS).filter((finding) => finding.level === "mandatory")).toEqual(
      [],
    );
    for (const deployment of deployments) {
      const template = (
        deployment.inputs.spec as {
          template: {
            metadata: { labels: Record<string, string> };
            spec: { containers: Array<{ image: string }>; initContainers?: Array<{ image: string }> };
          };
        }
      ).template;
      expect(template.metadata.labels["im-platform.io/image-pinning"]).toBe("digest");
      for (const container of [...template.spec.containers, ...(template.spec.initContainers ?? [])])
        expect(container.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    }
  });
});
