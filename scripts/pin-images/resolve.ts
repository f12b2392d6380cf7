import { IMAGE_DIGEST } from "../../components/config/images-schema";
import type { ImageReference } from "./reference";

/** Manifest media types a tag may point at: multi-platform indexes first, so the digest covers every platform. */
const ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

/** The token a registry's `WWW-Authenticate: Bearer realm=...,service=...,scope=...` challenge asks for. */
async function bearerToken(challenge: string): Promise<string> {
  const fields = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
  if (!fields.realm) throw new Error(`the registry's challenge names no token realm: ${challenge}`);
  const url = new URL(fields.realm);
  if (fields.service) url.searchParams.set("service", fields.service);
  if (fields.scope) url.searchParams.set("scope", fields.scope);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the token endpoint ${url.origin} answered ${response.status}`);
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token) throw new Error(`the token endpoint ${url.origin} returned no token`);
  return token;
}

/**
 * The digest a tag points at, as the registry reports it (HEAD on the manifest, anonymous pull
 * token where asked). `registryUrl` sends the lookup elsewhere (a mirror, or a test registry).
 */
export async function resolveDigest(
  reference: ImageReference,
  registryUrl = `https://${reference.registry}`,
): Promise<string> {
  const url = `${registryUrl.replace(/\/$/, "")}/v2/${reference.repository}/manifests/${reference.tag}`;
  const head = (token?: string) =>
    fetch(url, { method: "HEAD", headers: { Accept: ACCEPT, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  let response = await head();
  const challenge = response.headers.get("www-authenticate");
  if (response.status === 401 && challenge?.startsWith("Bearer ")) response = await head(await bearerToken(challenge));
  if (!response.ok)
    throw new Error(`${reference.repository}:${reference.tag}: the registry answered ${response.status}`);
  const digest = response.headers.get("docker-content-digest");
  if (!digest || !IMAGE_DIGEST.test(digest))
    throw new Error(`${reference.repository}:${reference.tag}: no sha256 digest in the registry's answer`);
  return digest;
}
