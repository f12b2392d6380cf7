import { describe, expect, it } from "vitest";
import { validateStackConfig } from "../../components/stack/validate";
import { deepClone, localRawConfig } from "../helpers/stack";

type Raw = Record<string, any>;
const digestOf = (seed: number) => `sha256:${seed.toString(16).padStart(64, "0")}`;

function withImages(images: Raw | undefined, environment = "dev"): Raw {
  const raw = deepClone(localRawConfig()) as Raw;
  raw.environment = environment;
  if (environment === "prod") raw.edge.tls = { mode: "pod", secretName: "im-edge-tls" };
  if (images) raw.images = images;
  return raw;
}

/** Every image the local stack runs: the IM services' and, in the cluster, the data tier's (no managed Redis, so no TLS proxy). */
function stackImages(): string[] {
  const result = validateStackConfig(withImages(undefined));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const { redisTlsProxy: _proxy, ...inCluster } = result.config.data.images;
  return [...new Set([...result.config.services.map((service) => service.image), ...Object.values(inCluster)])];
}

const allDigests = () => Object.fromEntries(stackImages().map((image, index) => [image, digestOf(index + 1)]));

describe("images pinned by digest", () => {
  it("are required in prod: every tag-only image is named, with the two ways out", () => {
    const result = validateStackConfig(withImages(undefined, "prod"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const missing = result.issues.filter((issue) => issue.path.startsWith("im-platform:images.digests."));
    expect(missing.map((issue) => issue.path.slice("im-platform:images.digests.".length)).sort()).toEqual(
      stackImages().sort(),
    );
    expect(missing[0]?.message).toMatch(/npm run pin-images -- --stack <stack>.*images\.allowTagsInProd: true/);
  });

  it("run as <reference>@<digest> once recorded, and label the workloads for the security pack", () => {
    const result = validateStackConfig(withImages({ digests: allDigests() }, "prod"));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.config.images.requireDigests).toBe(true);
    for (const service of result.config.services)
      expect(service.image).toMatch(/^openim\/[a-z-]+:v3\.8\.3@sha256:[0-9a-f]{64}$/);
    const { redisTlsProxy: _unused, ...inClusterImages } = result.config.data.images;
    for (const image of Object.values(inClusterImages)) expect(image).toMatch(/@sha256:[0-9a-f]{64}$/);
  });

  it("in prod, allowTagsInProd accepts tags; in dev, requireDigests asks for them", () => {
    expect(validateStackConfig(withImages({ allowTagsInProd: true }, "prod")).ok).toBe(true);
    const dev = validateStackConfig(withImages({ requireDigests: true }));
    expect(dev.ok).toBe(false);
    if (!dev.ok) expect(dev.issues[0]?.message).not.toMatch(/allowTagsInProd/);
    expect(validateStackConfig(withImages(undefined)).ok).toBe(true);
  });

  it.each([
    ["a digest that is not sha256", { digests: { "openim/openim-api:v3.8.3": "md5:abc" } }, /must be a content digest/],
    [
      "a digest for an image nothing runs",
      { digests: { "openim/openim-apii:v3.8.3": digestOf(9) } },
      /which nothing of this stack runs/,
    ],
    ["an unknown key", { digest: {} }, /did you mean "digests"/],
  ])("refuse %s", (_title, images, message) => {
    const result = validateStackConfig(withImages(images));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.message).join("\n")).toMatch(message);
  });
});
