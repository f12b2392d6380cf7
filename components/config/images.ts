import { bindsData, type CatalogueDefinition } from "../catalogue/definition";
import { CONFIG_NAMESPACE, configPath, type ConfigIssue } from "./errors";
import type { DataConfig } from "./data-schema";
import type { ImagesConfig } from "./images-schema";
import type { Environment } from "./platform-schema";
import type { ServiceSpec } from "./service-schema";

const hasDigest = (image: string) => image.includes("@sha256:");
type DataImages = DataConfig["images"];

/** With managed data: the kinds every target runs managed, and whether any target proxies a TLS-only Redis. */
export interface DataImagePlacement {
  readonly managedEverywhere: readonly string[];
  readonly redisProxied: boolean;
}

/**
 * The data tier's images a stack runs: all but the Redis TLS proxy in the cluster, only the cells'
 * Redis with external data. With managed data, those of the services some target keeps in the
 * cluster, MongoDB's (its shell creates the cells' users on a managed one too) and the proxy's
 * where a target needs it; all of them where the targets are not known.
 */
export function dataImagesInUse(
  data: DataConfig | undefined,
  catalogue: CatalogueDefinition | undefined,
  placement?: DataImagePlacement,
): Partial<DataImages> {
  if (!data || !bindsData(catalogue)) return {};
  if (data.mode === "external") return { redis: data.images.redis };
  const { redisTlsProxy, ...inCluster } = data.images;
  if (data.mode === "inCluster") return inCluster;
  if (!placement) return data.images;
  const inUse: Partial<DataImages> = {
    mongodb: data.images.mongodb,
    etcd: data.images.etcd,
    etcdClient: data.images.etcdClient,
  };
  const kept = (kind: string) => !placement.managedEverywhere.includes(kind);
  if (kept("redis")) inUse.redis = data.images.redis;
  if (kept("kafka")) inUse.kafka = data.images.kafka;
  if (kept("objectStore"))
    Object.assign(inUse, { objectStore: data.images.objectStore, objectStoreClient: data.images.objectStoreClient });
  if (placement.redisProxied) inUse.redisTlsProxy = redisTlsProxy;
  return inUse;
}

/** Every image reference the stack runs, with who runs it. */
export function imageUsers(services: readonly ServiceSpec[], dataImages: Partial<DataImages>): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const add = (image: string, user: string) => users.set(image, [...(users.get(image) ?? []), user]);
  for (const service of services) add(service.image, service.name);
  for (const [key, image] of Object.entries(dataImages)) add(image, `data.images.${key}`);
  return users;
}

const withDigest = (image: string, images: ImagesConfig): string => {
  const digest = hasDigest(image) ? undefined : images.digests[image];
  return digest ? `${image}@${digest}` : image;
};

/**
 * The services and the data tier's images with every recorded digest applied, whether digests
 * are required, and the images a stack that requires them lacks.
 */
export function pinImages(
  services: readonly ServiceSpec[],
  data: DataConfig | undefined,
  catalogue: CatalogueDefinition | undefined,
  images: ImagesConfig,
  environment: Environment,
  placement?: DataImagePlacement,
): { services: ServiceSpec[]; data: DataConfig | undefined; required: boolean; issues: ConfigIssue[] } {
  const users = imageUsers(services, dataImagesInUse(data, catalogue, placement));
  const required = digestsRequired(images, environment);
  const issues: ConfigIssue[] = [];
  if (required) {
    for (const [image, runners] of users) {
      if (hasDigest(image) || images.digests[image]) continue;
      issues.push({
        path: configPath(["images", "digests", image]),
        message: `is missing: ${runners.join(", ")} would run ${image}, pinned by tag alone, which a re-push changes; run npm run pin-images -- --stack <stack> where the registry is reachable${environment === "prod" && images.requireDigests === undefined ? ", or set images.allowTagsInProd: true to accept tags (named in a warning on every run)" : ""}`,
      });
    }
  }
  for (const image of Object.keys(images.digests).filter((key) => !users.has(key))) {
    issues.push({
      path: `${CONFIG_NAMESPACE}:images.digests`,
      message: `names ${image}, which nothing of this stack runs; remove it, or fix the reference to match an image exactly`,
    });
  }
  const pinnedData = data && {
    ...data,
    images: Object.fromEntries(
      Object.entries(data.images).map(([key, image]) => [key, withDigest(image, images)]),
    ) as DataImages,
  };
  return {
    services: services.map((service) => ({ ...service, image: withDigest(service.image, images) })),
    data: pinnedData,
    required,
    issues,
  };
}

/** Whether a stack refuses tag-only images: as set, else in prod unless `allowTagsInProd`. */
function digestsRequired(images: ImagesConfig, environment: Environment): boolean {
  return images.requireDigests ?? (environment === "prod" && !images.allowTagsInProd);
}
