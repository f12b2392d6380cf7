import { CONFIG_NAMESPACE, configPath, type ConfigIssue } from "./errors";
import type { ImagesConfig } from "./images-schema";
import type { Environment } from "./platform-schema";
import type { ServiceSpec } from "./service-schema";

const hasDigest = (image: string) => image.includes("@sha256:");

/** The services with every recorded digest applied, whether digests are required, and the images a stack that requires them lacks. */
export function pinImages(
  services: readonly ServiceSpec[],
  images: ImagesConfig,
  environment: Environment,
): { services: ServiceSpec[]; required: boolean; issues: ConfigIssue[] } {
  const tagOnly: string[] = [];
  const pinned = services.map((service) => {
    if (hasDigest(service.image)) return service;
    const digest = images.digests[service.image];
    if (digest) return { ...service, image: `${service.image}@${digest}` };
    if (!tagOnly.includes(service.image)) tagOnly.push(service.image);
    return service;
  });
  const required = digestsRequired(images, environment);
  const issues: ConfigIssue[] = [];
  if (required) {
    for (const image of tagOnly) {
      const users = services.filter((service) => service.image === image).map((service) => service.name);
      issues.push({
        path: configPath(["images", "digests", image]),
        message: `is missing: ${users.join(", ")} would run ${image}, pinned by tag alone, which a re-push changes; run npm run pin-images -- --stack <stack> where the registry is reachable${environment === "prod" && images.requireDigests === undefined ? ", or set images.allowTagsInProd: true to accept tags (named in a warning on every run)" : ""}`,
      });
    }
  }
  const used = new Set(services.map((service) => service.image));
  for (const image of Object.keys(images.digests).filter((key) => !used.has(key))) {
    issues.push({
      path: `${CONFIG_NAMESPACE}:images.digests`,
      message: `names ${image}, which no enabled service runs; remove it, or fix the reference to match a service's image exactly`,
    });
  }
  return { services: pinned, required, issues };
}

/** Whether a stack refuses tag-only images: as set, else in prod unless `allowTagsInProd`. */
function digestsRequired(images: ImagesConfig, environment: Environment): boolean {
  return images.requireDigests ?? (environment === "prod" && !images.allowTagsInProd);
}
