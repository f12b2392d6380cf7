/** An image reference split the way registries address it. */
export interface ImageReference {
  /** Registry host ("registry-1.docker.io" for Docker Hub). */
  readonly registry: string;
  /** Repository path ("library/nginx", "openim/openim-api"). */
  readonly repository: string;
  readonly tag: string;
}

const DOCKER_HUB = "registry-1.docker.io";

/** "openim/openim-api:v3.8.3" -> Docker Hub, "openim/openim-api", "v3.8.3"; a first part with "." or ":" is a registry host. */
export function parseImageReference(image: string): ImageReference {
  const [name, digest] = image.split("@");
  if (digest) throw new Error(`${image} already carries a digest`);
  const slash = name!.indexOf("/");
  const first = slash >= 0 ? name!.slice(0, slash) : "";
  const hasRegistry = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : DOCKER_HUB;
  const path = hasRegistry ? name!.slice(slash + 1) : name!;
  const colon = path.lastIndexOf(":");
  if (colon < 0) throw new Error(`${image} has no tag to resolve`);
  const repository = path.slice(0, colon);
  return {
    registry,
    repository: registry === DOCKER_HUB && !repository.includes("/") ? `library/${repository}` : repository,
    tag: path.slice(colon + 1),
  };
}
